from __future__ import annotations

import copy
import hashlib
from datetime import date
from importlib import metadata
from pathlib import Path

import markdown
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from articles import outside_links, readability, rendering
from articles.outside_links import OutsideLinker
from articles.reviews import DUE_SOON_DAYS, ReviewState, due_dates, review_state


def _pipeline() -> str:
    """A digest of the code and libraries that turn Markdown into stored HTML and text:
    when it changes, load_content renders every article again."""
    digest = hashlib.sha256()
    for module in (rendering, readability):
        digest.update(Path(module.__file__).read_bytes())
    digest.update(f"Markdown {markdown.__version__}; nh3 {metadata.version('nh3')}".encode())
    return digest.hexdigest()[:16]


PIPELINE = _pipeline()


def names_of(also_called: str) -> list[str]:
    """The names in an also-called field, as written, each once."""
    return list(dict.fromkeys(name.strip() for name in also_called.split(",") if name.strip()))


MARKDOWN_HELP = (
    "Markdown. Sections: start a line with '## '. Link to another article with "
    "[[slug]] (its title becomes the link text) or [[slug|your words]]. Care cards: a line "
    '!!! non-urgent "See a GP if:" (or urgent, or emergency), then the card\'s bullet '
    'points indented by four spaces. A clinical note beside the text: !!! note "Heading", '
    "then its text indented the same way; no other block type is allowed. Write "
    "{emergency_number} where the emergency number "
    "should appear. HTML is not allowed and is shown as text."
)


def article_url(slug: str) -> str:
    """The address of the article at `slug`: the one place that builds it."""
    return reverse("articles:detail", kwargs={"slug": slug})


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED)

    def with_version(self) -> ArticleQuerySet:
        """Each with `version`: the history id of its latest saved version, the one a
        reader sees (pending changes are kept apart), in the same query."""
        versions = Article.history.filter(id=models.OuterRef("pk")).order_by("-history_id")
        return self.annotate(version=models.Subquery(versions.values("history_id")[:1]))

    def in_review_state(
        self, state: ReviewState, *, today: date | None = None, soon_days: int = DUE_SOON_DAYS
    ) -> ArticleQuerySet:
        first, last = due_dates(state, today or timezone.localdate(), soon_days)
        bounds = models.Q()
        if first is not None:
            bounds &= models.Q(next_review_due__gte=first)
        if last is not None:
            bounds &= models.Q(next_review_due__lte=last)
        return self.filter(bounds)

    def reviews_due(
        self, *, today: date | None = None, soon_days: int = DUE_SOON_DAYS
    ) -> ArticleQuerySet:
        """Articles whose review is overdue or due soon, the most overdue first."""
        _, last = due_dates(ReviewState.DUE_SOON, today or timezone.localdate(), soon_days)
        return self.filter(next_review_due__lte=last).order_by("next_review_due", "title")

    def letter_counts(self) -> dict[str, int]:
        """How many articles start with each letter, in order: for the A to Z list."""
        # Grouped by the first character as it is, upper-cased here: upper() on every row
        # in SQL cost more than the rest of the count.
        rows = (
            self.annotate(letter=Substr("title", 1, 1))
            .values_list("letter")
            .annotate(count=models.Count("id"))
            .order_by()
        )
        counts: dict[str, int] = {}
        for letter, count in rows:
            counts[letter.upper()] = counts.get(letter.upper(), 0) + count
        return dict(sorted(counts.items()))

    def starting_with(self, letter: str) -> ArticleQuerySet:
        return self.filter(title__istartswith=letter).order_by("title")

    def at_slugs(self, slugs) -> ArticleQuerySet:
        """Articles at these slugs, now or before a rename (old links keep working)."""
        return self.filter(
            models.Q(slug__in=slugs) | models.Q(old_slugs__old_slug__in=slugs)
        ).distinct()

    def by_slug(self, slugs) -> dict[str, Article]:
        """Each of these slugs that leads to an article, now or before a rename, with it."""
        slugs = set(slugs)
        if not slugs:
            return {}
        found = {}
        articles = (
            self.at_slugs(slugs).only("title", "slug", "summary").prefetch_related("old_slugs")
        )
        for article in articles:
            for slug in [article.slug, *(moved.old_slug for moved in article.old_slugs.all())]:
                if slug in slugs:
                    found.setdefault(slug, article)
        return found


