import csv
import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from contacts import extensions
from contacts.models import FirstContact, Organisation, Person
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from kiallianz.tests.factories import CommunityManagerFactory, OfferFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate

LIST_URLS = ["contacts:index", "contacts:organisation_list", "contacts:person_list"]


def capture_data(region, **overrides):
    data = {
        "date": "2024-10-01",
        "region": str(region.pk),
        "organisation": "",
        "organisation_query": "",
        "create_organisation": "on",
        "new_org_name": "Neue Werkstatt GmbH",
        "new_org_kind": "company",
        "new_org_city": "Karlsruhe",
        "new_org_website": "",
        "occasion": "trade_fair",
        "occasion_note": "Messe",
        "content": "Gespräch am Stand",
        "potentials": ["speaker"],
        "person-TOTAL_FORMS": "1",
        "person-INITIAL_FORMS": "0",
        "person-MIN_NUM_FORMS": "0",
        "person-MAX_NUM_FORMS": "10",
        "person-0-first_name": "Mia",
        "person-0-last_name": "Muster",
        "person-0-email": "mia@neue-werkstatt.example.org",
        "person-0-phone": "0721 1234567",
        "person-0-function": "Geschäftsführung",
    }
    data.update(overrides)
    return data


class TestAccess:
    @pytest.mark.parametrize(
        "name",
        [
            *LIST_URLS,
            "contacts:first_contact_create",
            "contacts:follow_ups",
            "contacts:quality_queue",
            "contacts:organisation_create",
            "contacts:person_create",
        ],
    )
    def test_it_sends_anonymous_users_to_login(self, client, name):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith("/accounts/login/")

    def test_it_sends_anonymous_posts_to_login_and_saves_nothing(self, client, region):
        response = client.post(reverse("contacts:first_contact_create"), capture_data(region))
        assert response.status_code == 302
        assert not FirstContact.objects.exists()

    def test_every_signed_in_user_reads_every_page(self, cm_client, other_region):
        fc = FirstContactFactory(region=other_region, organisation__region=other_region)
        person = PersonFactory(organisation=fc.organisation)
        for url in [
            reverse("contacts:first_contact_detail", args=[fc.pk]),
            reverse("contacts:organisation_detail", args=[fc.organisation_id]),
            reverse("contacts:person_detail", args=[person.pk]),
        ]:
            assert cm_client.get(url).status_code == 200


