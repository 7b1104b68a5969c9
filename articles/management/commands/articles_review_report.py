"""Print the articles whose clinical review is overdue or due soon: for cron or e-mail.

Exits with status 1 when any review is overdue, so that a scheduler can raise the alarm.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles.models import Article
from articles.reviews import DUE_SOON_DAYS, ReviewState


class Command(BaseCommand):
    help = "List articles whose clinical review is overdue or due soon; exit 1 if any is overdue."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=DUE_SOON_DAYS,
            help=f"Count reviews due within this many days as due soon (default {DUE_SOON_DAYS}).",
        )

    def handle(self, *args, days: int, **options) -> None:
        if days < 0:
            raise CommandError("--days must be 0 or more.")
        today = timezone.localdate()
        due = Article.objects.reviews_due(today=today, soon_days=days).only(
            "title", "slug", "status", "next_review_due"
        )
        overdue = list(due.in_review_state(ReviewState.OVERDUE, today=today, soon_days=days))
        due_soon = list(due.in_review_state(ReviewState.DUE_SOON, today=today, soon_days=days))

        self.stdout.write(f"Clinical reviews as of {today:%Y-%m-%d}")
        for heading, group in (("Overdue", overdue), (f"Due within {days} days", due_soon)):
            self.stdout.write(f"\n{heading}: {len(group)}")
            for article in group:
                self.stdout.write(
                    f"  {article.next_review_due:%Y-%m-%d}  {article.title} "
                    f"({article.get_status_display().lower()}, {article.get_absolute_url()})"
                )
        if overdue:
            raise CommandError(f"{len(overdue)} article review(s) overdue.", returncode=1)
