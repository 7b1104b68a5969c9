"""PostgreSQL: the search index moves from a generated column of articles_article into its
own narrow table, `articles_search`, like SQLite's FTS5 table (migration 0005).

Ranking reads every matching row. From the wide article rows (the Markdown, the HTML, the
text) that took about 70 to 100 ms for a word in nearly all of 5,000 articles; from a table
holding only the published articles' tsvectors it takes about a fifth of that.
Kept in step by triggers, so `QuerySet.update()`, bulk inserts and deletes are covered; a
TRUNCATE (Django's flush between tests) empties it too. Nothing changes on SQLite.
"""

from django.db import migrations

DOCUMENT = """setweight(to_tsvector('english', new.title), 'A')
    || setweight(to_tsvector('english', new.summary), 'B')
    || setweight(to_tsvector('english', new.body_text), 'C')"""

FORWARD = [
    "CREATE TABLE articles_search (id bigint PRIMARY KEY, document tsvector NOT NULL)",
    "CREATE INDEX articles_search_document ON articles_search USING GIN (document)",
    f"""CREATE FUNCTION articles_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP <> 'INSERT' THEN
            DELETE FROM articles_search WHERE id = old.id;
        END IF;
        IF TG_OP <> 'DELETE' AND new.status = 'published' THEN
            INSERT INTO articles_search (id, document) VALUES (new.id, {DOCUMENT});
        END IF;
        RETURN NULL;
    END $$""",  # noqa: S608 (DOCUMENT is a constant)
    """CREATE TRIGGER articles_search_sync
        AFTER INSERT OR DELETE OR UPDATE OF title, summary, body_text, status
        ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_search_sync()""",
    """CREATE FUNCTION articles_search_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        TRUNCATE articles_search;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER articles_search_truncate AFTER TRUNCATE ON articles_article
        FOR EACH STATEMENT EXECUTE FUNCTION articles_search_truncate()""",
    f"""INSERT INTO articles_search (id, document)
        SELECT new.id, {DOCUMENT} FROM articles_article AS new WHERE new.status = 'published'""",  # noqa: S608
    "ANALYZE articles_search",
    "ALTER TABLE articles_article DROP COLUMN search_document",
]
BACKWARD = [
    """ALTER TABLE articles_article ADD COLUMN search_document tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('english', title), 'A')
            || setweight(to_tsvector('english', summary), 'B')
            || setweight(to_tsvector('english', body_text), 'C')
        ) STORED""",
    "CREATE INDEX articles_article_search ON articles_article USING GIN (search_document)",
    "DROP TRIGGER articles_search_truncate ON articles_article",
    "DROP FUNCTION articles_search_truncate()",
    "DROP TRIGGER articles_search_sync ON articles_article",
    "DROP FUNCTION articles_search_sync()",
    "DROP TABLE articles_search",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0005_search_index"),
    ]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
