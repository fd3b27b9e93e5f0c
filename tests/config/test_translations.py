import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "th" / "LC_MESSAGES" / "django.po"


def test_the_thai_catalogue_is_complete():
    catalogue = polib.pofile(str(CATALOGUE))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert untranslated == []
    assert fuzzy == []


PLACEHOLDER = re.compile(r"%\(\w+\)[sdr]|%[sd]|\{\w*\}")


def test_placeholders_survive_translation():
    catalogue = polib.pofile(str(CATALOGUE))
    for entry in catalogue.translated_entries():
        translations = [entry.msgstr] if not entry.msgid_plural else entry.msgstr_plural.values()
        for text in translations:
            assert set(PLACEHOLDER.findall(entry.msgid)) == set(PLACEHOLDER.findall(text)), (
                entry.msgid
            )


def test_the_catalogue_holds_every_string_of_the_source(tmp_path):
    """makemessages over the source finds no msgid that the committed catalogue lacks."""
    if not shutil.which("xgettext"):
        if os.environ.get("REQUIRE_GETTEXT"):
            pytest.fail("REQUIRE_GETTEXT is set but GNU gettext (xgettext) is not installed")
        pytest.skip("GNU gettext is not installed on this machine")
    copy = tmp_path / "src"
    skip = shutil.ignore_patterns(".venv", ".git", "staticfiles", "media", "*.mo", "*.sqlite3")
    shutil.copytree(settings.BASE_DIR, copy, ignore=skip)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "th", "--no-obsolete",
         "--no-location", "--ignore", "tests/*"],
        cwd=copy, env={**os.environ, "DEBUG": "1"}, check=True, capture_output=True,
    )  # fmt: skip
    fresh = {
        entry.msgid for entry in polib.pofile(str(copy / CATALOGUE.relative_to(settings.BASE_DIR)))
    }
    committed = {entry.msgid for entry in polib.pofile(str(CATALOGUE)) if not entry.obsolete}
    assert sorted(fresh - committed) == []


def test_gnu_msgfmt_accepts_the_catalogue():
    """Django's compilemessages runs `msgfmt --check-format`: a msgid that only looks like a
    format string (a literal "%") must be flagged no-python-format, or it refuses the file."""
    if not shutil.which("msgfmt"):
        if os.environ.get("REQUIRE_GETTEXT"):
            pytest.fail("REQUIRE_GETTEXT is set but GNU gettext (msgfmt) is not installed")
        pytest.skip("GNU gettext is not installed on this machine")
    checked = subprocess.run(
        ["msgfmt", "--check-format", "-o", os.devnull, str(CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
