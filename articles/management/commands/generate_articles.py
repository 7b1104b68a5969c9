"""Generate N synthetic published articles, for tests and benchmarks in a scratch database.

Deterministic (seeded), with varied words so that search has something to rank. Every
title ends "(synthetic N)", every slug is "synthetic-N", and every body says it is not
health advice. Each title and summary is new; the bodies come from a pool of a few
hundred, each rendered once by the article pipeline, so that 5,000 take seconds.
Refuses to run with DJANGO_DEBUG=0 (a production database) unless --force.
"""

import random

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from articles.models import Article
from articles.reviews import signed_off_on
from core.caching import new_generation
from twitchsite.settings import env_bool

PLACES = [
    "arm", "back", "calf", "cheek", "chin", "ear", "elbow", "eyelid", "face", "finger",
    "foot", "hand", "hip", "jaw", "knee", "leg", "lip", "neck", "nose", "palm", "rib",
    "shin", "thigh", "thumb", "toe", "tongue", "upper arm", "wrist", "ankle", "belly",
]  # fmt: skip
# Bodies per place: 240 in all, few enough to render in a second or two.
BODY_VARIANTS = 8
PATTERNS = [
    "{Place} twitching", "Twitching in the {place}", "Jumping {place} muscles",
    "Flickering in the {place}", "{Place} cramps and twitches", "Quivering {place}",
]  # fmt: skip
WORDS = [
    "muscle",
    "twitch",
    "movement",
    "nerve",
    "fibre",
    "rest",
    "sleep",
    "stress",
    "tired",
    "exercise",
    "coffee",
    "tea",
    "water",
    "doctor",
    "nurse",
    "pharmacy",
    "advice",
    "symptom",
    "sign",
    "weakness",
    "cramp",
    "ache",
    "tingling",
    "numb",
    "warm",
    "cold",
    "morning",
    "evening",
    "week",
    "month",
    "often",
    "sometimes",
    "usually",
    "rarely",
    "small",
    "brief",
    "repeated",
    "gentle",
    "visible",
    "feel",
    "notice",
    "happen",
    "stop",
    "start",
    "improve",
    "settle",
    "change",
    "worry",
    "calm",
    "breathe",
    "stretch",
    "walk",
    "run",
    "sit",
    "stand",
    "body",
    "skin",
    "side",
    "left",
    "right",
    "both",
    "common",
    "harmless",
    "check",
    "record",
    "diary",
]


class Command(BaseCommand):
    help = "Create N synthetic published articles (for tests and benchmarks only)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("count", type=int, help="How many articles to create.")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--force", action="store_true", help="Run even with DJANGO_DEBUG=0.")

    def handle(self, *args, count: int, batch_size: int, seed: int, force: bool, **options):
        # The environment, not settings.DEBUG, which the test runner turns off.
        if not env_bool("DJANGO_DEBUG", True) and not force:
            raise CommandError(
                "This fills the database with synthetic articles. DJANGO_DEBUG=0 suggests a "
                "production database: use a scratch database, or pass --force."
            )
        if count < 0 or batch_size < 1:
            raise CommandError("count must be 0 or more and --batch-size 1 or more.")
        rng = random.Random(seed)  # noqa: S311 (made-up text, not secrets)
        start = self.last_number() + 1
        dates = signed_off_on(timezone.localdate())
        bodies: dict[tuple[str, int], dict[str, object]] = {}
        batch: list[Article] = []
        with transaction.atomic():
            for number in range(start, start + count):
                batch.append(self.article(rng, seed, number, dates, bodies))
                if len(batch) >= batch_size:
                    Article.objects.bulk_create(batch)
                    batch = []
            Article.objects.bulk_create(batch)
        # Bulk inserts send no signals, but the cached pages (the A to Z list) are out of date.
        new_generation()
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses from an empty table.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE articles_article, articles_search")
        self.stdout.write(f"Created {count} synthetic articles.")

    @staticmethod
    def last_number() -> int:
        slugs = Article.objects.filter(slug__startswith="synthetic-").values_list("slug", flat=True)
        numbers = [int(n) for n in (s.removeprefix("synthetic-") for s in slugs) if n.isdecimal()]
        return max(numbers, default=0)

    def article(self, rng: random.Random, seed: int, number: int, dates, bodies) -> Article:
        place = rng.choice(PLACES)
        title = rng.choice(PATTERNS).format(place=place, Place=place.capitalize())
        variant = rng.randrange(BODY_VARIANTS)
        article = Article(
            title=f"{title} (synthetic {number})",
            slug=f"synthetic-{number}",
            kind=Article.Kind.SYMPTOM,
            summary=f"Synthetic article about the {place}, for tests. {sentence(rng)}",
            sources="- Generated by `manage.py generate_articles`.",
            status=Article.Status.PUBLISHED,
            last_reviewed=dates.last_reviewed,
            next_review_due=dates.next_review_due,
        )
        key = (place, variant)
        if key not in bodies:
            # Its own generator, so that a body does not depend on which article needs it first.
            article.body = body(random.Random(f"{seed}-{place}-{variant}"), place)  # noqa: S311
            # Rendered like a saved article; no links to resolve, no reading ease (slow).
            bodies[key] = {"body": article.body, **article.render().stored_fields()}
        for name, value in bodies[key].items():
            setattr(article, name, value)
        return article


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 14))]
    return " ".join(words).capitalize() + "."


def body(rng: random.Random, place: str) -> str:
    def paragraph() -> str:
        return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))

    sections = [
        f"## {heading}\n\n{paragraph()}\n\n{paragraph()}"
        for heading in ("What it feels like", "What can help", "When to get advice")
    ]
    return f"Synthetic article for tests: not health advice. It mentions the {place}.\n\n" + (
        "\n\n".join(sections)
    )
