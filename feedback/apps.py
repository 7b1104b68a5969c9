from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Readers' answers to "Is this page useful?" and "Did this help you decide?"."""

    name = "feedback"
    verbose_name = "Reader feedback"
