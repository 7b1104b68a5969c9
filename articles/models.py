from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from articles import rendering

MARKDOWN_HELP = (
    "Markdown. Sections: start a line with '## '. Link to another article with "
    "[[slug]] (its title becomes the link text) or [[slug|your words]]. Care cards: a line "
    '!!! non-urgent "See a GP if:" (or urgent, or emergency), then the card\'s bullet '
    "points indented by four spaces. Write {emergency_number} where the emergency number "
    "should appear. HTML is not allowed and is shown as text."
)


class ArticleQuerySet(models.QuerySet):
    def published(self) -> ArticleQuerySet:
        return self.filter(status=Article.Status.PUBLISHED)


class Article(models.Model):
    class Kind(models.TextChoices):
        SYMPTOM = "symptom", "Symptom"
        CONDITION = "condition", "Condition"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
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
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # Rendered when the article is saved, never per request.
    body_html = models.TextField(blank=True, editable=False)
    sources_html = models.TextField(blank=True, editable=False)
    headings = models.JSONField(default=list, blank=True, editable=False)
    links_to = models.ManyToManyField(
        "self", blank=True, symmetrical=False, related_name="linked_from", editable=False
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(next_review_due__gte=models.F("last_reviewed")),
                name="review_due_after_last_review",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        with transaction.atomic():
            rendered = self.render()
            for name, value in rendered.stored_fields().items():
                setattr(self, name, value)
            super().save(*args, **kwargs)
            self.links_to.set(Article.objects.filter(slug__in=rendered.links))
            # Pages that link here must show this article's current address, title and
            # status. Updated in place, not saved, so that two pages linking to each
            # other do not save each other for ever.
            for source in list(self.linked_from.exclude(pk=self.pk)):
                again = source.render()
                Article.objects.filter(pk=source.pk).update(**again.stored_fields())
                source.links_to.set(Article.objects.filter(slug__in=again.links))

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def review_overdue(self) -> bool:
        return self.next_review_due < timezone.localdate()

    def render(self) -> rendering.RenderedArticle:
        # A published page may only link to published pages; a draft may link to drafts.
        resolve = resolve_article_link if not self.is_published else resolve_published_link
        return rendering.render_article(self.body, self.sources, resolve)

    def clean(self) -> None:
        super().clean()
        reviewed, due = self.last_reviewed, self.next_review_due
        if reviewed and due and due < reviewed:
            raise ValidationError(
                {"next_review_due": "The next review must be on or after the last review."}
            )
        missing = self.render().missing_links
        if missing:
            names = ", ".join(f"[[{slug}]]" for slug in missing)
            where = "published article" if self.is_published else "article"
            raise ValidationError(
                {"body": f"These links point to no {where}: {names}. Check the slug."}
            )


def _resolve(articles: models.QuerySet, slug: str) -> rendering.LinkTarget | None:
    article = articles.filter(slug=slug).only("slug", "title").first()
    if article is None:
        return None
    return rendering.LinkTarget(url=article.get_absolute_url(), title=article.title)


def resolve_article_link(slug: str) -> rendering.LinkTarget | None:
    return _resolve(Article.objects.all(), slug)


def resolve_published_link(slug: str) -> rendering.LinkTarget | None:
    return _resolve(Article.objects.published(), slug)
