"""What a feedback post may hold: fixed values only, checked against what the site shows."""

from django import forms

from articles.models import Article
from feedback.models import Feedback
from triage.rules import RULES_VERSION, CareLevel

ANSWERS = {"yes": True, "no": False}
# The emergency outcome asks nothing: its reader has one thing to do.
LEVELS = [(level.value, level.label) for level in CareLevel if level is not CareLevel.EMERGENCY]


class FeedbackForm(forms.Form):
    kind = forms.ChoiceField(choices=Feedback.Kind.choices)
    useful = forms.ChoiceField(choices=[(key, key) for key in ANSWERS])
    reason = forms.ChoiceField(choices=[("", "None"), *Feedback.Reason.choices], required=False)
    article = forms.SlugField(max_length=200, required=False)
    version = forms.IntegerField(min_value=1, max_value=2**62, required=False)
    level = forms.ChoiceField(choices=LEVELS, required=False)
    rules_version = forms.CharField(max_length=40, required=False)
    # A honeypot: hidden from people and screen readers, filled in only by bots.
    website = forms.CharField(required=False, max_length=500)

    def clean(self) -> dict:
        data = super().clean()
        if set(self.data) - set(self.fields) - {"send"}:
            raise forms.ValidationError("Unexpected fields.", code="unexpected_fields")
        if self.errors:
            return data
        data["useful"] = ANSWERS[data["useful"]]
        if data["useful"]:
            data["reason"] = ""
        if data["kind"] == Feedback.Kind.ARTICLE:
            article = Article.objects.published().filter(slug=data.get("article") or "").first()
            seen = data.get("version")
            if article is None or not seen or not article.history.filter(history_id=seen).exists():
                raise forms.ValidationError("No such article version.", code="unknown_article")
            data["article"], data["level"], data["rules_version"] = article, "", ""
        else:
            if not data.get("level") or data.get("rules_version") != RULES_VERSION:
                raise forms.ValidationError("No such result.", code="unknown_outcome")
            data["article"], data["version"] = None, None
        return data
