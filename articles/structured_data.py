"""schema.org JSON-LD for an article page: a MedicalWebPage about a condition or symptom."""

import json

from articles.models import Article

# Characters that could end a <script> data block or open a comment, as JSON escapes.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
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
        "about": {"@type": ABOUT_TYPES[Article.Kind(article.kind)], "name": article.title},
    }
    return json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