class TestLists:
    def test_it_filters_by_the_public_get_parameters(self, cm_client, region, other_region):
        inside = FirstContactFactory(region=region, date=datetime.date(2024, 3, 1))
        FirstContactFactory(region=region, date=datetime.date(2025, 1, 1))
        FirstContactFactory(region=other_region, date=datetime.date(2024, 3, 1))
        response = cm_client.get(
            reverse("contacts:index"),
            {"region": region.pk, "date_after": "2024-01-01", "date_before": "2024-12-31"},
        )
        assert list(response.context["listing"].object_list) == [inside]

    def test_it_filters_by_potential_offer_status_kind_manager_and_text(self, cm_client, region):
        offer = OfferFactory(name="KI-Innovation Lab")
        person = PersonFactory(last_name="Zauberhaft")
        match = FirstContactFactory(
            region=region,
            potentials=["speaker"],
            offers=[offer],
            persons=[person],
            quality_status="checked",
            organisation__kind="startup",
            organisation__name="Vioonic GmbH",
        )
        other = FirstContactFactory(region=region, content="etwas anderes")
        url = reverse("contacts:index")
        for params in [
            {"potential": "speaker"},
            {"offer": offer.pk},
            {"quality_status": "checked"},
            {"checked_only": "1"},
            {"organisation_kind": "startup"},
            {"community_manager": match.community_manager_id},
            {"q": "zauberhaft"},
            {"q": "vioonic"},
        ]:
            rows = list(cm_client.get(url, params).context["listing"].object_list)
            assert rows == [match], params
        assert other in cm_client.get(url, {"q": "anderes"}).context["listing"].object_list

    def test_it_shows_german_dates_and_helpful_empty_states(self, cm_client, region):
        empty = cm_client.get(reverse("contacts:index")).content.decode()
        assert "Noch keine Erstgespräche erfasst." in empty
        assert reverse("contacts:first_contact_create") in empty
        FirstContactFactory(region=region, date=datetime.date(2024, 3, 13))
        listed = cm_client.get(reverse("contacts:index")).content.decode()
        assert "13. März 2024" in listed
        filtered = cm_client.get(reverse("contacts:index"), {"q": "nichts dergleichen"})
        assert "Keine Erstgespräche passen zu diesen Filtern." in filtered.content.decode()

    @pytest.mark.parametrize("name", ["contacts:organisation_list", "contacts:person_list"])
    def test_an_empty_filtered_list_offers_to_reset_the_filters(self, cm_client, name):
        unfiltered = cm_client.get(reverse(name)).content.decode()
        filtered = cm_client.get(reverse(name), {"q": "nichts dergleichen"}).content.decode()
        assert "Filter zurücksetzen" not in unfiltered
        assert "Filter zurücksetzen" in filtered

    def test_it_sorts(self, cm_client, region):
        early = FirstContactFactory(region=region, date=datetime.date(2024, 3, 1))
        late = FirstContactFactory(region=region, date=datetime.date(2024, 9, 1))
        rows = cm_client.get(reverse("contacts:index"), {"sort": "date"}).context["listing"]
        assert list(rows.object_list) == [early, late]

    @pytest.mark.parametrize("name", LIST_URLS)
    def test_query_count_does_not_grow_with_rows(self, cm_client, region, count_queries, name):
        offers = [OfferFactory(), OfferFactory()]

        def add(n):
            for _ in range(n):
                organisation = OrganisationFactory(region=region)
                person = PersonFactory(organisation=organisation)
                FirstContactFactory(
                    region=region,
                    organisation=organisation,
                    persons=[person],
                    offers=offers,
                    potentials=["speaker", "other"],
                )

        add(5)
        few = count_queries(cm_client, reverse(name), per_page=200)
        add(195)
        many = count_queries(cm_client, reverse(name), per_page=200)
        assert few == many

    def test_organisation_and_person_lists_filter(self, cm_client, region, other_region):
        mine = OrganisationFactory(region=region, kind="municipality", name="Gemeinde Jagstzell")
        OrganisationFactory(region=other_region)
        FirstContactFactory(organisation=mine, region=region, potentials=["funding_project"])
        person = PersonFactory(organisation=mine, last_name="Beispiel")
        PersonFactory()
        orgs = cm_client.get(
            reverse("contacts:organisation_list"),
            {"organisation_kind": "municipality", "potential": "funding_project"},
        ).context["listing"]
        assert list(orgs.object_list) == [mine]
        persons = cm_client.get(reverse("contacts:person_list"), {"q": "jagstzell"}).context[
            "listing"
        ]
        assert list(persons.object_list) == [person]

    def test_it_exports_the_filtered_list_as_csv_and_xlsx(self, cm_client, region, other_region):
        FirstContactFactory(region=region, organisation__name="=Formel AG", content="Inhalt")
        FirstContactFactory(region=other_region, organisation__region=other_region)
        response = cm_client.get(reverse("contacts:index"), {"region": region.pk, "format": "csv"})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][:3] == ["Datum", "Region", "Organisation"]
        assert len(rows) == 2
        assert rows[1][2] == "'=Formel AG"  # no formula injection
        response = cm_client.get(reverse("contacts:index"), {"region": region.pk, "format": "xlsx"})
        sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
        assert sheet.max_row == 2
        for name in ("contacts:organisation_list", "contacts:person_list"):
            assert cm_client.get(reverse(name), {"format": "xlsx"}).status_code == 200


