"""Change history: one row per service call, from every path, with the actor."""

import ast
import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit.selectors import audited_models, history_entries
from audit.tasks import apply_retention_weekly
from contacts.models import FirstContact, Person
from contacts.services import first_contacts_mark_checked, person_update
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz.history import (
    _forget_actor,
    _receive_actor,
    _send_actor,
    bulk_create_with_history,
    history_actor,
)
from kiallianz.models import Region
from kiallianz.tests.factories import AdminUserFactory, RegionFactory

pytestmark = pytest.mark.django_db


def _rows(obj):
    return list(obj.history.order_by("history_date", "history_id"))


def test_it_records_one_row_per_service_call_with_the_named_actor(office_user):
    person = PersonFactory(last_name="Alt")
    before = person.history.count()
    with history_actor(user=office_user):
        person_update(person=person, version=person.version, last_name="Neu")
    rows = _rows(person)
    assert len(rows) == before + 1
    assert rows[-1].history_type == "~"
    assert rows[-1].last_name == "Neu"
    assert rows[-1].history_user_id == office_user.pk


def test_it_records_edits_in_the_ui_with_the_signed_in_user(cm_client, cm_user, region):
    person = PersonFactory(organisation=OrganisationFactory(region=region), last_name="Alt")
    before = person.history.count()
    response = cm_client.post(
        reverse("contacts:person_edit", args=[person.pk]),
        {
            "last_name": "Neu",
            "organisation": person.organisation_id,
            "legal_basis": "legitimate_interest",
            "version": person.version,
        },
    )
    assert response.status_code == 302
    rows = _rows(person)
    assert len(rows) == before + 1
    assert rows[-1].history_user_id == cm_user.pk


def test_it_records_admin_changes_with_the_admin(client):
    admin = AdminUserFactory(username="root")
    region = RegionFactory(name="Ulm", slug="ulm")
    client.force_login(admin)
    before = region.history.count()
    response = client.post(
        reverse("admin:kiallianz_region_change", args=[region.pk]),
        {"name": "Ulm/Alb", "slug": "ulm", "is_active": "on"},
    )
    assert response.status_code == 302
    rows = _rows(region)
    assert len(rows) == before + 1
    assert rows[-1].name == "Ulm/Alb"
    assert rows[-1].history_user_id == admin.pk


def test_it_records_a_celery_task_under_the_system_actor(settings):
    settings.RETENTION_CONTACT_PERSON_DAYS = 30
    person = PersonFactory(last_name="Verfallen")
    Person.objects.filter(pk=person.pk).update(
        created_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    before = person.history.count()
    apply_retention_weekly.delay()
    rows = _rows(person)
    assert len(rows) == before + 1
    assert rows[-1].history_user_id is None
    assert rows[-1].history_change_reason == "System: apply_retention"


def test_a_task_in_a_worker_runs_under_the_user_who_enqueued_it(office_user):
    """The enqueuing user travels in the task headers to the worker."""
    headers: dict = {}
    with history_actor(user=office_user):
        _send_actor(headers=headers)
    region = RegionFactory(name="Worker", slug="worker")

    class FakeRequest:
        is_eager = False
        history_user_id = headers["history_user_id"]
        history_label = headers["history_label"]

    class FakeTask:
        name = "contacts.tasks.something"
        request = FakeRequest()

    _receive_actor(task_id="t-1", task=FakeTask())
    try:
        region.name = "Worker geändert"
        region.save()
    finally:
        _forget_actor(task_id="t-1")
    assert _rows(region)[-1].history_user_id == office_user.pk


def test_bulk_quality_check_records_one_row_each_in_one_insert(office_user):
    contacts = FirstContactFactory.create_batch(3)
    history_table = FirstContact.history.model._meta.db_table
    with CaptureQueriesContext(connection) as queries:
        first_contacts_mark_checked(
            first_contact_ids=[c.pk for c in contacts], reviewer=office_user, relevance=2
        )
    inserts = [
        q for q in queries if q["sql"].startswith(("INSERT", "COPY")) and history_table in q["sql"]
    ]
    assert len(inserts) == 1  # one INSERT, or on PostgreSQL one COPY
    for contact in contacts:
        assert contact.history.latest().quality_status == FirstContact.QualityStatus.CHECKED


def test_bulk_create_with_history_records_the_actor(office_user):
    region = RegionFactory()
    with history_actor(user=office_user):
        bulk_create_with_history([Region(name="A", slug="a"), Region(name="B", slug="b")], Region)
    assert Region.history.filter(name__in=["A", "B"], history_user=office_user).count() == 2
    assert region.history.count() == 1


def test_a_login_writes_no_history_row(client, office_user):
    from conftest import TEST_PASSWORD

    office_user.set_password(TEST_PASSWORD)
    office_user.save()
    before = office_user.history.count()
    client.post(reverse("login"), {"username": "office", "password": TEST_PASSWORD})
    assert office_user.history.count() == before


def test_history_holds_no_password_hash(office_user):
    assert "password" not in {f.name for f in office_user.history.model._meta.fields}


def test_history_entries_say_old_and_new_in_german(office_user):
    person = PersonFactory(last_name="Alt", do_not_contact=False)
    with history_actor(user=office_user):
        person_update(person=person, version=person.version, last_name="Neu", do_not_contact=True)
    latest = history_entries(person)[0]
    assert latest.action == "geändert"
    changes = {c.field: (c.old, c.new) for c in latest.changes}
    assert changes["Nachname"] == ("Alt", "Neu")
    assert changes["nicht kontaktieren"] == ("nein", "ja")
    assert "Version" not in changes


def test_every_listed_model_is_audited():
    labels = {m._meta.label for m in audited_models()}
    assert {
        "contacts.Organisation",
        "contacts.Person",
        "contacts.FirstContact",
        "partners.Partner",
        "partners.PartnershipSpan",
        "events.Event",
        "events.EventPhoto",
        "events.KIChallengeRound",
        "reporting.Target",
        "reporting.TransferProject",
        "reporting.CommunicationActivity",
        "reporting.ReportEdition",
        "reporting.ReportSection",
        "kiallianz.Region",
        "kiallianz.User",
    } <= labels


# --- Bulk .update() on audited models is banned outside the history helpers ----

_ALLOWED_FILES = {"kiallianz/history.py"}
_APPS = ("kiallianz", "contacts", "events", "partners", "reporting", "audit")


def _update_calls_on_audited_models(path: Path, audited_names: set[str]):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "update"
        ):
            continue
        receiver = ast.unparse(node.func.value)
        root = receiver.split(".", 1)[0]
        if root in audited_names and (".objects" in receiver or "_base_manager" in receiver):
            yield node.lineno, receiver


