"""schema.org JSON-LD for an article page: a MedicalWebPage about a condition or symptom."""

import json

from articles.models import Article

# Characters that could end a <script> data block or open a comment, as JSON escapes.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
# A guide is about living with something, not one condition: it names no "about".
ABOUT_TYPES = {Article.Kind.CONDITION: "MedicalCondition", Article.Kind.SYMPTOM: "MedicalSymptom"}


def article_json_ld(article: Article, url: str) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": article.title,
        "headline": article.title,
        "description": article.summary,
        "url": url,
        "inLanguage": "en-GB",
        "lastReviewed": article.last_reviewed.isoformat(),
        "dateModified": article.updated_at.isoformat(),
    }
    about = ABOUT_TYPES.get(Article.Kind(article.kind))
    if about:
        data["about"] = {"@type": about, "name": article.title}
    if article.also_called_names:
        data["alternateName"] = article.also_called_names
    return json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
