"""What the article change form in the admin posts, for tests that edit articles."""

from articles.models import Article


def article_form_data(article: Article, **changes) -> dict:
    data = {
        "title": article.title,
        "slug": article.slug,
        "kind": article.kind,
        "status": article.status,
        "summary": article.summary,
        "body": article.body,
        "sources": article.sources,
        "related": ",".join(str(a.pk) for a in article.related.all()),
        "last_reviewed": str(article.last_reviewed),
        "next_review_due": str(article.next_review_due),
    }
    return data | changes
