"""GDPR tools: export everything stored about a person, and erase a person.

Erasing anonymises: the person row stays (without name, contact data and
notes) so the first contacts they took part in still count in the
statistics. Log lines carry the person's id only.
"""

import datetime
import json
import logging
import re

from django.apps import apps
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from audit import retention
from audit.models import AccessLogEntry
from audit.selectors import history_entries
from contacts import text_index
from contacts.extensions import run_erasure_hooks
from contacts.models import FirstContact, ImportJob, ListExport, MergeLog, Person
from contacts.services.cards import business_cards_delete
from kiallianz.history import is_audited, update_with_history
from kiallianz.tabular import xlsx_bytes
from kiallianz.versioning import check_version, save_versioned

logger = logging.getLogger(__name__)

ANONYMISED_LAST_NAME = "anonymisiert"
# Everything that names or reaches the person; organisation, legal basis
# and the first-contact links stay for the statistics.
ERASED_FIELDS = (
    "salutation",
    "title",
    "first_name",
    "last_name",
    "function",
    "email",
    "phone",
    "linkedin_url",
    "consent_source",
    "consent_withdrawal_source",
    "objection_note",
    "notes",
)
# Stands in wherever the person's name, email or phone stood in a text.
REDACTED = "[anonymisiert]"
# Where the Art. 15 PDF of a person is kept until downloaded (office only).
PDF_EXPORT_DIR = "privacy-exports"
# Tables never scanned: they hold no free text about a person.
_SCRUB_SKIPPED = {Session}

_INTERNAL_FIELDS = {"created_by", "version"}


def person_is_erased(person: Person) -> bool:
    return person.last_name == ANONYMISED_LAST_NAME and not (person.first_name or person.email)


def person_export_data(person: Person) -> dict:
    """Everything stored about a person, as JSON-ready data.

    This answers a right-of-access request (Art. 15 DSGVO), so it works for
    persons marked "do not contact" too: the flag stops outreach, not access.
    """
    fields = {}
    for field in Person._meta.concrete_fields:
        if field.name in _INTERNAL_FIELDS:
            continue
        fields[str(field.verbose_name)] = _value(person, field)
    contacts = (
        FirstContact.objects.filter(persons=person)
        .select_related("organisation", "region", "community_manager", "referral_offer")
        .prefetch_related("offers", "potentials")
        .order_by("date", "id")
    )
    return {
        "person": fields,
        "first_contacts": [_contact_data(contact) for contact in contacts],
        "merge_history": [
            {
                "merged_at": log.merged_at.isoformat(),
                "merged_id": log.merged_id,
                "data": log.merged_data,
            }
            for log in person.merge_logs.all()
        ],
        "links": _links(person),
        "history": [
            {
                "date": entry.date.isoformat(),
                "action": str(entry.action),
                "user": entry.user_label,
                "changes": [
                    {"field": change.field, "old": change.old, "new": change.new}
                    for change in entry.changes
                ],
            }
            for entry in history_entries(person)
        ],
        "access_log": [
            {
                "at": entry.at.isoformat(),
                "action": entry.get_action_display(),
                "view": entry.view_name,
                "export_type": entry.export_type,
            }
            for entry in AccessLogEntry.objects.filter(
                model_label=Person._meta.label_lower, object_id=person.pk
            ).order_by("at", "id")
        ],
        "register": _register_data(),
        "exported_at": timezone.localtime().isoformat(),
    }


def _register_data() -> list[dict]:
    """Purposes, legal bases, recipients, sources and retention periods."""
    return [
        {
            "category": str(category.name),
            "purpose": str(category.purpose),
            "legal_basis": str(category.legal_basis),
            "recipients": str(category.recipients),
            "source": str(category.source),
            "retention_days": category.days,
            "retention": str(category.period_text),
        }
        for category in retention.categories()
    ]


