"""Load the shipped articles (articles/content/*.md) into the database, as bakerydemo's
load_initial_data does: run after every `migrate`. Running it again changes nothing."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from articles import content_files


class Command(BaseCommand):
    help = (
        "Create or update the shipped articles from articles/content/*.md, and render every "
        "stored article again if the Markdown pipeline changed. Safe to run again."
    )

    def handle(self, *args, **options) -> None:
        try:
            loaded = content_files.load()
        except (ValidationError, ValueError) as error:
            raise CommandError(f"Nothing was loaded: {error}") from error
        self.stdout.write(
            f"Shipped articles: {len(loaded.created)} created, {len(loaded.updated)} updated, "
            f"{len(loaded.unchanged)} unchanged. Rendered again: {loaded.rendered_again}."
        )
        if loaded.updated:
            self.stdout.write(
                "Updated from their files (earlier text is in each article's history): "
                + ", ".join(loaded.updated)
            )
