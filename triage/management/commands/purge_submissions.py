from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from feedback.models import Feedback
from triage.models import Submission


class Command(BaseCommand):
    help = (
        "Delete symptom checks and page feedback older than TRIAGE_RETENTION_DAYS (default "
        "365). Run daily."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Say how many would go; delete nothing."
        )

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        days = settings.TRIAGE_RETENTION_DAYS
        cutoff = timezone.now() - timedelta(days=days)
        old = Submission.objects.filter(created_hour__lt=cutoff)
        old_feedback = Feedback.objects.filter(created_hour__lt=cutoff)
        if dry_run:
            self.stdout.write(
                f"{old.count()} checks and {old_feedback.count()} feedback answers are older "
                f"than {days} days (dry run)."
            )
            return
        deleted, _ = old.delete()
        deleted_feedback, _ = old_feedback.delete()
        self.stdout.write(
            f"Deleted {deleted} checks and {deleted_feedback} feedback answers older than "
            f"{days} days."
        )
