"""Check every web address cited in the published articles' sources; record what each
answered. Exits with status 1 when any is broken, so that a scheduler can raise the alarm
(the README has a cron line)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from articles import source_links
from articles.models import Article, SourceLink


class Command(BaseCommand):
    help = "Check the web addresses the published articles cite; exit 1 if any is broken."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--timeout",
            type=float,
            default=source_links.TIMEOUT_SECONDS,
            help="Seconds to wait for each address (default %(default)s).",
        )
        parser.add_argument(
            "--at-once",
            type=int,
            default=source_links.AT_ONCE,
            help="Addresses asked at the same time (default %(default)s).",
        )

    def handle(self, *args, timeout: float, at_once: int, **options) -> None:
        if timeout <= 0 or at_once < 1:
            raise CommandError("--timeout must be above 0 and --at-once at least 1.")
        cited: dict[str, list[str]] = {}
        for article in Article.objects.published().only("title", "sources_html"):
            for url in source_links.cited_addresses(article.sources_html):
                cited.setdefault(url, []).append(article.title)
        now = timezone.now()
        states = source_links.check(cited, timeout=timeout, at_once=at_once)
        for state in states:
            SourceLink.objects.update_or_create(
                url=state.url,
                defaults={"status": state.status, "problem": state.problem, "checked_at": now},
            )
        broken = [state for state in states if state.broken]
        self.stdout.write(f"Checked {len(states)} cited addresses: {len(broken)} broken.")
        for state in broken:
            self.stdout.write(
                f"  {state.url}: {state.problem} (cited by {', '.join(cited[state.url])})"
            )
        if broken:
            raise CommandError(f"{len(broken)} cited address(es) broken.", returncode=1)
