"""Load the articles shipped in articles/content/, so that `migrate` gives the whole site."""

from django.db import migrations


def load_articles(apps, schema_editor):
    from articles import content_files

    content_files.load(apps.get_model("articles", "Article"))


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [migrations.RunPython(load_articles, migrations.RunPython.noop)]