def test_no_bulk_update_on_audited_models_bypasses_the_history():
    """``Model.objects…update()`` writes no history: use update_with_history."""
    base = Path(settings.BASE_DIR)
    audited_names = {m.__name__ for m in audited_models()}
    offences = []
    for app in _APPS:
        for path in (base / app).rglob("*.py"):
            relative = path.relative_to(base).as_posix()
            if "/tests/" in relative or "/migrations/" in relative or relative in _ALLOWED_FILES:
                continue
            for lineno, receiver in _update_calls_on_audited_models(path, audited_names):
                offences.append(f"{relative}:{lineno} {receiver}.update()")
    assert offences == []


def test_the_ban_finds_an_offending_update(tmp_path):
    offending = tmp_path / "services.py"
    offending.write_text("Person.objects.filter(pk=1).update(last_name='x')\n")
    assert list(_update_calls_on_audited_models(offending, {"Person"}))


def test_an_import_records_created_rows_in_one_insert(office_user):
    """The helper for importers that insert rows their own way."""
    from kiallianz.history import record_changes

    regions = Region.objects.bulk_create([Region(name=f"R{n}", slug=f"r{n}") for n in range(5)])
    history_table = Region.history.model._meta.db_table
    with history_actor(user=office_user), CaptureQueriesContext(connection) as queries:
        record_changes(regions, history_type="+")
    # One INSERT, or on PostgreSQL one COPY.
    assert len([q for q in queries if history_table in q["sql"]]) == 1
    rows = Region.history.filter(name__startswith="R", history_type="+")
    assert rows.count() == 5
    assert set(rows.values_list("history_user_id", flat=True)) == {office_user.pk}


def test_bulk_history_rows_keep_every_value_as_it_was(office_user):
    """The rows an import's history writes (a COPY on PostgreSQL, INSERTs
    elsewhere) hold exactly the record's values: tabs, line breaks,
    backslashes, umlauts, empty values, dates, times and ids included."""
    from kiallianz.history import record_changes

    person = PersonFactory(
        first_name="Zoë\tTab",
        last_name="Müller\\Backslash",
        email="",
        notes="Zeile 1\nZeile 2\r\nZeile 3 \\N kein NULL",
    )
    contact = FirstContactFactory(
        date=datetime.date(2024, 2, 29),
        occasion_note="",
        referral_offer=None,
        client_key="5b0f4a1e-3f8e-4c7e-9b1a-2d3c4e5f6a7b",
    )
    with history_actor(user=office_user):
        record_changes([person, contact], reason="Import", history_type="~")

    for record in (person, contact):
        record.refresh_from_db()
        written = type(record).history.filter(id=record.pk, history_type="~").get()
        for field in type(record)._meta.concrete_fields:
            assert getattr(written, field.attname) == getattr(record, field.attname), field.name
        assert written.history_change_reason == "Import"
        assert written.history_user_id == office_user.pk
        assert written.history_date.tzinfo is not None


def test_history_tables_index_only_what_the_history_is_read_by():
    """Record, date and user (and the row's own key): an index on a copied
    field would be written with every change and never read."""
    from audit.retention import history_models

    models = history_models()
    assert len(models) > 5
    for history_model in models:
        indexed = {
            field.column
            for field in history_model._meta.fields
            if field.db_index or field.unique or field.primary_key
        }
        assert indexed == {"history_id", "id", "history_date", "history_user_id"}, history_model
