"""What the symptom check keeps: the answers and the outcome, and nothing about the person.

No IP address, user agent, cookie, session, referrer, free text or name is ever
stored, and the time is kept only to the hour.
"""

from django.db import models

from triage.rules import CareLevel

LEVEL_CHOICES = [(level.value, level.label) for level in CareLevel]


class Submission(models.Model):
    answers = models.JSONField(help_text="The answers, as choice values.")
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES, db_index=True)
    reason_codes = models.JSONField(default=list)
    rules_version = models.CharField(max_length=40, db_index=True)
    # A random key put in each form, so that the same form posted twice is stored once.
    # Sent again with other answers (Back, change, send), it is a new check.
    form_key = models.CharField(max_length=64)
    answers_digest = models.CharField(max_length=64, editable=False)
    created_hour = models.DateTimeField(
        db_index=True, help_text="When the check was made, to the hour."
    )

    class Meta:
        ordering = ["-created_hour", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["form_key", "answers_digest"], name="submission_stored_once_per_form"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=[level.value for level in CareLevel]),
                name="submission_level_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} check, {self.created_hour:%d %b %Y %H:00}"


class SafetyConcern(models.Model):
    """Someone told us an outcome may be unsafe: which kind of problem, and the outcome's
    level and rules version. Nothing else: no answers, no free text, nothing about them."""

    class Category(models.TextChoices):
        WRONG_ADVICE = "wrong_advice", "The advice seems wrong"
        CONFUSING_QUESTION = "confusing_question", "A question was confusing"
        SOMETHING_MISSING = "something_missing", "Something I needed to say was missing"

    category = models.CharField(max_length=30, choices=Category.choices)
    level = models.CharField(max_length=20, choices=LEVEL_CHOICES)
    rules_version = models.CharField(max_length=40, db_index=True)
    # A random key put in each form, so that the same report sent twice is stored once.
    form_key = models.CharField(max_length=64)
    created_hour = models.DateTimeField(
        db_index=True, help_text="When it was reported, to the hour."
    )

    class Meta:
        ordering = ["-created_hour", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["form_key", "category"], name="concern_stored_once_per_form"
            ),
            models.CheckConstraint(
                condition=models.Q(level__in=[level.value for level in CareLevel]),
                name="concern_level_is_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()} ({self.rules_version}, {self.get_level_display()})"
