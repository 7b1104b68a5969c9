import os
import sqlite3
import tempfile
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
        live = Path(str(connection.settings_dict["NAME"])).resolve()
        if target in {live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")}:
            raise CommandError(f"{target} is the live database: choose another path")
        if target.is_dir():
            raise CommandError(f"{target} is a folder: give a file name inside it")
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
        os.close(fd)
        partial = Path(name)
        try:
            connection.ensure_connection()
            destination = sqlite3.connect(partial)
            try:
                # Writes go on while the copy is made; the backup API gives a consistent snapshot.
                connection.connection.backup(destination)
                # One self-contained file: a restored copy needs no -wal beside it.
                destination.execute("PRAGMA journal_mode=DELETE")
                check = destination.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                destination.close()
            if check != "ok":
                raise CommandError(f"the copy failed its integrity check: {check}")
            os.replace(partial, target)  # a backup file is whole or absent, never half-written
            directory = os.open(target.parent, os.O_RDONLY)
            try:
                os.fsync(directory)  # the rename survives a power cut
            finally:
                os.close(directory)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Backed up to {target} ({target.stat().st_size} bytes).")
