"""What the benchmarks share: Django on a temporary SQLite database unless DATABASE_URL names
one, the peak memory of a run, and the clean-up at the end. A script imports this first (its
folder is on sys.path when it is run as `python bench/<name>.py`)."""

import os
import shutil
import sys
import tempfile
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_django(prefix):
    """Set Django up; without DATABASE_URL, on a new SQLite database in a temporary folder,
    which is returned (None otherwise) for `run` to delete."""
    sys.path.insert(0, str(ROOT))
    temporary = None
    if not os.environ.get("DATABASE_URL"):
        temporary = tempfile.mkdtemp(prefix=prefix)
        os.environ["DATABASE_URL"] = f"sqlite:///{temporary}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    return temporary


def run(main, temporary):
    """`main()`, then the temporary database deleted, whatever happened."""
    try:
        main()
    finally:
        if temporary:
            from django.db import connection

            connection.close()
            shutil.rmtree(temporary, ignore_errors=True)


def peak_memory(run):
    """The peak of Python's allocations while `run()` works, in bytes."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
