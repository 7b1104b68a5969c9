"""The release step: migrate, then load the shipped articles, once per release however
many app servers start at the same moment. The second to arrive waits for the first and
then finds nothing to do (decision record 012)."""

import fcntl
from contextlib import contextmanager
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# pg_advisory_lock's key: any fixed number, the same in every release.
RELEASE_LOCK_KEY = 7_477_697_463_680  # "twitch"


@contextmanager
def release_lock():
    """Held by one release at a time, across processes and machines."""
    if connection.vendor == "postgresql":
        # A connection of its own: the lock lasts as long as it does, whatever migrate does
        # with Django's. No deadline on the wait: a release may take minutes.
        holder = connection.get_new_connection(connection.get_connection_params())
        holder.autocommit = True
        try:
            holder.execute("SET statement_timeout = 0")
            holder.execute("SET lock_timeout = 0")
            holder.execute("SELECT pg_advisory_lock(%s)", [RELEASE_LOCK_KEY])
            yield
        finally:
            holder.close()  # releases the lock
        return
    database = Path(str(connection.settings_dict["NAME"])).resolve()
    with database.with_name(database.name + ".release-lock").open("a") as holder:
        fcntl.flock(holder, fcntl.LOCK_EX)  # released when the file closes
        yield


class Command(BaseCommand):
    help = (
        "Migrate the database and load the shipped articles, under a lock, so that app "
        "servers starting together run it once. Run it once per release."
    )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        with release_lock():
            if connection.vendor == "postgresql":
                # The site's 5 s statement deadline is for requests; building an index on a
                # large table may take longer. The 2 s lock wait stays: a migration that
                # cannot get its lock fails, rather than queue every request behind it.
                with connection.cursor() as cursor:
                    cursor.execute("SET statement_timeout = 0")
            call_command("migrate", interactive=False, verbosity=verbosity)
            call_command("load_content", verbosity=verbosity)
