from django.core.management.base import BaseCommand
from django.utils.dateparse import parse_datetime

from workflows.core.periodic import discover, run_all


class Command(BaseCommand):
    help = (
        "Run every periodic job once: deadlines escalated, messages retried, plans expired. "
        "Safe to run any number of times; schedule it from cron every few minutes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--only", nargs="*", help="run only these jobs", choices=discover())
        parser.add_argument("--now", help="pretend it is this ISO date-time (for catching up)")

    def handle(self, *args, only=None, now=None, **options):
        moment = parse_datetime(now) if now else None
        for name, result in run_all(now=moment, only=only).items():
            self.stdout.write(f"{name}: {result}")
