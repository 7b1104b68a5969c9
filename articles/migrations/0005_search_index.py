"""Full-text search: an FTS5 table kept in step by triggers on SQLite, a generated
tsvector column with a GIN index on PostgreSQL. articles/search.py queries either."""

from django.db import migrations, models

from articles.readability import text_blocks

SQLITE_FORWARD = [
    """CREATE VIRTUAL TABLE articles_search USING fts5(
        title, summary, body_text, tokenize = 'porter unicode61 remove_diacritics 2'
    )""",
    # Only published articles are indexed: search never has to read the (large) article
    # rows to leave drafts out.
    """CREATE TRIGGER articles_search_insert AFTER INSERT ON articles_article
        WHEN new.status = 'published' BEGIN
        INSERT INTO articles_search (rowid, title, summary, body_text)
        VALUES (new.id, new.title, new.summary, new.body_text);
    END""",
    """CREATE TRIGGER articles_search_delete AFTER DELETE ON articles_article BEGIN
        DELETE FROM articles_search WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER articles_search_update AFTER UPDATE OF title, summary, body_text, status
        ON articles_article BEGIN
        DELETE FROM articles_search WHERE rowid = old.id;
        INSERT INTO articles_search (rowid, title, summary, body_text)
        SELECT new.id, new.title, new.summary, new.body_text WHERE new.status = 'published';
    END""",
    """INSERT INTO articles_search (rowid, title, summary, body_text)
        SELECT id, title, summary, body_text FROM articles_article
        WHERE status = 'published'""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER articles_search_update",
    "DROP TRIGGER articles_search_delete",
    "DROP TRIGGER articles_search_insert",
    "DROP TABLE articles_search",
]
POSTGRESQL_FORWARD = [
    """ALTER TABLE articles_article ADD COLUMN search_document tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('english', title), 'A')
            || setweight(to_tsvector('english', summary), 'B')
            || setweight(to_tsvector('english', body_text), 'C')
        ) STORED""",
    "CREATE INDEX articles_article_search ON articles_article USING GIN (search_document)",
]
POSTGRESQL_BACKWARD = ["ALTER TABLE articles_article DROP COLUMN search_document"]


def fill_body_text(apps, schema_editor):
    Article = apps.get_model("articles", "Article")
    for article in Article.objects.all():
        article.body_text = "\n".join(text_blocks(article.body_html))
        article.save(update_fields=["body_text"])


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_editorial_workflow"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="body_text",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.RunPython(fill_body_text, migrations.RunPython.noop),
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRESQL_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRESQL_BACKWARD}),
        ),
    ]