class TestCapture:
    def test_it_defaults_date_and_region_and_offers_only_own_regions(
        self, cm_client, region, other_region
    ):
        form = cm_client.get(reverse("contacts:first_contact_create")).context["form"]
        assert form.initial["date"] == TODAY()
        assert form.initial["region"] == region.pk
        assert list(form.fields["region"].queryset) == [region]

    def test_it_creates_a_first_contact_with_a_new_organisation_and_person(
        self, cm_client, cm_user, region
    ):
        offer = OfferFactory(name="KI-Challenge")
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(region, offers=[offer.pk])
        )
        fc = FirstContact.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("contacts:first_contact_detail", args=[fc.pk])
        assert fc.organisation.name == "Neue Werkstatt GmbH"
        assert fc.community_manager == cm_user
        assert fc.persons.get().phone == "+49 721 1234567"
        assert list(fc.offers.all()) == [offer]

    def test_it_keeps_the_report_text_of_a_referral(self, cm_client, region):
        offer = OfferFactory(name="KI-Innovation Lab")
        data = capture_data(region, referral_offer=offer.pk, report_text="Interesse an KI.")
        assert cm_client.post(reverse("contacts:first_contact_create"), data).status_code == 302
        fc = FirstContact.objects.get()
        assert (fc.referral_offer, fc.report_text) == (offer, "Interesse an KI.")
        page = cm_client.get(reverse("contacts:first_contact_detail", args=[fc.pk])).text
        assert "Interesse an KI." in page

    def test_it_links_an_existing_organisation_and_person(self, cm_client, region):
        organisation = OrganisationFactory(region=region)
        person = PersonFactory(organisation=organisation)
        data = capture_data(
            region,
            create_organisation="",
            organisation=str(organisation.pk),
            persons=[str(person.pk)],
            **{"person-0-first_name": "", "person-0-last_name": "", "person-0-email": ""},
        )
        data["person-0-phone"] = data["person-0-function"] = ""
        assert cm_client.post(reverse("contacts:first_contact_create"), data).status_code == 302
        fc = FirstContact.objects.get()
        assert fc.organisation == organisation
        assert list(fc.persons.all()) == [person]

    def test_it_warns_about_duplicates_before_saving(self, cm_client, region):
        existing = OrganisationFactory(name="Neue Werkstatt AG", region=region)
        colleague = PersonFactory(email="mia@neue-werkstatt.example.org")
        url = reverse("contacts:first_contact_create")
        response = cm_client.post(url, capture_data(region))
        assert response.status_code == 200
        assert not FirstContact.objects.exists()
        assert Organisation.objects.count() == 2  # existing + colleague's
        html = response.content.decode()
        assert "Mögliche Dubletten" in html
        assert reverse("contacts:organisation_detail", args=[existing.pk]) in html
        assert reverse("contacts:person_detail", args=[colleague.pk]) in html
        # Pick the existing organisation and person instead.
        response = cm_client.post(
            url,
            capture_data(region, use_organisation=str(existing.pk), use_person_0=str(colleague.pk)),
        )
        assert response.status_code == 302
        fc = FirstContact.objects.get()
        assert fc.organisation == existing
        assert list(fc.persons.all()) == [colleague]
        assert Person.objects.count() == 1

    def test_it_creates_the_new_record_when_confirmed(self, cm_client, region):
        OrganisationFactory(name="Neue Werkstatt AG", region=region)
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(region, confirm_new="1")
        )
        assert response.status_code == 302
        assert Organisation.objects.filter(normalized_name="neue werkstatt").count() == 2

    @pytest.mark.parametrize(
        ("overrides", "field", "message"),
        [
            ({"person-0-email": "kein-at"}, "email", "gültige E-Mail-Adresse"),
            ({"person-0-phone": "12345"}, "phone", "keine gültige Telefonnummer"),
            ({"new_org_name": "  "}, "new_org_name", "Namen der Organisation"),
            ({"date": "2999-01-01"}, "date", "nicht in der Zukunft"),
            ({"create_organisation": ""}, "organisation_query", "Organisation aus"),
        ],
    )
    def test_it_refuses_bad_input_with_a_german_message(
        self, cm_client, region, overrides, field, message
    ):
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(region, **overrides)
        )
        assert response.status_code == 200
        form = response.context["form"]
        person_form = response.context["formset"].forms[0]
        errors = form.errors.get(field) or person_form.errors.get(field)
        assert errors and message in " ".join(errors)
        assert message in response.content.decode()
        assert not FirstContact.objects.exists()
        assert not Organisation.objects.exists()
        assert not Person.objects.exists()

    def test_it_refuses_a_forged_region_with_403(self, cm_client, region, other_region):
        response = cm_client.post(
            reverse("contacts:first_contact_create"), capture_data(other_region)
        )
        assert response.status_code == 403
        assert not FirstContact.objects.exists()
        assert not Organisation.objects.exists()

    def test_it_refuses_new_persons_in_another_regions_organisation(
        self, cm_client, region, other_region
    ):
        """Issue 11: ``POST /contacts/new/`` with a foreign organisation and
        new person rows creates nobody."""
        foreign = OrganisationFactory(region=other_region)
        data = capture_data(region, create_organisation="", organisation=str(foreign.pk))
        data["confirm_new"] = "1"
        response = cm_client.post(reverse("contacts:first_contact_create"), data)
        assert response.status_code == 403
        assert not Person.objects.exists()
        assert not FirstContact.objects.exists()

    def test_a_first_contact_with_another_regions_organisation_is_allowed(
        self, cm_client, region, other_region
    ):
        foreign = OrganisationFactory(region=other_region)
        data = capture_data(
            region,
            create_organisation="",
            organisation=str(foreign.pk),
            **{f"person-0-{f}": "" for f in ("first_name", "last_name", "email", "phone")},
        )
        data["person-0-function"] = ""
        response = cm_client.post(reverse("contacts:first_contact_create"), data)
        assert response.status_code == 302
        assert FirstContact.objects.get().organisation == foreign
        assert not Person.objects.exists()

    def test_office_may_capture_in_any_region(self, office_client, other_region):
        response = office_client.post(
            reverse("contacts:first_contact_create"), capture_data(other_region)
        )
        assert response.status_code == 302
        assert FirstContact.objects.get().region == other_region

    def test_autocomplete_finds_organisations(self, cm_client, region):
        OrganisationFactory(name="KOCH Freiburg GmbH", region=region)
        OrganisationFactory(name="Telenot", region=region)
        response = cm_client.get(
            reverse("contacts:organisation_autocomplete"), {"organisation_query": "koch"}
        )
        assert "KOCH Freiburg GmbH" in response.content.decode()
        assert "Telenot" not in response.content.decode()

    def test_live_duplicate_hint_answers(self, cm_client, region):
        OrganisationFactory(name="KOCH Freiburg GmbH", region=region)
        response = cm_client.get(
            reverse("contacts:organisation_duplicates"), {"new_org_name": "Koch Freiburg"}
        )
        assert "KOCH Freiburg GmbH" in response.content.decode()
        assert cm_client.get(reverse("contacts:organisation_duplicates")).status_code == 200


