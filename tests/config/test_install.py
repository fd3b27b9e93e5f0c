"""`make install` alone leaves a working Thai site: it compiles the Thai catalogue (the .mo
is not kept in git), so pages and `manage.py report` speak Thai from a clean clone."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from indicators.demo import seed_programme

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = Path("locale/th/LC_MESSAGES/django.mo")


def clean_clone(target):
    """What `make install` reads, as a clone has it: no compiled catalogue, and a virtual
    environment (this one's Python) already installed, so that pip is not run again."""
    for name in ("Makefile", "manage.py", "pyproject.toml"):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(
        ROOT / "config", target / "config", ignore=shutil.ignore_patterns("__pycache__")
    )
    (target / CATALOGUE.parent).mkdir(parents=True)
    shutil.copy(ROOT / CATALOGUE.with_suffix(".po"), target / CATALOGUE.with_suffix(".po"))
    python = target / "venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(f'#!/bin/sh\nexec "{sys.executable}" "$@"\n')
    python.chmod(0o755)
    time.sleep(0.01)
    (target / "venv" / ".installed").touch()


@pytest.mark.skipif(shutil.which("make") is None, reason="GNU make is not installed")
def test_make_install_alone_compiles_the_thai_catalogue(tmp_path):
    clean_clone(tmp_path)
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
    environment.pop("DATABASE_URL", None)
    subprocess.run(
        ["make", "install", "VENV=venv"], cwd=tmp_path, env=environment, check=True,
        capture_output=True,
    )  # fmt: skip
    assert (tmp_path / CATALOGUE).exists()
    heading = subprocess.run(
        [
            sys.executable, "-c",
            "import django; django.setup(); from django.utils import translation; "
            "translation.activate('th'); print(translation.gettext('Requested (baht)'))",
        ],
        cwd=tmp_path, env={**environment, "DEBUG": "1"}, check=True, capture_output=True,
        text=True,
    ).stdout.strip()  # fmt: skip
    assert heading == "งบประมาณที่ขอ (บาท)"


def test_the_report_command_writes_a_thai_document_with_thai_headings(db, tmp_path):
    seed_programme()
    path = tmp_path / "register.xlsx"
    call_command("report", "register", "--format", "xlsx", "--programme", "SLC",
                 "--output", str(path), verbosity=0)  # fmt: skip
    headings = [cell.value for cell in load_workbook(path).active[1]]
    assert "เลขที่อ้างอิง" in headings
    assert all(any("\u0e01" <= char <= "\u0e4f" for char in text) for text in headings), headings
