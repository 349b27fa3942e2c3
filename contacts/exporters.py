"""The list downloads of contacts (CSV/XLSX): headers and values of each
list's columns in one place (``kiallianz.tabular.ListExporter``). Rows
iterate in chunks, so memory stays flat."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contacts.models import CooperationPotential, FirstContact, Organisation, Person
from kiallianz.tabular import ListExporter


def _attribute(obj, path: str):
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def _label(choices, path: str):
    """The display label of a choice (``path`` may be dotted) from a dict
    built once (``get_FOO_display`` per cell is slow), translated when the
    row is written: the user's language, not the one at import."""
    labels = dict(choices)
    return lambda obj: str(labels.get(_attribute(obj, path), ""))


def _joined(relation: str, value):
    """The related objects' values, comma-separated (prefetched)."""
    return lambda obj: ", ".join(value(item) for item in getattr(obj, relation).all())


def _yes_no(attribute: str):
    return lambda obj: str(_("ja") if getattr(obj, attribute) else _("nein"))


class FirstContactListExporter(ListExporter):
    identifier = "erstgespraeche"
    columns = (
        (_("Datum"), lambda fc: fc.date),
        (_("Region"), lambda fc: fc.region.name),
        (_("Organisation"), lambda fc: fc.organisation.name),
        (_("Art"), _label(Organisation.Kind.choices, "organisation.kind")),
        (_("Personen"), _joined("persons", lambda person: person.full_name)),
        (_("Community Manager:in"), lambda fc: str(fc.community_manager or "")),
        (_("Anlass"), _label(FirstContact.Occasion.choices, "occasion")),
        (_("Anlass (Details)"), lambda fc: fc.occasion_note),
        (_("Besprochene Inhalte"), lambda fc: fc.content),
        (_("Angebote"), _joined("offers", lambda offer: offer.name)),
        (
            _("Kooperationspotenziale"),
            _joined("potentials", _label(CooperationPotential.choices, "potential")),
        ),
        (_("Vermittelt an"), lambda fc: fc.referral_offer.name if fc.referral_offer else ""),
        (_("Qualitätsstatus"), _label(FirstContact.QualityStatus.choices, "quality_status")),
        (_("Relevanz"), lambda fc: fc.relevance or ""),
        (_("Wiedervorlage"), lambda fc: fc.follow_up_date or ""),
    )

    def objects(self, queryset):
        contacts = queryset.prefetch_related(None).prefetch_related(
            "offers", "potentials", "persons"
        )
        return contacts.iterator(chunk_size=1000)


class OrganisationListExporter(ListExporter):
    identifier = "organisationen"
    columns = (
        (_("Name"), lambda o: o.name),
        (_("Art"), _label(Organisation.Kind.choices, "kind")),
        (_("Ort"), lambda o: o.city),
        (_("Region"), lambda o: o.region.name if o.region else ""),
        (_("Website"), lambda o: o.website),
        (_("Mitgliedschaft"), _label(Organisation.MembershipStatus.choices, "membership_status")),
        (_("Erstgespräche"), lambda o: o.first_contact_count),
        (_("Letztes Erstgespräch"), lambda o: o.last_contact_date or ""),
    )


class PersonListExporter(ListExporter):
    identifier = "personen"
    columns = (
        (_("Nachname"), lambda p: p.last_name),
        (_("Vorname"), lambda p: p.first_name),
        (_("Funktion"), lambda p: p.function),
        (_("Organisation"), lambda p: p.organisation.name if p.organisation else ""),
        (_("E-Mail"), lambda p: p.email),
        (_("Telefon"), lambda p: p.phone),
        (_("Rechtsgrundlage"), _label(Person.LegalBasis.choices, "legal_basis")),
        (_("nicht kontaktieren"), _yes_no("do_not_contact")),
    )

    def options_form(self, user):
        from contacts.forms import OutreachExportForm

        return OutreachExportForm(user=user)

    def narrow(self, queryset, query, user):
        """Persons exports serve outreach: withdrawn and objecting persons
        never, „nicht kontaktieren“ only when office includes them with a
        reason; a community manager exporting many persons states the
        purpose. Returns ``(queryset, purpose)``; a ValidationError refuses."""
        from audit.services import check_export_purpose
        from contacts.forms import OutreachExportForm
        from contacts.selectors import persons_for_outreach

        options = OutreachExportForm(query, user=user)
        if not options.is_valid():
            raise ValidationError([e for errors in options.errors.values() for e in errors])
        include_dnc = options.cleaned_data.get("include_do_not_contact", False)
        queryset = persons_for_outreach(queryset, include_do_not_contact=include_dnc)
        purpose = options.cleaned_data["purpose"].strip()
        check_export_purpose(user, person_count=queryset.count(), purpose=purpose)
        if include_dnc:
            purpose = _("%(purpose)s; mit „nicht kontaktieren“: %(reason)s") % {
                "purpose": purpose or "–",
                "reason": options.cleaned_data["include_reason"].strip(),
            }
        return queryset, purpose
