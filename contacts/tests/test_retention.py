"""Retention with a moved clock: what expires is anonymised, what is kept stays."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import AccessLogEntry
from audit.retention import apply_retention
from contacts.models import FirstContact, Person
from contacts.privacy import person_is_erased
from contacts.retention import persons_due
from contacts.tests.factories import FirstContactFactory, PersonFactory
from contacts.tests.index_support import index_holds_only_current_text
from events.tests.factories import EventFactory
from partners.tests.factories import PartnerFactory, PartnershipSpanFactory

pytestmark = pytest.mark.django_db

CONTACT_DAY = datetime.date(2022, 3, 1)
# Three years (3 × 365 days) after the first contact, plus a day.
EXPIRED_DAY = CONTACT_DAY + datetime.timedelta(days=3 * 365 + 1)


def _person_met_on(day, **kwargs):
    person = PersonFactory(**kwargs)
    FirstContactFactory(persons=[person], date=day)
    Person.objects.filter(pk=person.pk).update(
        created_at=datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)
    )
    return person


def _erased(person) -> bool:
    person.refresh_from_db()
    return person_is_erased(person)


def test_a_person_expires_three_years_after_the_last_first_contact():
    person = _person_met_on(CONTACT_DAY, last_name="Ablauf")
    day_before = EXPIRED_DAY - datetime.timedelta(days=2)
    assert apply_retention(today=day_before)["contact_persons"] == 0
    assert not _erased(person)
    assert apply_retention(today=EXPIRED_DAY)["contact_persons"] == 1
    assert _erased(person)
    # The first contact keeps counting.
    assert FirstContact.objects.filter(persons=person).count() == 1


def test_a_later_first_contact_or_talk_moves_the_date():
    met_again = _person_met_on(CONTACT_DAY)
    FirstContactFactory(persons=[met_again], date=CONTACT_DAY + datetime.timedelta(days=400))
    speaker = _person_met_on(CONTACT_DAY)
    EventFactory(start_date=CONTACT_DAY + datetime.timedelta(days=400)).speakers.add(speaker)
    apply_retention(today=EXPIRED_DAY)
    assert not _erased(met_again)
    assert not _erased(speaker)


def test_consent_or_an_active_partnership_keeps_a_person():
    consenting = _person_met_on(
        CONTACT_DAY, legal_basis=Person.LegalBasis.CONSENT, consent_date=CONTACT_DAY
    )
    partner_contact = _person_met_on(CONTACT_DAY)
    partner = PartnerFactory(organisation=partner_contact.organisation, since=CONTACT_DAY)
    partner.contact_persons.add(partner_contact)
    former = _person_met_on(CONTACT_DAY)
    ended = PartnerFactory(organisation=former.organisation, since=False)
    ended.contact_persons.add(former)
    PartnershipSpanFactory(partner=ended, since=CONTACT_DAY, ended=CONTACT_DAY)
    withdrawn = _person_met_on(
        CONTACT_DAY,
        legal_basis=Person.LegalBasis.CONSENT,
        consent_date=CONTACT_DAY,
        consent_withdrawn_on=CONTACT_DAY + datetime.timedelta(days=10),
    )
    apply_retention(today=EXPIRED_DAY)
    assert not _erased(consenting)
    assert not _erased(partner_contact)
    assert _erased(former)
    assert _erased(withdrawn)


def test_the_dry_run_counts_and_changes_nothing(capsys):
    person = _person_met_on(CONTACT_DAY)
    call_command("apply_retention", "--dry-run", f"--today={EXPIRED_DAY:%Y-%m-%d}")
    output = capsys.readouterr().out
    assert "contact_persons: 1 fällig" in output
    assert "first_contact_notes: 1 fällig" in output
    assert not _erased(person)
    call_command("apply_retention", f"--today={EXPIRED_DAY:%Y-%m-%d}")
    assert _erased(person)


def test_first_contact_notes_are_emptied_after_the_period():
    old = FirstContactFactory(date=CONTACT_DAY, content="alt", follow_up_note="anrufen")
    recent = FirstContactFactory(date=EXPIRED_DAY, content="neu")
    apply_retention(today=EXPIRED_DAY)
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.content, old.follow_up_note) == ("", "")
    assert recent.content == "neu"
    assert old.history.latest().history_change_reason == "Aufbewahrungsfrist abgelaufen"
    if connection.vendor == "sqlite":
        assert index_holds_only_current_text()


def test_old_access_log_entries_are_deleted(office_user):
    entry = AccessLogEntry.objects.create(user=office_user, action="view", view_name="x")
    AccessLogEntry.objects.filter(pk=entry.pk).update(
        at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    fresh = AccessLogEntry.objects.create(user=office_user, action="view", view_name="y")
    apply_retention(today=datetime.date(2023, 1, 2))
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_persons_due_within_30_days():
    due_day = EXPIRED_DAY - datetime.timedelta(days=10)
    person = _person_met_on(CONTACT_DAY, last_name="Bald")
    assert list(persons_due(due_day)) == [person]
    assert list(persons_due(CONTACT_DAY)) == []


def test_office_keeps_a_due_person_with_a_reason(office_client):
    today = timezone.localdate()
    person = _person_met_on(today - datetime.timedelta(days=3 * 365 - 5), last_name="Bald")
    page = office_client.get(reverse("contacts:person_retention"))
    assert page.status_code == 200
    assert "Bald" in page.content.decode()
    response = office_client.post(
        reverse("contacts:person_retention_keep", args=[person.pk]),
        {"reason": "Laufendes Förderprojekt", "version": person.version},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.retention_kept_until > today
    assert person.history.latest().history_change_reason == "Aufbewahrt: Laufendes Förderprojekt"
    due_page = office_client.get(reverse("contacts:person_retention")).content.decode()
    assert "retention/keep" not in due_page
    apply_retention(today=today + datetime.timedelta(days=10))
    assert not _erased(person)


def _due_person():
    return _person_met_on(timezone.localdate() - datetime.timedelta(days=3 * 365 - 5))


def test_keeping_needs_a_reason(office_client):
    person = _due_person()
    url = reverse("contacts:person_retention_keep", args=[person.pk])
    office_client.post(url, {"reason": " ", "version": person.version})
    person.refresh_from_db()
    assert person.retention_kept_until is None


def test_community_managers_may_not_keep_or_see_the_due_list(cm_client):
    person = _due_person()
    url = reverse("contacts:person_retention_keep", args=[person.pk])
    assert cm_client.post(url, {"reason": "x", "version": person.version}).status_code == 403
    assert cm_client.get(reverse("contacts:person_retention")).status_code == 403
    person.refresh_from_db()
    assert person.retention_kept_until is None


def test_anonymous_users_are_sent_to_the_login(client):
    response = client.get(reverse("contacts:person_retention"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
