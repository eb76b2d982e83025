"""The Spanish catalogue is complete, compiled, and covers every string in the code."""

import gettext
import shutil
import subprocess
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]
PO = ROOT / "locale" / "es" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
SKIP = shutil.ignore_patterns(".venv", "node_modules", "var", "staticfiles", ".git", "docs", "*.pyc", "__pycache__")


def test_every_spanish_entry_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO))
    assert catalogue.untranslated_entries() == []
    assert [e.msgid for e in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_the_source():
    compiled = gettext.GNUTranslations(MO.open("rb"))
    for entry in polib.pofile(str(PO)).translated_entries():
        if entry.msgid_plural or entry.msgctxt:
            continue
        assert compiled.gettext(entry.msgid) == entry.msgstr, entry.msgid


def test_no_translatable_string_is_missing_from_the_catalogue(tmp_path):
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "es", "--no-obsolete"],
        cwd=copy,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    fresh = {e.msgid for e in polib.pofile(str(copy / "locale/es/LC_MESSAGES/django.po"))}
    known = {e.msgid for e in polib.pofile(str(PO))}
    assert sorted(fresh - known) == []


def test_every_plural_has_all_three_spanish_forms_and_counts_read_in_spanish():
    """Spanish has three plural forms here (one, millions, other): a missing form
    shows English for every count above one."""
    catalogue = polib.pofile(str(PO))
    missing = [e.msgid for e in catalogue if e.msgid_plural and not all(e.msgstr_plural.get(i) for i in range(3))]
    assert missing == []
    compiled = gettext.GNUTranslations(MO.open("rb"))
    assert compiled.ngettext("%(counter)s school day", "%(counter)s school days", 3) == "%(counter)s días escolares"
