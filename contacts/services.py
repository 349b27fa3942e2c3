"""Writes on organisations, persons and first contacts.

Every write runs ``full_clean()`` then ``save()`` in a transaction. Updates
take the ``version`` the form was rendered from (optimistic locking).
Access is checked by the views through ``kiallianz.permissions``.
"""

import datetime
from collections.abc import Iterable

import phonenumbers
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from contacts.extensions import run_membership_checks
from contacts.models import (
    CooperationPotential,
    FirstContact,
    FirstContactPotential,
    Organisation,
    Person,
)
from contacts.normalize import normalize_email, normalize_organisation_name
from kiallianz.models import Offer, Region, User
from kiallianz.versioning import check_version, save_versioned

ORGANISATION_FIELDS = (
    "name",
    "kind",
    "sector",
    "street",
    "postcode",
    "city",
    "region",
    "website",
    "size_class",
    "membership_status",
    "notes",
)
PERSON_FIELDS = (
    "salutation",
    "title",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "linkedin_url",
    "organisation",
    "legal_basis",
    "consent_date",
    "consent_source",
    "do_not_contact",
    "notes",
)
FIRST_CONTACT_FIELDS = (
    "date",
    "region",
    "organisation",
    "occasion",
    "occasion_note",
    "content",
    "referral_offer",
    "referral_note",
    "follow_up_date",
    "follow_up_note",
)