class Article(models.Model):
    class Kind(models.TextChoices):
        SYMPTOM = "symptom", "Symptom"
        CONDITION = "condition", "Condition"
        GUIDE = "guide", "Guide"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    also_called = models.CharField(
        max_length=300,
        blank=True,
        help_text="Other names readers know this by, separated by commas, such as "
        "“MND, motor neurone disease”. Only true other names, not related conditions: they "
        "are shown under the title, listed in the A to Z and found by search.",
    )
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.TextField(
        max_length=400,
        help_text="One or two plain sentences. Shown in lists and to search engines.",
    )
    body = models.TextField(help_text=MARKDOWN_HELP)
    sources = models.TextField(
        blank=True,
        help_text="A Markdown list naming where each fact in the article comes from.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    related = models.ManyToManyField("self", blank=True, symmetrical=True)
    last_reviewed = models.DateField()
    next_review_due = models.DateField()
    last_reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        help_text="The clinician who last signed the article off.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Rendered when the article is saved, never per request.
    body_html = models.TextField(blank=True, editable=False)
    sources_html = models.TextField(blank=True, editable=False)
    headings = models.JSONField(default=list, blank=True, editable=False)
    body_text = models.TextField(blank=True, editable=False)
    links_to = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="linked_from", editable=False
    )
    reading_ease = models.FloatField(
        null=True, blank=True, editable=False, help_text="Flesch reading ease of the body."
    )
    # The pipeline that rendered the fields above (PIPELINE): load_content renders again
    # every article rendered by another.
    rendered_with = models.CharField(max_length=16, blank=True, editable=False)
    # The digest of the articles/content/ file last loaded into this article, so that
    # load_content updates it only when the shipped file changes, never over an editor's
    # later change to the same text.
    shipped_digest = models.CharField(max_length=64, blank=True, editable=False)

    # Who changed what and when. The rendered fields follow from the text, so they are
    # not kept twice.
    history = HistoricalRecords(
        excluded_fields=[
            "body_html",
            "sources_html",
            "headings",
            "body_text",
            "reading_ease",
            "rendered_with",
            "shipped_digest",
            "updated_at",
        ]
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        # Uncached pages stay cheap however many articles there are: the home page's few
        # of each kind, the A to Z's letters and pages, and its other names read an index.
        indexes = [
            models.Index(fields=["status", "kind", "title"], name="article_home"),
            models.Index(fields=["status", "title"], name="article_a_to_z"),
            models.Index(fields=["status", "also_called"], name="article_also_called"),
            # The sitemap: its sections in slug order, its newest date.
            models.Index(fields=["status", "slug", "updated_at"], name="article_sitemap"),
            models.Index(fields=["status", "updated_at"], name="article_newest"),
        ]
        permissions = [
            ("sign_off_article", "Can sign off articles clinically and publish changes"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_due__gte=models.F("last_reviewed")),
                name="review_due_after_last_review",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        # Only the derived fields. What else a save means (rights, redirects, the link
        # graph, pages linking here, the page cache) is articles/services.py's.
        self.fill_rendered_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return article_url(self.slug)

    def fill_rendered_fields(self) -> rendering.RenderedArticle:
        """Render the text into the stored fields; returns the rendering (its links)."""
        rendered = self.render()
        for name, value in rendered_fields(rendered).items():
            setattr(self, name, value)
        return rendered

    @property
    def also_called_names(self) -> list[str]:
        return names_of(self.also_called)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def review_state(self) -> ReviewState:
        return review_state(self.next_review_due, timezone.localdate())

    @property
    def review_overdue(self) -> bool:
        return self.review_state is ReviewState.OVERDUE

    @property
    def reading_level(self) -> str:
        return readability.describe(self.reading_ease)

    def published_linkers(self) -> models.QuerySet:
        """Published articles, other than this one, whose text links here."""
        return self.linked_from.published().exclude(pk=self.pk).order_by("title")

    def outside_linkers(self) -> list[OutsideLinker]:
        """Parts of the site outside the articles (the symptom check) that link here, by
        this article's slug or one it had before a rename."""
        if self.pk is None:
            return []
        return outside_links.linking_to(
            [self.slug, *self.old_slugs.values_list("old_slug", flat=True)]
        )

    def with_pending_change(self) -> Article:
        """An unsaved copy showing the pending change, rendered as it would be published."""
        preview = copy.copy(self)
        for name, value in self.pending_change.fields.items():
            setattr(preview, name, value)
        preview.fill_rendered_fields()
        return preview

    def render(self) -> rendering.RenderedArticle:
        from articles import links  # links.py builds on this module

        # A published page may only link to published pages; a draft may link to drafts.
        resolve = links.resolve_published_link if self.is_published else links.resolve_article_link
        return rendering.render_article(self.body, self.sources, resolve)

    def clean(self) -> None:
        super().clean()
        self.also_called = ", ".join(names_of(self.also_called))
        reviewed, due = self.last_reviewed, self.next_review_due
        if reviewed and due and due < reviewed:
            raise ValidationError(
                {"next_review_due": "The next review must be on or after the last review."}
            )
        too_much = {
            field: problem
            for field in rendering.MAX_CHARACTERS
            if (problem := rendering.text_problem(field, getattr(self, field)))
        }
        if too_much:
            raise ValidationError(too_much)  # before rendering it
        rendered = self.render()
        if rendered.unknown_blocks:
            raise ValidationError(
                {"body": rendering.unknown_blocks_message(rendered.unknown_blocks)}
            )
        missing = rendered.missing_links
        if missing:
            names = ", ".join(f"[[{slug}]]" for slug in missing)
            where = "published article" if self.is_published else "article"
            raise ValidationError(
                {"body": f"These links point to no {where}: {names}. Check the slug."}
            )


def rendered_fields(rendered: rendering.RenderedArticle) -> dict:
    """The fields an article keeps from its rendering, and which pipeline made them."""
    fields = rendered.stored_fields()
    fields["reading_ease"] = readability.flesch_reading_ease(fields["body_html"])
    fields["rendered_with"] = PIPELINE
    return fields


class PendingChange(models.Model):
    """Changes to a published article that the public does not see until they are published."""

    FIELDS = ("title", "also_called", "kind", "summary", "body", "sources")

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="pending_change")
    fields = models.JSONField(help_text="The new values of the article's text fields.")
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Pending change to {self.article}"


class SlugRedirect(models.Model):
    """An article's earlier address, which redirects permanently to its current one."""

    old_slug = models.SlugField(max_length=200, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{article_url(self.old_slug)} → {self.article.get_absolute_url()}"


class SourceLink(models.Model):
    """A web address cited in a published article's sources, as `manage.py check_sources`
    last found it (articles/source_links.py)."""

    url = models.URLField(max_length=2000, unique=True)
    status = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The HTTP status after redirects; empty: no answer."
    )
    problem = models.CharField(max_length=250, blank=True, help_text="Empty when it answered.")
    checked_at = models.DateTimeField()

    class Meta:
        ordering = ["url"]

    def __str__(self) -> str:
        return f"{self.url}: {self.problem or self.status}"

    @property
    def broken(self) -> bool:
        return bool(self.problem)
