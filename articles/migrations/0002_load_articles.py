"""Once loaded the shipped articles; now does nothing.

The articles come from `manage.py load_content`, run after `migrate`, so that they are
validated and saved as the admin saves them, and rendered by today's pipeline. Kept, empty,
so that databases that applied it still migrate.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = []
