# ruff: noqa: S608  (the SQL is built from constants in this file, never from input)
"""The words of the published articles, for "Did you mean" (decision record 015): kept by
the database itself, like the search index, so they follow every edit and hold only
published text.

SQLite: an FTS5 index of the words as written (no stemming), read through fts5vocab.
PostgreSQL: a table of words with how many articles hold each, kept by a trigger, and
pg_trgm's trigram index for similar words.
"""

from django.db import migrations

COLUMNS = "title, also_called, body_text"

SQLITE_FORWARD = [
    # External content: the text stays in articles_article; this holds the words only.
    f"""CREATE VIRTUAL TABLE articles_words USING fts5(
        {COLUMNS}, content = 'articles_article', content_rowid = 'id', detail = none,
        tokenize = 'unicode61 remove_diacritics 2'
    )""",
    "CREATE VIRTUAL TABLE articles_words_vocab USING fts5vocab(articles_words, 'row')",
    f"""CREATE TRIGGER articles_words_insert AFTER INSERT ON articles_article
        WHEN new.status = 'published' BEGIN
        INSERT INTO articles_words (rowid, {COLUMNS})
        VALUES (new.id, new.title, new.also_called, new.body_text);
    END""",
    f"""CREATE TRIGGER articles_words_delete AFTER DELETE ON articles_article
        WHEN old.status = 'published' BEGIN
        INSERT INTO articles_words (articles_words, rowid, {COLUMNS})
        VALUES ('delete', old.id, old.title, old.also_called, old.body_text);
    END""",
    f"""CREATE TRIGGER articles_words_update AFTER UPDATE OF {COLUMNS}, status
        ON articles_article BEGIN
        INSERT INTO articles_words (articles_words, rowid, {COLUMNS})
        SELECT 'delete', old.id, old.title, old.also_called, old.body_text
        WHERE old.status = 'published';
        INSERT INTO articles_words (rowid, {COLUMNS})
        SELECT new.id, new.title, new.also_called, new.body_text
        WHERE new.status = 'published';
    END""",
    f"""INSERT INTO articles_words (rowid, {COLUMNS})
        SELECT id, {COLUMNS} FROM articles_article WHERE status = 'published'""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER articles_words_update",
    "DROP TRIGGER articles_words_delete",
    "DROP TRIGGER articles_words_insert",
    "DROP TABLE articles_words_vocab",
    "DROP TABLE articles_words",
]

WORDS = "tsvector_to_array(to_tsvector('simple', {0}.title || ' ' || {0}.also_called || ' ' || {0}.body_text))"
POSTGRESQL_FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE TABLE articles_word (word text PRIMARY KEY, articles integer NOT NULL)",
    "CREATE INDEX articles_word_trigrams ON articles_word USING GIN (word gin_trgm_ops)",
    """CREATE FUNCTION articles_words_add(words text[]) RETURNS void
    LANGUAGE sql AS $$
        INSERT INTO articles_word AS w (word, articles) SELECT unnest(words), 1
        ON CONFLICT (word) DO UPDATE SET articles = w.articles + 1;
    $$""",
    # Joined on the words, so the primary key finds them (a "= ANY" took the trigram index).
    """CREATE FUNCTION articles_words_remove(words text[]) RETURNS void
    LANGUAGE sql AS $$
        UPDATE articles_word AS w SET articles = w.articles - 1
        FROM unnest(words) AS gone (word) WHERE w.word = gone.word;
        DELETE FROM articles_word AS w USING unnest(words) AS gone (word)
        WHERE w.word = gone.word AND w.articles <= 0;
    $$""",
    # Only the words that came or went: an edit changes a few.
    f"""CREATE FUNCTION articles_words_sync() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        before text[] := '{{}}';
        after text[] := '{{}}';
    BEGIN
        IF TG_OP <> 'INSERT' AND old.status = 'published' THEN
            before := {WORDS.format("old")};
        END IF;
        IF TG_OP <> 'DELETE' AND new.status = 'published' THEN
            after := {WORDS.format("new")};
        END IF;
        PERFORM articles_words_remove(ARRAY(SELECT unnest(before) EXCEPT SELECT unnest(after)));
        PERFORM articles_words_add(ARRAY(SELECT unnest(after) EXCEPT SELECT unnest(before)));
        RETURN NULL;
    END $$""",
    f"""CREATE TRIGGER articles_words_sync
        AFTER INSERT OR DELETE OR UPDATE OF {COLUMNS}, status
        ON articles_article FOR EACH ROW EXECUTE FUNCTION articles_words_sync()""",
    f"""INSERT INTO articles_word (word, articles)
        SELECT word, count(*) FROM articles_article AS a,
        unnest({WORDS.format("a")}) AS word
        WHERE a.status = 'published' GROUP BY word""",
]
POSTGRESQL_BACKWARD = [
    "DROP TRIGGER articles_words_sync ON articles_article",
    "DROP FUNCTION articles_words_sync()",
    "DROP FUNCTION articles_words_remove(text[])",
    "DROP FUNCTION articles_words_add(text[])",
    "DROP TABLE articles_word",
]


def run(sqlite: list[str], postgresql: list[str]):
    def operation(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for statement in {"sqlite": sqlite, "postgresql": postgresql}.get(vendor, []):
            schema_editor.execute(statement, params=None)

    return operation


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_source_links")]

    operations = [
        migrations.RunPython(
            run(SQLITE_FORWARD, POSTGRESQL_FORWARD), run(SQLITE_BACKWARD, POSTGRESQL_BACKWARD)
        )
    ]