def person_export_json(person: Person) -> bytes:
    data = person_export_data(person)
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def person_export_xlsx(person: Person) -> bytes:
    data = person_export_data(person)
    contact_headers = [
        _("Datum"),
        _("Organisation"),
        _("Region"),
        _("Anlass"),
        _("Anlass (Details)"),
        _("Besprochene Inhalte"),
        _("Vorgestellte Angebote"),
        _("Kooperationspotenzial"),
        _("Community Manager:in"),
        _("Qualitätsstatus"),
        _("Vermittelt an Projekt"),
        _("Vermittlung (Notiz)"),
        _("Wiedervorlage am"),
        _("Wiedervorlage (Notiz)"),
    ]
    contact_rows = [
        [
            contact["date"],
            contact["organisation"],
            contact["region"],
            contact["occasion"],
            contact["occasion_note"],
            contact["content"],
            ", ".join(contact["offers"]),
            ", ".join(contact["potentials"]),
            contact["community_manager"],
            contact["quality_status"],
            contact["referral_offer"],
            contact["referral_note"],
            contact["follow_up_date"],
            contact["follow_up_note"],
        ]
        for contact in data["first_contacts"]
    ]
    link_rows = [[label, entry] for label, entries in data["links"].items() for entry in entries]
    history_rows = [
        [entry["merged_at"], entry["merged_id"], json.dumps(entry["data"], ensure_ascii=False)]
        for entry in data["merge_history"]
    ]
    return xlsx_bytes(
        [
            (_("Person"), [_("Feld"), _("Wert")], list(data["person"].items())),
            (_("Erstgespräche"), contact_headers, contact_rows),
            (_("Verknüpfungen"), [_("Art"), _("Eintrag")], link_rows),
            (
                _("Zusammenführungen"),
                [_("zusammengeführt am"), _("ID"), _("Daten")],
                history_rows,
            ),
            (
                _("Verlauf"),
                [_("Zeitpunkt"), _("Änderung"), pgettext("author", "von"), _("Felder")],
                [
                    [
                        entry["date"],
                        entry["action"],
                        entry["user"],
                        "; ".join(
                            f"{c['field']}: {c['old']} → {c['new']}" for c in entry["changes"]
                        ),
                    ]
                    for entry in data["history"]
                ],
            ),
            (
                _("Zugriffe"),
                [_("Zeitpunkt"), _("Zugriff"), _("Seite"), _("Export")],
                [[e["at"], e["action"], e["view"], e["export_type"]] for e in data["access_log"]],
            ),
            (
                _("Verarbeitung"),
                [
                    _("Kategorie"),
                    _("Zweck"),
                    _("Rechtsgrundlage"),
                    _("Empfänger"),
                    _("Herkunft"),
                    _("Aufbewahrung"),
                ],
                [
                    [
                        r["category"],
                        r["purpose"],
                        r["legal_basis"],
                        r["recipients"],
                        r["source"],
                        r["retention"],
                    ]
                    for r in data["register"]
                ],
            ),
        ]
    )


def person_export_pdf(person: Person) -> bytes:
    """The Art. 15 answer as a readable German PDF (run in a task, not a request)."""
    from weasyprint import HTML

    with translation.override("de"):
        html = render_to_string(
            "contacts/data/person_export_pdf.html",
            {"person": person, "data": person_export_data(person)},
        )
    return HTML(string=html).write_pdf()


def person_export_pdf_path(person_id: int) -> str:
    return f"{PDF_EXPORT_DIR}/person-{person_id}.pdf"


def person_export_pdf_store(*, person_id: int) -> str:
    person = Person.objects.select_related("organisation").get(pk=person_id)
    path = person_export_pdf_path(person_id)
    if default_storage.exists(path):
        default_storage.delete(path)
    default_storage.save(path, ContentFile(person_export_pdf(person)))
    return path


def person_erase(*, person: Person, version: int, user) -> Person:
    """Anonymise a person; the first contacts keep counting.

    The person's name, email and phone are replaced wherever they occur as
    text: every text column of every table (first-contact notes, event
    descriptions, the change history, the admin log, ...); stored exports
    of the person are deleted, and apps remove their stored files through
    ``contacts.extensions.register_erasure_hook``.
    """
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        check_version(person, version)
        needles = person_needles(person)
        surname = person.last_name if len(person.last_name) >= 3 else ""
        for name in ERASED_FIELDS:
            setattr(person, name, "")
        person.last_name = ANONYMISED_LAST_NAME
        person.consent_date = None
        # Nobody may approach an erased person again.
        person.do_not_contact = True
        person.full_clean()
        extra_fields = ["consent_date", "do_not_contact"]
        save_versioned(person, fields=[*ERASED_FIELDS, *extra_fields], version=version)
        # Merge logs keep a duplicate's personal data: they go as well.
        person.merge_logs.all().delete()
        business_cards_delete(person=person)
        _erase_history_values(person)
        if surname:
            # The surname alone („Herr Müller“) only where the person took part.
            _scrub_first_contacts(person, [surname, *needles])
        scrub_everywhere(needles)
        if default_storage.exists(person_export_pdf_path(person.pk)):
            default_storage.delete(person_export_pdf_path(person.pk))
        _remove_stored_list_exports()
        run_erasure_hooks(person.pk)
        text_index.forget_removed_text()
    logger.info("person %s anonymised", person.pk)
    return person


def person_needles(person: Person) -> list[str]:
    """The texts that name or reach the person."""
    needles = set()
    if person.first_name and person.last_name:
        needles.add(f"{person.first_name} {person.last_name}")
        needles.add(f"{person.last_name}, {person.first_name}")
    if person.full_name and " " in person.full_name:
        needles.add(person.full_name)
    if person.email:
        needles.add(person.email)
    if person.phone:
        needles.add(person.phone)
        digits = re.sub(r"\D", "", person.phone)
        if len(digits) >= 6:
            needles.add(digits)
    return sorted((n for n in needles if len(n) >= 5), key=len, reverse=True)


