"""The site's settings for a live server whose SQLite database can hold no more pages than
FAULT_SQLITE_MAX_PAGES (PRAGMA max_page_count): a full disk, for tests only."""

import os

from twitchsite.settings import *  # noqa: F403
from twitchsite.settings import DATABASES

DATABASES["default"]["OPTIONS"]["init_command"] += (
    f"PRAGMA max_page_count={int(os.environ['FAULT_SQLITE_MAX_PAGES'])};"
)
