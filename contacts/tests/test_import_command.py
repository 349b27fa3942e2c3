from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from contacts.models import FirstContact, Organisation, Person
from kiallianz.tests.factories import OfferFactory

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def regions(region, other_region):
    OfferFactory(name="KI-Challenge", slug="ki-challenge")
    return region, other_region


def _counts():
    return Organisation.objects.count(), Person.objects.count(), FirstContact.objects.count()


def test_it_imports_and_prints_counts(regions, cm_user, capsys):
    call_command("import_contacts", str(FIXTURES / "windows-1252.csv"), "--user", "cm-karlsruhe")
    out = capsys.readouterr().out
    assert "Erstgespräche: 2 neu, 0 ergänzt, 0 unverändert" in out
    assert _counts() == (2, 2, 2)
    assert set(FirstContact.objects.values_list("community_manager", flat=True)) == {cm_user.pk}


def test_it_leaves_the_community_manager_empty_without_user(regions):
    call_command("import_contacts", str(FIXTURES / "windows-1252.csv"))
    assert set(FirstContact.objects.values_list("community_manager", flat=True)) == {None}


def test_dry_run_saves_nothing(regions, capsys):
    call_command("import_contacts", str(FIXTURES / "windows-1252.csv"), "--dry-run")
    assert "Probelauf: nichts gespeichert." in capsys.readouterr().out
    assert _counts() == (0, 0, 0)


def test_it_is_idempotent(regions):
    path = str(FIXTURES / "windows-1252.csv")
    call_command("import_contacts", path)
    call_command("import_contacts", path)
    assert _counts() == (2, 2, 2)


def test_it_exits_non_zero_and_saves_nothing_on_invalid_rows(regions, capsys):
    with pytest.raises(CommandError, match="Nichts importiert: 1 fehlerhafte Zeile"):
        call_command("import_contacts", str(FIXTURES / "excel-german.csv"))
    assert "Zeile 5, Spalte „Firma“: Der Name der Organisation fehlt." in capsys.readouterr().err
    assert _counts() == (0, 0, 0)


def test_dry_run_exits_non_zero_on_invalid_rows(regions):
    with pytest.raises(CommandError, match="enthält 1 fehlerhafte Zeile"):
        call_command("import_contacts", str(FIXTURES / "excel-german.csv"), "--dry-run")


def test_skip_invalid_imports_the_valid_rows(regions):
    call_command("import_contacts", str(FIXTURES / "excel-german.csv"), "--skip-invalid")
    assert Organisation.objects.count() == 3


def test_it_refuses_an_unknown_user_or_missing_file(regions, tmp_path):
    with pytest.raises(CommandError, match="gibt es nicht"):
        call_command("import_contacts", str(FIXTURES / "windows-1252.csv"), "--user", "nobody")
    with pytest.raises(CommandError, match="nicht gefunden"):
        call_command("import_contacts", str(tmp_path / "fehlt.csv"))


def test_exit_code_of_the_process(regions):
    from django.core.management import execute_from_command_line

    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(
            ["manage.py", "import_contacts", str(FIXTURES / "excel-german.csv")]
        )
    assert exit_info.value.code == 1


def test_the_history_names_the_importing_user_or_the_system(regions, cm_user):
    call_command("import_contacts", str(FIXTURES / "windows-1252.csv"), "--user", "cm-karlsruhe")
    rows = FirstContact.history.filter(history_type="+")
    assert rows.count() == 2
    assert set(rows.values_list("history_user_id", flat=True)) == {cm_user.pk}
    FirstContact.objects.all().delete()
    Person.objects.all().delete()
    Organisation.objects.all().delete()
    call_command("import_contacts", str(FIXTURES / "windows-1252.csv"))
    latest = Organisation.history.filter(history_type="+").latest()
    assert latest.history_user_id is None
    assert latest.history_change_reason == "System: import_contacts"