def _replace(text: str, needles: list[str]) -> str:
    for needle in needles:
        text = re.sub(re.escape(needle), REDACTED, text, flags=re.IGNORECASE)
    return text


def _text_fields(model) -> list:
    return [
        field
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField | models.JSONField)
        and not field.choices
    ]


def scrub_everywhere(needles: list[str]) -> int:
    """Replace the needles in every text column of every table; returns rows changed.

    One SELECT per table with text columns; rows are rewritten one UPDATE
    each (audited models through the history, so the erasure shows there).
    """
    if not needles:
        return 0
    changed_rows = 0
    for model in apps.get_models(include_auto_created=True):
        if model in _SCRUB_SKIPPED or model._meta.proxy or not model._meta.managed:
            continue
        fields = _text_fields(model)
        if not fields:
            continue
        condition = Q()
        for field in fields:
            for needle in needles:
                condition |= Q(**{f"{field.name}__icontains": needle})
        for row in model._base_manager.filter(condition):
            changed_rows += _scrub_row(model, row, fields, needles)
    return changed_rows


def _scrub_row(model, row, fields, needles) -> int:
    values = {}
    for field in fields:
        value = getattr(row, field.attname)
        if isinstance(field, models.JSONField):
            if value is None:
                continue
            dumped = json.dumps(value, ensure_ascii=False)
            scrubbed = _replace(dumped, needles)
            if scrubbed != dumped:
                values[field.attname] = json.loads(scrubbed)
        elif isinstance(value, str):
            scrubbed = _replace(value, needles)
            if scrubbed != value:
                values[field.attname] = scrubbed[: field.max_length or None]
    if not values:
        return 0
    rows = model._base_manager.filter(pk=row.pk)
    if is_audited(model):
        update_with_history(rows, reason=_("Personendaten anonymisiert"), **values)
    else:
        rows.update(**values)
    return 1


def _scrub_first_contacts(person: Person, needles: list[str]) -> None:
    for contact in FirstContact.objects.filter(persons=person):
        _scrub_row(FirstContact, contact, _text_fields(FirstContact), needles)


def _erase_history_values(person: Person) -> None:
    """The fact of each change stays; the person's values in it go."""
    history_model = Person.history.model
    values = dict.fromkeys(ERASED_FIELDS, "")
    values.update(last_name=ANONYMISED_LAST_NAME, consent_date=None)
    history_model.objects.filter(id=person.pk).update(**values)


def _contact_data(contact: FirstContact) -> dict:
    return {
        "id": contact.pk,
        "date": contact.date.isoformat(),
        "organisation": contact.organisation.name,
        "region": contact.region.name,
        "occasion": contact.get_occasion_display(),
        "occasion_note": contact.occasion_note,
        "content": contact.content,
        "referral_offer": str(contact.referral_offer or ""),
        "referral_note": contact.referral_note,
        "follow_up_date": contact.follow_up_date.isoformat() if contact.follow_up_date else None,
        "follow_up_note": contact.follow_up_note,
        "follow_up_done": contact.follow_up_done,
        "offers": [offer.name for offer in contact.offers.all()],
        "potentials": [str(p.get_potential_display()) for p in contact.potentials.all()],
        "community_manager": str(contact.community_manager or ""),
        "quality_status": contact.get_quality_status_display(),
    }


def _links(person: Person) -> dict[str, list[str]]:
    """Other records pointing at the person, from any app (events, …)."""
    links = {}
    for relation in Person._meta.related_objects:
        if relation.related_model in (FirstContact, MergeLog):
            continue
        accessor = relation.get_accessor_name()
        if relation.one_to_one:
            related = getattr(person, accessor, None)
            entries = [str(related)] if related is not None else []
        else:
            entries = [str(obj) for obj in getattr(person, accessor).all()]
        if entries:
            links[str(relation.related_model._meta.verbose_name_plural)] = entries
    return links


def _value(obj, field):
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if field.is_relation:
        related = getattr(obj, field.name)
        return str(related) if related is not None else None
    value = getattr(obj, field.attname)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value


def _remove_stored_list_exports() -> None:
    """Stored list downloads may name the person: finished ones go (a new
    download renders the lists anew). So do finished browser imports: their
    uploaded files and results quote the rows."""
    from contacts.services.imports import import_jobs_delete

    finished = ListExport.objects.exclude(
        status__in=[ListExport.Status.PENDING, ListExport.Status.RUNNING]
    )
    for job in finished:
        if job.file:
            job.file.delete(save=False)
        job.delete()
    import_jobs_delete(ImportJob.objects.filter(dry_run__isnull=True))
