"""The list downloads of contacts (CSV/XLSX): headers and rows of each list
in one class (``kiallianz.tabular.ListExporter``). Rows iterate in chunks,
so memory stays flat; choice labels are looked up once per export."""

from django.utils.translation import gettext as _

from contacts.models import CooperationPotential, FirstContact, Organisation, Person
from kiallianz.tabular import ListExporter


def _labels(choices) -> dict:
    return {value: str(label) for value, label in choices}


class FirstContactListExporter(ListExporter):
    identifier = "erstgespraeche"

    def headers(self) -> list[str]:
        return [
            _("Datum"),
            _("Region"),
            _("Organisation"),
            _("Art"),
            _("Personen"),
            _("Community Manager:in"),
            _("Anlass"),
            _("Anlass (Details)"),
            _("Besprochene Inhalte"),
            _("Angebote"),
            _("Kooperationspotenziale"),
            _("Vermittelt an"),
            _("Qualitätsstatus"),
            _("Relevanz"),
            _("Wiedervorlage"),
        ]

    def rows(self, queryset):
        kinds = _labels(Organisation.Kind.choices)
        occasions = _labels(FirstContact.Occasion.choices)
        statuses = _labels(FirstContact.QualityStatus.choices)
        potentials = _labels(CooperationPotential.choices)
        contacts = queryset.prefetch_related(None).prefetch_related(
            "offers", "potentials", "persons"
        )
        for fc in contacts.iterator(chunk_size=1000):
            yield [
                fc.date,
                fc.region.name,
                fc.organisation.name,
                kinds.get(fc.organisation.kind, ""),
                ", ".join(p.full_name for p in fc.persons.all()),
                str(fc.community_manager or ""),
                occasions.get(fc.occasion, ""),
                fc.occasion_note,
                fc.content,
                ", ".join(o.name for o in fc.offers.all()),
                ", ".join(potentials.get(p.potential, "") for p in fc.potentials.all()),
                fc.referral_offer.name if fc.referral_offer else "",
                statuses.get(fc.quality_status, ""),
                fc.relevance or "",
                fc.follow_up_date or "",
            ]


class OrganisationListExporter(ListExporter):
    identifier = "organisationen"

    def headers(self) -> list[str]:
        return [
            _("Name"),
            _("Art"),
            _("Ort"),
            _("Region"),
            _("Website"),
            _("Mitgliedschaft"),
            _("Erstgespräche"),
            _("Letztes Erstgespräch"),
        ]

    def rows(self, queryset):
        kinds = _labels(Organisation.Kind.choices)
        statuses = _labels(Organisation.MembershipStatus.choices)
        for o in queryset.iterator(chunk_size=1000):
            yield [
                o.name,
                kinds.get(o.kind, ""),
                o.city,
                o.region.name if o.region else "",
                o.website,
                statuses.get(o.membership_status, ""),
                o.first_contact_count,
                o.last_contact_date or "",
            ]


class PersonListExporter(ListExporter):
    identifier = "personen"

    def headers(self) -> list[str]:
        return [
            _("Nachname"),
            _("Vorname"),
            _("Funktion"),
            _("Organisation"),
            _("E-Mail"),
            _("Telefon"),
            _("Rechtsgrundlage"),
            _("nicht kontaktieren"),
        ]

    def rows(self, queryset):
        bases = _labels(Person.LegalBasis.choices)
        yes, no = _("ja"), _("nein")
        for p in queryset.iterator(chunk_size=1000):
            yield [
                p.last_name,
                p.first_name,
                p.function,
                p.organisation.name if p.organisation else "",
                p.email,
                p.phone,
                bases.get(p.legal_basis, ""),
                yes if p.do_not_contact else no,
            ]