class TestEditFirstContact:
    def edit_data(self, fc, **overrides):
        data = capture_data(
            fc.region,
            create_organisation="",
            organisation=str(fc.organisation_id),
            version=str(fc.version),
            content="Geändert",
            **{"person-0-first_name": "", "person-0-last_name": "", "person-0-email": ""},
        )
        data["person-0-phone"] = data["person-0-function"] = ""
        data.update(overrides)
        return data

    def test_a_manager_edits_in_own_region(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        assert cm_client.get(url).status_code == 200
        assert cm_client.post(url, self.edit_data(fc)).status_code == 302
        fc.refresh_from_db()
        assert (fc.content, fc.version) == ("Geändert", 2)

    def test_a_manager_may_not_edit_another_region(self, cm_client, other_region):
        fc = FirstContactFactory(region=other_region, organisation__region=other_region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        assert cm_client.get(url).status_code == 403
        assert cm_client.post(url, self.edit_data(fc)).status_code == 403
        fc.refresh_from_db()
        assert fc.content != "Geändert"

    def test_an_edit_without_version_is_refused(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        data = self.edit_data(fc)
        del data["version"]
        response = cm_client.post(reverse("contacts:first_contact_edit", args=[fc.pk]), data)
        assert "inzwischen von jemand anderem geändert" in response.content.decode()
        fc.refresh_from_db()
        assert fc.content != "Geändert"

    def test_a_manager_may_not_move_a_contact_to_another_region(
        self, cm_client, region, other_region
    ):
        fc = FirstContactFactory(region=region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        response = cm_client.post(url, self.edit_data(fc, region=str(other_region.pk)))
        assert response.status_code == 403
        fc.refresh_from_db()
        assert (fc.region, fc.version) == (region, 1)

    def test_office_edits_everywhere(self, office_client, other_region):
        fc = FirstContactFactory(region=other_region, organisation__region=other_region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        assert office_client.post(url, self.edit_data(fc)).status_code == 302

    def test_it_refuses_a_stale_edit(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        url = reverse("contacts:first_contact_edit", args=[fc.pk])
        FirstContact.objects.filter(pk=fc.pk).update(version=2)
        response = cm_client.post(url, self.edit_data(fc))
        assert response.status_code == 200
        assert "inzwischen von jemand anderem geändert" in response.content.decode()
        fc.refresh_from_db()
        assert fc.content != "Geändert"


class TestEscaping:
    def test_free_text_is_escaped(self, cm_client, region):
        evil = "<script>alert('x')</script>"
        organisation = OrganisationFactory(region=region, name=evil, notes=evil)
        person = PersonFactory(organisation=organisation, last_name=evil, notes=evil)
        fc = FirstContactFactory(
            region=region, organisation=organisation, persons=[person], content=evil
        )
        for url in [
            reverse("contacts:index"),
            reverse("contacts:first_contact_detail", args=[fc.pk]),
            reverse("contacts:organisation_detail", args=[organisation.pk]),
            reverse("contacts:person_detail", args=[person.pk]),
            reverse("contacts:organisation_list"),
            reverse("contacts:person_list"),
        ]:
            html = cm_client.get(url).content.decode()
            assert evil not in html, url
            assert "&lt;script&gt;" in html, url


class TestOrganisationPages:
    def test_the_page_shows_timeline_persons_status_and_panels(
        self, cm_client, region, monkeypatch
    ):
        monkeypatch.setattr(extensions, "_organisation_panels", {})
        extensions.register_organisation_panel(
            extensions.OrganisationPanel(
                "test",
                "contacts/partials/person_choices.html",
                lambda org, user: {"persons": [PersonFactory.build(last_name="Panelperson", pk=1)]},
            )
        )
        organisation = OrganisationFactory(region=region, membership_status="member")
        FirstContactFactory(
            region=region, organisation=organisation, date=datetime.date(2024, 3, 13)
        )
        PersonFactory(organisation=organisation, last_name="Musterfrau")
        html = cm_client.get(
            reverse("contacts:organisation_detail", args=[organisation.pk])
        ).content.decode()
        assert "13. März 2024" in html
        assert "Musterfrau" in html
        assert "Mitglied" in html
        assert 'data-panel="test"' in html
        assert "Panelperson" in html

    def org_data(self, organisation, **overrides):
        data = {
            "name": organisation.name,
            "kind": organisation.kind,
            "region": str(organisation.region_id),
            "membership_status": organisation.membership_status,
            "version": str(organisation.version),
            "website": "",
        }
        data.update(overrides)
        return data

    def test_a_manager_creates_in_own_region_only(self, cm_client, region, other_region):
        url = reverse("contacts:organisation_create")
        response = cm_client.post(
            url,
            {
                "name": "Eigen GmbH",
                "kind": "company",
                "region": region.pk,
                "membership_status": "none",
            },
        )
        assert response.status_code == 302
        response = cm_client.post(
            url,
            {
                "name": "Fremd GmbH",
                "kind": "company",
                "region": other_region.pk,
                "membership_status": "none",
            },
        )
        assert response.status_code == 403
        assert list(Organisation.objects.values_list("name", flat=True)) == ["Eigen GmbH"]

    def test_it_refuses_an_empty_name(self, cm_client, region):
        response = cm_client.post(
            reverse("contacts:organisation_create"),
            {"name": "", "kind": "company", "region": region.pk, "membership_status": "none"},
        )
        assert response.status_code == 200
        assert "Dieses Feld ist zwingend erforderlich." in response.content.decode()
        assert not Organisation.objects.exists()

    def test_membership_check_errors_show_on_the_form(self, cm_client, region, monkeypatch):
        monkeypatch.setattr(extensions, "_membership_checks", [])

        def refuse(organisation, new_status):
            raise ValidationError(
                {"membership_status": "Aktive Partner:in kann nicht Mitglied werden."}
            )

        extensions.register_membership_check(refuse)
        organisation = OrganisationFactory(region=region)
        response = cm_client.post(
            reverse("contacts:organisation_edit", args=[organisation.pk]),
            self.org_data(organisation, membership_status="member"),
        )
        assert response.status_code == 200
        assert response.context["form"].errors["membership_status"] == [
            "Aktive Partner:in kann nicht Mitglied werden."
        ]
        organisation.refresh_from_db()
        assert organisation.membership_status == "none"

    def test_a_manager_may_not_edit_another_regions_organisation(self, cm_client, other_region):
        organisation = OrganisationFactory(region=other_region, name="Fremd GmbH")
        url = reverse("contacts:organisation_edit", args=[organisation.pk])
        assert cm_client.get(url).status_code == 403
        assert cm_client.post(url, self.org_data(organisation, name="Meins")).status_code == 403
        organisation.refresh_from_db()
        assert organisation.name == "Fremd GmbH"

    def test_it_refuses_a_stale_edit(self, cm_client, region):
        organisation = OrganisationFactory(region=region, name="Alt GmbH")
        Organisation.objects.filter(pk=organisation.pk).update(version=5)
        response = cm_client.post(
            reverse("contacts:organisation_edit", args=[organisation.pk]),
            self.org_data(organisation, name="Neu GmbH", version="1"),
        )
        assert "inzwischen von jemand anderem geändert" in response.content.decode()
        organisation.refresh_from_db()
        assert organisation.name == "Alt GmbH"


class TestPersonPages:
    def test_the_page_shows_legal_basis_and_do_not_contact(self, cm_client, region):
        person = PersonFactory(
            legal_basis="consent",
            consent_date=datetime.date(2024, 5, 17),
            consent_source="Visitenkarte",
            do_not_contact=True,
        )
        html = cm_client.get(reverse("contacts:person_detail", args=[person.pk])).content.decode()
        assert "Diese Person möchte nicht kontaktiert werden." in html
        assert "17. Mai 2024" in html and "Visitenkarte" in html

    def test_a_manager_creates_persons_in_own_organisations_only(
        self, cm_client, region, other_region
    ):
        mine = OrganisationFactory(region=region)
        theirs = OrganisationFactory(region=other_region)
        url = reverse("contacts:person_create")
        data = {"last_name": "Muster", "legal_basis": "legitimate_interest"}
        assert cm_client.post(url, {**data, "organisation": mine.pk}).status_code == 302
        assert cm_client.post(url, {**data, "organisation": theirs.pk}).status_code == 403
        assert list(Person.objects.values_list("organisation_id", flat=True)) == [mine.pk]

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("email", "nope", "gültige E-Mail-Adresse"),
            ("phone", "0", "keine gültige Telefonnummer"),
        ],
    )
    def test_it_refuses_bad_input(self, cm_client, region, field, value, message):
        organisation = OrganisationFactory(region=region)
        response = cm_client.post(
            reverse("contacts:person_create"),
            {
                "last_name": "Muster",
                "legal_basis": "legitimate_interest",
                "organisation": organisation.pk,
                field: value,
            },
        )
        assert response.status_code == 200
        assert message in " ".join(response.context["form"].errors[field])
        assert not Person.objects.exists()

    def test_a_manager_edits_own_and_not_other_persons(self, cm_client, region, other_region):
        mine = PersonFactory(organisation=OrganisationFactory(region=region))
        theirs = PersonFactory(
            organisation=OrganisationFactory(region=other_region), last_name="Fremd"
        )
        data = {"last_name": "Neu", "legal_basis": "legitimate_interest", "version": "1"}
        response = cm_client.post(
            reverse("contacts:person_edit", args=[mine.pk]),
            {**data, "organisation": mine.organisation_id},
        )
        assert response.status_code == 302
        response = cm_client.post(
            reverse("contacts:person_edit", args=[theirs.pk]),
            {**data, "organisation": theirs.organisation_id},
        )
        assert response.status_code == 403
        theirs.refresh_from_db()
        assert theirs.last_name == "Fremd"


class TestQualityQueue:
    def test_managers_are_refused(self, cm_client, region):
        fc = FirstContactFactory(region=region)
        assert cm_client.get(reverse("contacts:quality_queue")).status_code == 403
        response = cm_client.post(
            reverse("contacts:quality_queue"), {"first_contacts": [fc.pk], "relevance": "3"}
        )
        assert response.status_code == 403
        response = cm_client.post(
            reverse("contacts:first_contact_review", args=[fc.pk]), {"quality_status": "checked"}
        )
        assert response.status_code == 403
        fc.refresh_from_db()
        assert fc.quality_status == "new" and fc.reviewed_by is None

    def test_office_checks_in_bulk(self, office_client, office_user, region):
        first, second = FirstContactFactory(region=region), FirstContactFactory(region=region)
        done = FirstContactFactory(region=region, quality_status="checked")
        listing = office_client.get(reverse("contacts:quality_queue")).context["listing"]
        assert set(listing.object_list) == {first, second}
        response = office_client.post(
            reverse("contacts:quality_queue"), {"first_contacts": [first.pk], "relevance": "3"}
        )
        assert response.status_code == 302
        first.refresh_from_db()
        assert (first.quality_status, first.relevance, first.reviewed_by) == (
            "checked",
            3,
            office_user,
        )
        assert FirstContact.objects.get(pk=second.pk).quality_status == "new"
        assert FirstContact.objects.get(pk=done.pk).reviewed_by is None

    def test_the_queue_filters_by_region(self, office_client, region, other_region):
        mine = FirstContactFactory(region=region)
        FirstContactFactory(region=other_region, organisation__region=other_region)
        listing = office_client.get(
            reverse("contacts:quality_queue"), {"region": region.pk}
        ).context["listing"]
        assert list(listing.object_list) == [mine]

    def test_office_changes_one_status(self, office_client, office_user, region):
        fc = FirstContactFactory(region=region, quality_status="checked")
        response = office_client.post(
            reverse("contacts:first_contact_review", args=[fc.pk]),
            {"quality_status": "in_ecosystem", "relevance": "2"},
        )
        assert response.status_code == 302
        fc.refresh_from_db()
        assert (fc.quality_status, fc.relevance, fc.reviewed_by) == ("in_ecosystem", 2, office_user)

    def test_queue_query_count_is_fixed(self, office_client, region, count_queries):
        FirstContactFactory.create_batch(3, region=region, potentials=["speaker"])
        few = count_queries(office_client, reverse("contacts:quality_queue"), per_page=200)
        FirstContactFactory.create_batch(30, region=region, potentials=["speaker"])
        assert count_queries(office_client, reverse("contacts:quality_queue"), per_page=200) == few


class TestErrorPages:
    def test_a_forbidden_page_explains_itself_in_german(self, cm_client):
        response = cm_client.get(reverse("contacts:quality_queue"))
        assert response.status_code == 403
        body = response.content.decode()
        assert "Keine Berechtigung" in body
        assert reverse("contacts:index") in body  # the usual navigation stays

    def test_a_missing_record_says_so_in_german(self, cm_client):
        response = cm_client.get(reverse("contacts:first_contact_detail", args=[999999]))
        assert response.status_code == 404
        assert "Seite nicht gefunden" in response.content.decode()


class TestFollowUps:
    def test_it_lists_only_my_open_due_follow_ups(self, cm_client, cm_user, other_cm_user, region):
        today = TODAY()
        overdue = FirstContactFactory(
            region=region,
            community_manager=cm_user,
            follow_up_date=today - datetime.timedelta(days=3),
        )
        due = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=today)
        FirstContactFactory(
            region=region, community_manager=cm_user, follow_up_date=today, follow_up_done=True
        )
        FirstContactFactory(
            region=region,
            community_manager=cm_user,
            follow_up_date=today + datetime.timedelta(days=30),
        )
        FirstContactFactory(region=region, community_manager=other_cm_user, follow_up_date=today)
        context = cm_client.get(reverse("contacts:follow_ups")).context
        assert context["overdue"] == [overdue]
        assert context["due"] == [due]

    def test_it_says_when_nothing_is_due(self, cm_client):
        body = cm_client.get(reverse("contacts:follow_ups")).content.decode()
        assert "Nichts überfällig." in body
        assert "In den nächsten Tagen ist nichts fällig." in body

    def test_it_marks_done(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        response = cm_client.post(reverse("contacts:follow_up_done", args=[fc.pk]))
        assert response.status_code == 302
        fc.refresh_from_db()
        assert fc.follow_up_done

    def test_the_first_contact_page_marks_done_and_returns_there(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        page = reverse("contacts:first_contact_detail", args=[fc.pk])
        assert "Als erledigt markieren" in cm_client.get(page).content.decode()
        response = cm_client.post(reverse("contacts:follow_up_done", args=[fc.pk]), {"next": page})
        assert response.status_code == 302 and response.url == page
        fc.refresh_from_db()
        assert fc.follow_up_done

    def test_it_never_returns_to_another_site(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        response = cm_client.post(
            reverse("contacts:follow_up_done", args=[fc.pk]), {"next": "https://evil.example/"}
        )
        assert response.url == reverse("contacts:follow_ups")

    def test_another_regions_manager_may_not_mark_done(self, cm_client, other_region):
        fc = FirstContactFactory(
            region=other_region, organisation__region=other_region, follow_up_date=TODAY()
        )
        assert cm_client.post(reverse("contacts:follow_up_done", args=[fc.pk])).status_code == 403
        fc.refresh_from_db()
        assert not fc.follow_up_done

    def test_done_needs_post(self, cm_client, cm_user, region):
        fc = FirstContactFactory(region=region, community_manager=cm_user, follow_up_date=TODAY())
        assert cm_client.get(reverse("contacts:follow_up_done", args=[fc.pk])).status_code == 405


def test_capture_page_has_no_cdn(cm_client):
    html = cm_client.get(reverse("contacts:first_contact_create")).content.decode()
    assert "https://" not in html.replace("https://{", "")
    assert CommunityManagerFactory  # factories import stays used


def test_a_too_large_export_is_refused_with_a_message(cm_client, region, monkeypatch):
    from contacts.views import common

    monkeypatch.setattr(common, "MAX_EXPORT_ROWS", 1)
    FirstContactFactory.create_batch(2, region=region)
    response = cm_client.get(reverse("contacts:index"), {"region": region.pk, "format": "csv"})
    assert response.status_code == 302
    assert response.url == f"{reverse('contacts:index')}?region={region.pk}"
    assert "auf 1 Zeilen begrenzt" in cm_client.get(response.url).content.decode()


def test_the_organisation_page_has_a_fixed_query_count(cm_client, region, count_queries):
    organisation = OrganisationFactory(region=region)
    offer = OfferFactory()
    url = reverse("contacts:organisation_detail", args=[organisation.pk])

    def add(n):
        for day in range(n):
            FirstContactFactory(
                region=region,
                organisation=organisation,
                date=datetime.date(2024, 3, 1) + datetime.timedelta(days=day + add.offset),
                offers=[offer],
                referral_offer=offer,
                persons=[PersonFactory(organisation=organisation)],
                potentials=["speaker"],
            )
        add.offset += n

    add.offset = 0
    add(2)
    few = count_queries(cm_client, url)
    add(20)
    assert count_queries(cm_client, url) == few


def test_new_first_contact_from_the_organisation_page_is_prefilled(cm_client, region):
    organisation = OrganisationFactory(region=region, name="Vioonic GmbH")
    response = cm_client.get(
        reverse("contacts:first_contact_create"), {"organisation": organisation.pk}
    )
    assert response.context["chosen_organisation"] == organisation
    assert 'value="Vioonic GmbH"' in response.content.decode()


def test_person_autocomplete_finds_persons_by_name_or_email(cm_client):
    PersonFactory(first_name="Kim", last_name="Beispiel", email="kim@firma.example.org")
    PersonFactory(first_name="Max", last_name="Anders")
    url = reverse("contacts:person_autocomplete")
    for query in ("kim beisp", "firma.example"):
        html = cm_client.get(url, {"person_query": query}).content.decode()
        assert "Kim Beispiel" in html and "Max Anders" not in html
