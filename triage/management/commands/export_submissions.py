from datetime import date, datetime, time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from triage.export import write_csv
from triage.models import Submission


class Command(BaseCommand):
    help = "Write symptom checks as CSV to standard output."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--since", help="Only checks on or after this date (YYYY-MM-DD).")

    def handle(self, *args, since: str | None = None, **options) -> None:
        submissions = Submission.objects.order_by("created_hour", "id")
        if since:
            try:
                day = date.fromisoformat(since)
            except ValueError:
                raise CommandError(f"--since {since!r} is not a date like 2026-01-31") from None
            start = timezone.make_aware(datetime.combine(day, time.min))
            submissions = submissions.filter(created_hour__gte=start)
        count = write_csv(submissions.iterator(), self.stdout)
        self.stderr.write(f"Exported {count} checks.")
