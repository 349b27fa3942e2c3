"""Writes on the partner registry.

The rule of the registry: an organisation that is a member or Genoss:in is
never an active partner, and an active partner never becomes a member or
Genoss:in. The services check the first direction; the second is checked by
``membership_check``, which ``PartnersConfig.ready()`` registers with the
contacts services.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from contacts.models import FirstContact, Organisation, Person
from kiallianz.models import Region
from kiallianz.versioning import bump_version, check_version, model_update
from partners.models import Partner, PartnershipSpan

MEMBER_STATUSES = (
    Organisation.MembershipStatus.MEMBER,
    Organisation.MembershipStatus.COOPERATIVE_MEMBER,
)
ACTIVE_PARTNER_MESSAGE = _(
    "Diese Organisation ist aktive Partner:in und kann nicht zugleich Mitglied oder "
    "Genoss:in sein. Beenden Sie zuerst die Partnerschaft."
)

# Fields a partner form may change (the organisation never changes).
EDITABLE_FIELDS = (
    "category",
    "is_statewide",
    "brings_expertise",
    "brings_resources",
    "brings_network",
    "contribution",
    "community_manager",
    "logo",
    "is_public",
    "public_description",
    "notes",
    "first_contact",
)


def ensure_may_become_partner(organisation: Organisation) -> None:
    """Members and Genoss:innen cannot be partners at the same time."""
    if organisation.membership_status in MEMBER_STATUSES:
        raise ValidationError(
            {
                "organisation": _(
                    "%(name)s ist %(status)s und kann deshalb nicht Partner:in sein. "
                    "Partner:innen sind weder Mitglieder noch Genoss:innen."
                )
                % {
                    "name": organisation.name,
                    "status": organisation.get_membership_status_display(),
                }
            }
        )


def membership_check(organisation: Organisation, new_status: str) -> None:
    """Registered with contacts: refuse making an active partner a member."""
    if new_status not in MEMBER_STATUSES or organisation.pk is None:
        return
    if PartnershipSpan.objects.filter(
        partner__organisation_id=organisation.pk, ended__isnull=True
    ).exists():
        raise ValidationError({"membership_status": ACTIVE_PARTNER_MESSAGE})


def _check_first_contact(organisation: Organisation, first_contact: FirstContact | None) -> None:
    if first_contact is not None and first_contact.organisation_id != organisation.pk:
        raise ValidationError(
            {"first_contact": _("Das Erstgespräch gehört zu einer anderen Organisation.")}
        )


@transaction.atomic
def partner_create(
    *,
    organisation: Organisation,
    category: str,
    since: datetime.date,
    regions: Iterable[Region] = (),
    contact_persons: Iterable[Person] = (),
    created_by=None,
    **fields,
) -> Partner:
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    if Partner.objects.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("Diese Organisation ist bereits als Partner:in erfasst.")}
        )
    ensure_may_become_partner(organisation)
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    _check_first_contact(organisation, fields.get("first_contact"))
    partner = Partner(organisation=organisation, category=category, created_by=created_by, **fields)
    partner.full_clean()
    partner.save()
    partner.regions.set(regions)
    partner.contact_persons.set(contact_persons)
    span = PartnershipSpan(partner=partner, since=since)
    span.full_clean()
    span.save()
    return partner


@transaction.atomic
def partner_update(
    *,
    partner: Partner,
    version: int | None,
    regions: Iterable[Region] | None = None,
    contact_persons: Iterable[Person] | None = None,
    **fields,
) -> Partner:
    model_update(
        partner,
        data=fields,
        allowed=EDITABLE_FIELDS,
        version=version,
        clean=lambda p: _check_first_contact(p.organisation, p.first_contact),
    )
    if regions is not None:
        partner.regions.set(regions)
    if contact_persons is not None:
        partner.contact_persons.set(contact_persons)
    return partner


@transaction.atomic
def partner_end(
    *, partner: Partner, ended: datetime.date, reason: str = "", version: int | None = None
) -> PartnershipSpan:
    """End the open span; the partner and its history stay. Forms pass the
    version they were rendered from; internal callers (admin, demo) pass none."""
    if version is not None:
        check_version(partner, version)
    span = partner.spans.filter(ended__isnull=True).first()
    if span is None:
        raise ValidationError(_("Die Partnerschaft ist bereits beendet."))
    if ended < span.since:
        raise ValidationError(
            {
                "ended": _(
                    "Das Ende darf nicht vor dem Beginn der Partnerschaft (%(since)s) liegen."
                )
                % {"since": date_format(span.since, "SHORT_DATE_FORMAT")}
            }
        )
    span.ended = ended
    span.end_reason = reason
    span.full_clean()
    span.save(update_fields=["ended", "end_reason"])
    bump_version(partner)
    return span


@transaction.atomic
def partner_reactivate(
    *, partner: Partner, since: datetime.date, version: int | None = None
) -> PartnershipSpan:
    """Start a new span after the last one ended (version: as partner_end)."""
    if version is not None:
        check_version(partner, version)
    ensure_may_become_partner(Organisation.objects.get(pk=partner.organisation_id))
    if partner.spans.filter(ended__isnull=True).exists():
        raise ValidationError(_("Die Partnerschaft ist bereits aktiv."))
    last = partner.spans.order_by("-ended").first()
    if last is not None and since <= last.ended:
        raise ValidationError(
            {
                "since": _(
                    "Der neue Beginn muss nach dem Ende der letzten Partnerschaft "
                    "(%(ended)s) liegen."
                )
                % {"ended": date_format(last.ended, "SHORT_DATE_FORMAT")}
            }
        )
    span = PartnershipSpan(partner=partner, since=since)
    span.full_clean()
    span.save()
    bump_version(partner)
    return span
