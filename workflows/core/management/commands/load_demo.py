from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Load the demo data (users per role, public site, records in every state). Idempotent."

    def handle(self, *args, **options):
        from fixtures import demo

        demo.load(stdout=self.stdout)
