import os
import sqlite3
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = (
        "Write a consistent copy of the SQLite database while the site runs "
        "(SQLite's online backup API). For PostgreSQL, use pg_dump."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", help="Where to write the backup, e.g. backups/db.sqlite3")

    def handle(self, *args, path: str, **options) -> None:
        if connection.vendor != "sqlite":
            raise CommandError(
                "backup_database is for SQLite. For PostgreSQL run: "
                'pg_dump --format=custom --file=twitch.dump "$DATABASE_URL"'
            )
        target = Path(path).resolve()
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        connection.ensure_connection()
        # Writes go on while the copy is made; the backup API gives a consistent snapshot.
        with sqlite3.connect(partial) as destination:
            connection.connection.backup(destination)
            check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        destination.close()
        if check != "ok":
            partial.unlink(missing_ok=True)
            raise CommandError(f"the copy failed its integrity check: {check}")
        os.replace(partial, target)  # a backup file is whole or absent, never half-written
        self.stdout.write(f"Backed up to {target} ({target.stat().st_size} bytes).")
