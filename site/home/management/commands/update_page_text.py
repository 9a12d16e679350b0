"""Rebuild the text the site search looks into, for every page."""

from django.core.management.base import BaseCommand

from home.page_text import update_all


class Command(BaseCommand):
    help = "Refresh the searchable text of every page (after an upgrade or a bulk import)."

    def handle(self, *args, **options):
        count = update_all()
        self.stdout.write(f"{count} pages")