def normalize_phone(phone: str) -> str:
    """A German or international phone number in international format;
    raises a German ValidationError for anything else."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    try:
        number = phonenumbers.parse(phone, "DE")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            {
                "phone": _(
                    "„%(value)s“ ist keine gültige Telefonnummer (z. B. 0721 123456 "
                    "oder +49 721 123456)."
                )
                % {"value": phone}
            }
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# --- Organisations ---------------------------------------------------------


@transaction.atomic
def organisation_create(*, user: User | None, name: str, **fields) -> Organisation:
    organisation = Organisation(name=(name or "").strip(), created_by=user)
    for field, value in fields.items():
        if field not in ORGANISATION_FIELDS:
            raise TypeError(field)
        setattr(organisation, field, value)
    organisation.normalized_name = normalize_organisation_name(organisation.name)
    if organisation.membership_status != Organisation.MembershipStatus.NONE:
        run_membership_checks(organisation, organisation.membership_status)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, version: int | None, **fields
) -> Organisation:
    check_version(organisation, version)
    old_status = organisation.membership_status
    changed = []
    for field, value in fields.items():
        if field not in ORGANISATION_FIELDS:
            raise TypeError(field)
        if field == "name":
            value = (value or "").strip()
        setattr(organisation, field, value)
        changed.append(field)
    organisation.normalized_name = normalize_organisation_name(organisation.name)
    if organisation.membership_status != old_status:
        # Other apps (partners) decide whether this status is allowed.
        run_membership_checks(organisation, organisation.membership_status)
    organisation.full_clean()
    save_versioned(organisation, version=organisation.version, fields=[*changed, "normalized_name"])
    return organisation


# --- Persons ----------------------------------------------------------------


def _clean_person(person: Person) -> None:
    person.email = normalize_email(person.email)
    person.phone = normalize_phone(person.phone)
    if person.legal_basis == Person.LegalBasis.CONSENT and not person.consent_date:
        raise ValidationError(
            {"consent_date": _("Bei einer Einwilligung bitte das Datum angeben.")}
        )
    person.full_clean()


@transaction.atomic
def person_create(*, user: User | None, last_name: str, **fields) -> Person:
    person = Person(last_name=(last_name or "").strip(), created_by=user)
    for field, value in fields.items():
        if field not in PERSON_FIELDS:
            raise TypeError(field)
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    _clean_person(person)
    person.save()
    return person


@transaction.atomic
def person_update(*, person: Person, version: int | None, **fields) -> Person:
    check_version(person, version)
    for field, value in fields.items():
        if field not in PERSON_FIELDS:
            raise TypeError(field)
        setattr(person, field, value.strip() if isinstance(value, str) else value)
    _clean_person(person)
    save_versioned(person, version=person.version, fields=list(fields))
    return person


# --- First contacts ----------------------------------------------------------


def _clean_first_contact(first_contact: FirstContact) -> None:
    errors = {}
    if first_contact.date and first_contact.date > timezone.localdate():
        errors["date"] = _("Ein Erstgespräch kann nicht in der Zukunft liegen.")
    if errors:
        raise ValidationError(errors)
    first_contact.full_clean(exclude=["persons", "offers"])


def _set_relations(
    first_contact: FirstContact,
    *,
    persons: Iterable[Person] | None,
    offers: Iterable[Offer] | None,
    potentials: Iterable[str] | None,
) -> None:
    if persons is not None:
        first_contact.persons.set(persons)
    if offers is not None:
        first_contact.offers.set(offers)
    if potentials is not None:
        wanted = set(potentials)
        unknown = wanted - set(CooperationPotential.values)
        if unknown:
            raise ValidationError({"potentials": _("Unbekanntes Kooperationspotenzial.")})
        first_contact.potentials.exclude(potential__in=wanted).delete()
        existing = set(first_contact.potentials.values_list("potential", flat=True))
        FirstContactPotential.objects.bulk_create(
            FirstContactPotential(first_contact=first_contact, potential=potential)
            for potential in sorted(wanted - existing)
        )


@transaction.atomic
def first_contact_create(
    *,
    user: User | None,
    date: datetime.date,
    region: Region,
    organisation: Organisation,
    community_manager: User | None = None,
    persons: Iterable[Person] = (),
    offers: Iterable[Offer] = (),
    potentials: Iterable[str] = (),
    **fields,
) -> FirstContact:
    first_contact = FirstContact(
        date=date,
        region=region,
        organisation=organisation,
        community_manager=community_manager or user,
        created_by=user,
    )
    for field, value in fields.items():
        if field not in FIRST_CONTACT_FIELDS:
            raise TypeError(field)
        setattr(first_contact, field, value)
    _clean_first_contact(first_contact)
    first_contact.save()
    _set_relations(first_contact, persons=persons, offers=offers, potentials=potentials)
    return first_contact


@transaction.atomic
def first_contact_update(
    *,
    first_contact: FirstContact,
    version: int | None,
    persons: Iterable[Person] | None = None,
    offers: Iterable[Offer] | None = None,
    potentials: Iterable[str] | None = None,
    **fields,
) -> FirstContact:
    check_version(first_contact, version)
    for field, value in fields.items():
        if field not in FIRST_CONTACT_FIELDS:
            raise TypeError(field)
        setattr(first_contact, field, value)
    _clean_first_contact(first_contact)
    save_versioned(first_contact, version=first_contact.version, fields=list(fields))
    _set_relations(first_contact, persons=persons, offers=offers, potentials=potentials)
    return first_contact


@transaction.atomic
def first_contact_set_quality_status(
    *,
    first_contact: FirstContact,
    reviewer: User,
    status: str,
    relevance: int | None = None,
) -> FirstContact:
    """Record a quality-check decision with reviewer and time."""
    if status not in FirstContact.QualityStatus.values:
        raise ValidationError({"quality_status": _("Unbekannter Qualitätsstatus.")})
    first_contact.quality_status = status
    if relevance is not None:
        first_contact.relevance = relevance
    first_contact.reviewed_by = reviewer
    first_contact.reviewed_at = timezone.now()
    first_contact.full_clean(exclude=["persons", "offers"])
    first_contact.save(
        update_fields=["quality_status", "relevance", "reviewed_by", "reviewed_at", "updated_at"]
    )
    return first_contact


@transaction.atomic
def first_contacts_mark_checked(
    *, first_contact_ids: Iterable[int], reviewer: User, relevance: int | None
) -> int:
    """Bulk „geprüft“ for the quality queue; only contacts still new change."""
    if relevance is not None and relevance not in (1, 2, 3):
        raise ValidationError({"relevance": _("Die Relevanz muss zwischen 1 und 3 liegen.")})
    now = timezone.now()
    values = {
        "quality_status": FirstContact.QualityStatus.CHECKED,
        "reviewed_by": reviewer,
        "reviewed_at": now,
        "updated_at": now,
    }
    if relevance is not None:
        values["relevance"] = relevance
    return FirstContact.objects.filter(
        pk__in=list(first_contact_ids), quality_status=FirstContact.QualityStatus.NEW
    ).update(**values)


@transaction.atomic
def follow_up_mark_done(*, first_contact: FirstContact) -> FirstContact:
    first_contact.follow_up_done = True
    first_contact.save(update_fields=["follow_up_done", "updated_at"])
    return first_contact


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    if hasattr(error, "error_dict"):
        return ValidationError(
            {f"{prefix}{field}": messages for field, messages in error.message_dict.items()}
        )
    return error


@transaction.atomic
def first_contact_capture(
    *,
    user: User,
    first_contact: FirstContact | None = None,
    version: int | None = None,
    organisation: Organisation | None,
    new_organisation: dict | None = None,
    persons: Iterable[Person] = (),
    new_persons: Iterable[dict] = (),
    **fields,
) -> FirstContact:
    """The capture screen in one transaction: a new organisation and new
    persons (if any) and the first contact, created or updated. Error keys
    of the new records are prefixed ``organisation__`` / ``person_<i>__``."""
    region = fields["region"]
    if new_organisation is not None:
        try:
            organisation = organisation_create(
                user=user, region=region, **{"name": "", **new_organisation}
            )
        except ValidationError as error:
            raise _prefixed(error, "organisation__") from None
    all_persons = list(persons)
    for index, person_fields in enumerate(new_persons):
        try:
            all_persons.append(person_create(user=user, organisation=organisation, **person_fields))
        except ValidationError as error:
            raise _prefixed(error, f"person_{index}__") from None
    if first_contact is None:
        return first_contact_create(
            user=user, organisation=organisation, persons=all_persons, **fields
        )
    return first_contact_update(
        first_contact=first_contact,
        version=version,
        organisation=organisation,
        persons=all_persons,
        **fields,
    )


# --- Follow-up digest ----------------------------------------------------------

DIGEST_HORIZON_DAYS = 7


def digest_horizon(today: datetime.date) -> datetime.date:
    return today + datetime.timedelta(days=DIGEST_HORIZON_DAYS)


def _site_url() -> str:
    site_url = getattr(settings, "SITE_URL", "")
    if site_url:
        return site_url.rstrip("/")
    host = next((h for h in settings.ALLOWED_HOSTS if h and not h.startswith(".")), "localhost")
    scheme = "http" if settings.DEBUG or host in ("127.0.0.1", "localhost") else "https"
    return f"{scheme}://{host}"


def follow_up_digest_send(*, manager_id: int, today: datetime.date | None = None) -> bool:
    """Email one manager their overdue and due follow-ups (German). Returns
    whether a mail was sent; only that manager's first contacts are in it."""
    from contacts.selectors import open_follow_ups

    manager = User.objects.filter(pk=manager_id, is_active=True).first()
    if manager is None or not manager.email:
        return False
    today = today or timezone.localdate()
    items = list(open_follow_ups(user_id=manager.pk, until=digest_horizon(today)))
    if not items:
        return False
    base = _site_url()
    with translation.override("de"):
        context = {
            "manager": manager,
            "overdue": [fc for fc in items if fc.follow_up_date < today],
            "due": [fc for fc in items if fc.follow_up_date >= today],
            "today": today,
            "base_url": base,
            "follow_ups_url": base + reverse("contacts:follow_ups"),
        }
        subject = _("Ihre Wiedervorlagen: %(count)s offen") % {"count": len(items)}
        body = render_to_string("contacts/email/follow_up_digest.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [manager.email])
    return True


def duplicate_pair_dismiss(*, kind: str, first_id: int, second_id: int, user) -> None:
    """Remember that two records are „keine Dublette“, so that the pair is
    no longer suggested. Dismissing a pair twice changes nothing."""
    from contacts.models import DuplicateDismissal

    model = Organisation if kind == DuplicateDismissal.Kind.ORGANISATION else Person
    low, high = sorted((first_id, second_id))
    if low == high or model.objects.filter(pk__in=(low, high)).count() != 2:
        raise ValidationError(_("Diese beiden Datensätze gibt es nicht (mehr)."))
    with transaction.atomic():
        if DuplicateDismissal.objects.filter(kind=kind, first_id=low, second_id=high).exists():
            return
        dismissal = DuplicateDismissal(kind=kind, first_id=low, second_id=high, dismissed_by=user)
        dismissal.full_clean()
        dismissal.save()
