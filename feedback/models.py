"""A reader's answer about an article or a symptom-check outcome (decision record 014).

Kept: what the answer was about (an article and the version the reader saw, its history
id; or an outcome's care level and rules version), the answer, a reason from a fixed
list, and the hour. Nothing about the reader: no address, agent, cookie, session,
referrer or free text.
"""

from django.db import models

from triage.models import LEVEL_CHOICES


class Feedback(models.Model):
    class Kind(models.TextChoices):
        ARTICLE = "article", "Article"
        OUTCOME = "outcome", "Symptom-check result"

    class Reason(models.TextChoices):
        HARD_TO_UNDERSTAND = "hard_to_understand", "It was hard to understand"
        MISSING = "missing", "Something I needed was missing"
        OUT_OF_DATE_OR_WRONG = "out_of_date_or_wrong", "It seemed out of date or wrong"
        MORE_WORRIED = "more_worried", "It made me more worried"
        OTHER = "other", "Another reason"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    useful = models.BooleanField(help_text="Yes: the page was useful, or helped them decide.")
    reason = models.CharField(max_length=30, choices=Reason.choices, blank=True)
    article = models.ForeignKey(
        "articles.Article",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="feedback",
    )
    article_version = models.PositiveBigIntegerField(
        null=True, blank=True, help_text="The history id of the version the reader saw."
    )
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES, blank=True)
    rules_version = models.CharField(max_length=40, blank=True)
    created_hour = models.DateTimeField(db_index=True, help_text="When, to the hour.")

    class Meta:
        ordering = ["-created_hour", "-id"]
        verbose_name_plural = "feedback"
        constraints = [
            models.CheckConstraint(
                name="feedback_about_one_thing",
                condition=(
                    models.Q(
                        kind="article",
                        article__isnull=False,
                        article_version__isnull=False,
                        level="",
                        rules_version="",
                    )
                    | models.Q(kind="outcome", article__isnull=True, article_version__isnull=True)
                    & ~models.Q(level="")
                    & ~models.Q(rules_version="")
                ),
            ),
            models.CheckConstraint(
                name="feedback_reason_only_for_no",
                condition=models.Q(reason="") | models.Q(useful=False),
            ),
        ]

    def __str__(self) -> str:
        answer = "useful" if self.useful else "not useful"
        return f"{self.get_kind_display()}: {answer} ({self.created_hour:%d %b %Y %H:00})"
