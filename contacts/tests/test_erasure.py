"""Erasure reaches everything: a person named in every place is erased, then
every text column of every table and every file in the media folder is
scanned for their name, email and phone."""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from pypdf import PdfReader

from audit.services import access_log_export, access_log_view
from contacts import text_index
from contacts.models import FirstContact, ListExport, Person
from contacts.privacy import person_erase, person_export_pdf_store
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from contacts.tests.index_support import index_holds_only_current_text
from contacts.text_index import text_contains
from events.tests.factories import EventFactory
from kiallianz.history import history_actor
from kiallianz.tabular import xlsx_bytes
from reporting.models import ReportEdition, ReportExport
from reporting.tests.factories import FundingProjectFactory

NAME = "Zacharias Quellenbrink"
EMAIL = "z.quellenbrink@beispiel-werk.de"
PHONE = "+49 721 5550123"
NEEDLES = (NAME, EMAIL, PHONE)

pytestmark = pytest.mark.django_db(transaction=False)


def _text_columns():
    """(table, column) of every text-like column in the database. SQLite's
    text index (its tables are ``<table>_text…``) reads the tables' own
    text; what it keeps is checked by its own test below."""
    text_types = ("char", "text", "clob", "json", "varchar")
    index_tables = tuple(text_index.index_table(table) for table in text_index.INDEXED)
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith(index_tables):
                continue
            for column in connection.introspection.get_table_description(cursor, table):
                type_name = connection.introspection.get_field_type(column.type_code, column)
                if any(t in type_name.lower() for t in text_types):
                    yield table, column.name


def _database_hits() -> list[str]:
    hits = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, column in _text_columns():
            cursor.execute(f"SELECT {quote(column)} FROM {quote(table)}")  # noqa: S608
            for (value,) in cursor.fetchall():
                text = str(value or "").lower()
                hits += [f"{table}.{column}: {n}" for n in NEEDLES if n.lower() in text]
    return hits


def _file_text(path: Path) -> str:
    data = path.read_bytes()
    if data.startswith(b"%PDF"):
        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    if data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return data.decode("utf-8", "replace")


def _media_hits() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    hits = []
    for path in root.rglob("*") if root.exists() else []:
        if path.is_file():
            text = _file_text(path).lower()
            hits += [f"{path.name}: {n}" for n in NEEDLES if n.lower() in text]
    return hits


def _counts():
    return list(
        FirstContact.objects.values("region__name", "date__year")
        .annotate(n=Count("id"))
        .order_by("region__name", "date__year")
    )


@pytest.fixture
def seeded(office_user, region):
    """The person appears as text in every place that can hold it."""
    mention = f"Gespräch mit {NAME} ({EMAIL}, {PHONE})"
    with history_actor(user=office_user):
        organisation = OrganisationFactory(region=region, notes=f"Ansprechpartner {NAME}")
        person = PersonFactory(
            first_name="Zacharias",
            last_name="Quellenbrink",
            email=EMAIL,
            phone=PHONE,
            organisation=organisation,
            notes=mention,
        )
        contact = FirstContactFactory(
            organisation=organisation,
            region=region,
            persons=[person],
            content=mention,
            occasion_note=f"Messe, Stand von {NAME}",
            referral_note=f"an Datenplattform: {EMAIL}",
            follow_up_note=f"{PHONE} anrufen",
            date=datetime.date(2024, 5, 2),
        )
        FirstContactFactory(region=region, date=datetime.date(2024, 7, 1))
        contact.content = f"{mention}. Nachtrag: Herr Quellenbrink ruft zurück."
        contact.save()
        event = EventFactory(region=region, report_text=f"Keynote von {NAME}, Kontakt {EMAIL}")
        event.speakers.add(person)
    LogEntry.objects.log_actions(
        user_id=office_user.pk,
        queryset=[person],
        action_flag=CHANGE,
        change_message=f'[{{"changed": {{"fields": ["{NAME}"]}}}}]',
    )
    assert LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Person), object_repr__icontains=NAME
    ).exists()
    access_log_view(user=office_user, obj=person, view_name="contacts:person_detail")
    access_log_export(
        user=office_user, obj=person, export_type="gdpr_json", row_count=1, view_name="x"
    )
    # Stored exports: the Art. 15 PDF and a report file naming the person.
    person_export_pdf_store(person_id=person.pk)
    edition = ReportEdition.objects.create(
        project=FundingProjectFactory(),
        year=2024,
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
        as_of=datetime.date(2025, 2, 19),
        title="Zwischenverwendungsnachweis 2024",
        organisation_name="KI-Allianz",
        project_title="Community Management",
    )
    export = ReportExport(
        edition=edition,
        format="xlsx",
        year=2024,
        as_of=datetime.date(2025, 2, 19),
        status=ReportExport.Status.DONE,
    )
    export.file.save(
        "bericht.xlsx", ContentFile(xlsx_bytes([("Redner", ["Name"], [[NAME]])])), save=True
    )
    job = ListExport(
        exporter="personen", format="csv", created_by=office_user, status=ListExport.Status.DONE
    )
    job.file.save("personen.csv", ContentFile(f"Name\n{NAME};{EMAIL}\n".encode()), save=True)
    return person


def test_the_seed_is_found_everywhere_before_erasure(seeded):
    hits = _database_hits()
    tables = {hit.split(".", 1)[0] for hit in hits}
    assert {
        "contacts_person",
        "contacts_historicalperson",
        "contacts_firstcontact",
        "contacts_historicalfirstcontact",
        "contacts_organisation",
        "events_event",
        "events_historicalevent",
        "django_admin_log",
    } <= tables
    assert {hit.split(":", 1)[0] for hit in _media_hits()} >= {
        f"person-{seeded.pk}.pdf",
        "personen.csv",
    }


def test_after_erasure_no_table_and_no_file_holds_the_person(seeded, office_user):
    counts_before = _counts()
    person_erase(person=seeded, version=seeded.version, user=office_user)
    assert _database_hits() == []
    assert _media_hits() == []
    assert _counts() == counts_before
    # The surname alone goes from the notes of the person's first contacts.
    contact = FirstContact.objects.get(persons=seeded)
    assert "Quellenbrink" not in contact.content
    # The fact that changes happened stays in the history.
    assert seeded.history.count() >= 2
    assert ReportExport.objects.count() == 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 text index")
def test_after_erasure_the_text_index_holds_no_trace_of_the_person(seeded, office_user):
    """The index marks removed text as deleted and keeps it until merged;
    after an erasure it is as a fresh index of what remains."""
    assert Person.objects.filter(text_contains(Person, ("last_name",), "Quellenbrink")).exists()
    person_erase(person=seeded, version=seeded.version, user=office_user)
    assert index_holds_only_current_text()
    assert not Person.objects.filter(text_contains(Person, ("email",), EMAIL)).exists()


def test_erasure_through_the_page_reaches_everything(seeded, office_client):
    response = office_client.post(
        reverse("contacts:person_erase", args=[seeded.pk]),
        {"version": seeded.version, "confirm": "on"},
    )
    assert response.status_code == 302
    assert _database_hits() == []
