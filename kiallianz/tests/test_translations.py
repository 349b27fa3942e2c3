"""German is the source language; every catalogue must be complete."""

from pathlib import Path

import polib
import pytest

PROJECT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted(
    path for path in PROJECT.glob("**/locale/*/LC_MESSAGES/django.po") if ".venv" not in path.parts
)


def test_there_are_catalogues():
    assert CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_message_is_translated(path):
    catalogue = polib.pofile(str(path))
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not missing, f"unübersetzt: {missing}"
    assert not fuzzy, f"unsicher (fuzzy): {fuzzy}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(PROJECT)))
def test_every_catalogue_is_compiled_and_current(path):
    compiled = path.with_suffix(".mo")
    assert compiled.exists(), f"{compiled} fehlt: make messages"
    assert _same_messages(path, compiled), f"{compiled} ist veraltet: make messages"


def _same_messages(po_path: Path, mo_path: Path) -> bool:
    # Keyed by context too: „von“ is „from“ in a date range and „by“ for an author.
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(po_path)) if e.msgstr}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path)) if e.msgstr}
    return source == compiled
