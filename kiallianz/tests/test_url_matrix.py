"""Role × URL matrix (issue 11 item 6): every URL pattern of the project is
listed here with what each role gets for GET and POST.

- A URL pattern that is not listed fails ``test_every_url_pattern_is_listed``:
  a new view must say who may use it.
- A refused request (login redirect, 403, 404, 405) leaves the database
  unchanged. Allowed POSTs are sent without data: they answer with the form
  and its German errors (200) or do their one-click job (302).
- Django admin routes are one rule: administrators only (office staff are
  staff who may only unlock locked-out users, everyone else goes to the
  admin login).

Roles: anonymous; ``cm_own``, the community manager of the region the
records belong to; ``cm_other``, a community manager of another region;
office staff; administrators.
"""

import datetime
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import URLResolver, get_resolver, reverse

from contacts.merging import organisation_merge
from contacts.models import BusinessCard, ImportJob, ListExport
from contacts.tests.factories import FirstContactFactory, OrganisationFactory, PersonFactory
from events.tests.factories import EventFactory, KIChallengeRoundFactory
from kiallianz.tests.factories import (
    AdminUserFactory,
    CommunityManagerFactory,
    OfficeUserFactory,
    RegionFactory,
)
from kiallianz.tests.personas import database_state
from partners.tests.factories import PartnerFactory
from reporting.report import services as report_services
from reporting.tests.factories import (
    CommunicationActivityFactory,
    TargetFactory,
    TransferProjectFactory,
)
from reporting.tests.test_report_factories import make_edition, make_photo

ROLES = ("anonymous", "cm_own", "cm_other", "office", "admin")
LOGIN = "login"  # redirected to the login page
ADMIN_LOGIN = "admin-login"  # redirected to the admin's login page
REFUSED = {LOGIN, ADMIN_LOGIN, 403, 404, 405}
DONE = (200, 302)  # an allowed POST without data: the form with errors, or done


def by_role(anonymous=LOGIN, cm_own=200, cm_other=200, office=200, admin=200) -> dict:
    return {
        "anonymous": anonymous,
        "cm_own": cm_own,
        "cm_other": cm_other,
        "office": office,
        "admin": admin,
    }


PUBLIC = by_role(anonymous=200)
READ = by_role()
OFFICE = by_role(cm_own=403, cm_other=403)
# Records of a region: its community managers, office staff and admins.
CHANGE = by_role(cm_other=403)
NOT_ALLOWED = by_role(cm_own=405, cm_other=405, office=405, admin=405)
PUBLIC_NOT_ALLOWED = by_role(anonymous=405, cm_own=405, cm_other=405, office=405, admin=405)
# POST-only views answer a GET with 405 after the login check.
POST_ONLY = NOT_ALLOWED
# ... and office-only POST views refuse community managers first.
OFFICE_POST_ONLY = by_role(cm_own=403, cm_other=403, office=405, admin=405)
OFFICE_GET_ONLY = OFFICE_POST_ONLY
POST_READ = by_role(cm_own=DONE, cm_other=DONE, office=DONE, admin=DONE)
POST_OFFICE = by_role(cm_own=403, cm_other=403, office=DONE, admin=DONE)
POST_CHANGE = by_role(cm_own=DONE, cm_other=403, office=DONE, admin=DONE)
OWN_JOB = by_role(cm_other=404, office=404, admin=404)
# An import job: office staff, and only who uploaded the file (office).
OWN_IMPORT = by_role(cm_own=403, cm_other=403, admin=404)
# The method is checked before the job is looked up.
OWN_IMPORT_OTHER_METHOD = OFFICE_POST_ONLY
OWN_IMPORT_POST = by_role(cm_own=403, cm_other=403, office=302, admin=404)
# Deleting or unlinking: the first allowed role does it, the next finds it gone.
GONE = (200, 302, 404)
POST_CHANGE_ONCE = by_role(cm_own=GONE, cm_other=403, office=GONE, admin=GONE)
POST_OFFICE_ONCE = by_role(cm_own=403, cm_other=403, office=GONE, admin=GONE)
EVERYONE_TO_LOGIN = by_role(
    anonymous=LOGIN, cm_own=LOGIN, cm_other=LOGIN, office=LOGIN, admin=LOGIN
)
PUBLIC_REDIRECT = by_role(anonymous=302, cm_own=302, cm_other=302, office=302, admin=302)
SIGNED_IN_REDIRECTED = by_role(anonymous=200, cm_own=302, cm_other=302, office=302, admin=302)


@dataclass(frozen=True)
class Route:
    get: dict
    post: dict
    kwargs: str | tuple = ()  # names of World attributes giving the URL's arguments
    query: str = ""
    params: dict = field(default_factory=dict)  # fixed URL arguments


R = Route
MATRIX: dict[str, Route] = {
    # --- kiallianz ---------------------------------------------------------
    # "/" is the dashboard (reporting's URLs come first): "home" is its second name.
    "home": R(get=READ, post=READ),
    "healthz": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
    "set_language": R(get=PUBLIC_REDIRECT, post=PUBLIC_REDIRECT),
    "login": R(get=SIGNED_IN_REDIRECTED, post=SIGNED_IN_REDIRECTED),
    "logout": R(get=PUBLIC_NOT_ALLOWED, post=EVERYONE_TO_LOGIN),
    "password_change": R(get=READ, post=POST_READ),
    "password_change_done": R(get=READ, post=NOT_ALLOWED),
    "password_reset": R(get=PUBLIC, post=by_role(anonymous=200)),
    "password_reset_done": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
    "password_reset_confirm": R(
        get=PUBLIC, post=by_role(anonymous=200), params={"uidb64": "MQ", "token": "abc-def"}
    ),
    "password_reset_complete": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
    "twofactor_setup": R(get=READ, post=POST_READ),
    # Nothing to verify without a device: back to where the user came from.
    "twofactor_verify": R(
        get=by_role(cm_own=302, cm_other=302, office=302, admin=302), post=POST_READ
    ),
    # A report file: office staff only, whoever knows its name (404, not 403,
    # so that a name reveals nothing).
    "media": R(
        get=by_role(anonymous=404, cm_own=404, cm_other=404),
        post=PUBLIC_NOT_ALLOWED,
        kwargs="export_file",
    ),
    # --- reporting ---------------------------------------------------------
    # Pages that only read answer a POST like a GET.
    "reporting:dashboard": R(get=READ, post=READ),
    "reporting:search": R(get=READ, post=READ),
    "reporting:targets": R(get=READ, post=READ),
    "reporting:target_create": R(get=OFFICE, post=POST_OFFICE),
    "reporting:target_update": R(get=OFFICE, post=POST_OFFICE, kwargs="target"),
    "reporting:transfer_projects": R(get=READ, post=READ),
    "reporting:transfer_project_create": R(get=READ, post=POST_READ),
    "reporting:transfer_project_update": R(get=CHANGE, post=POST_CHANGE, kwargs="transfer"),
    "reporting:communications": R(get=READ, post=READ),
    "reporting:communication_create": R(get=READ, post=POST_READ),
    "reporting:communication_update": R(get=CHANGE, post=POST_CHANGE, kwargs="activity"),
    "reporting:reports": R(get=READ, post=POST_OFFICE),
    "reporting:edition_detail": R(get=READ, post=POST_OFFICE, kwargs="edition"),
    "reporting:edition_preview": R(get=READ, post=READ, kwargs="edition"),
    "reporting:edition_check": R(get=OFFICE, post=OFFICE, kwargs="edition"),
    "reporting:edition_create_from_previous": R(get=POST_ONLY, post=POST_OFFICE, kwargs="edition"),
    "reporting:export_create": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=POST_OFFICE,
        kwargs="edition",
    ),
    "reporting:section_fact_accept": R(
        get=POST_ONLY,
        post=POST_OFFICE,
        kwargs="section",
    ),
    "reporting:section_fact_release": R(
        get=POST_ONLY,
        post=POST_OFFICE,
        kwargs="section",
    ),
    "reporting:section_create": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=POST_OFFICE,
        kwargs="edition",
    ),
    "reporting:section_edit": R(get=OFFICE, post=POST_OFFICE, kwargs="section"),
    "reporting:section_move": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=POST_OFFICE,
        kwargs="section",
    ),
    "reporting:section_delete": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=POST_OFFICE_ONCE,
        kwargs="section",
    ),
    "reporting:export_status": R(get=OFFICE, post=POST_OFFICE, kwargs="export"),
    "reporting:export_download": R(get=OFFICE, post=POST_OFFICE, kwargs="export"),
    "reporting:export_retry": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=POST_OFFICE,
        kwargs="export",
    ),
    # --- contacts ----------------------------------------------------------
    "contacts:index": R(get=READ, post=NOT_ALLOWED),
    "contacts:first_contact_create": R(get=READ, post=POST_READ),
    "contacts:first_contact_detail": R(get=READ, post=NOT_ALLOWED, kwargs="first_contact"),
    "contacts:first_contact_edit": R(get=CHANGE, post=POST_CHANGE, kwargs="first_contact"),
    "contacts:first_contact_review": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=POST_OFFICE,
        kwargs="first_contact",
    ),
    "contacts:follow_up_done": R(
        get=POST_ONLY,
        post=POST_CHANGE,
        kwargs="first_contact",
    ),
    "contacts:follow_ups": R(get=READ, post=NOT_ALLOWED),
    "contacts:quality_queue": R(get=OFFICE, post=POST_OFFICE),
    "contacts:organisation_list": R(get=READ, post=NOT_ALLOWED),
    "contacts:organisation_create": R(get=READ, post=by_role(cm_own=403, cm_other=403)),
    "contacts:organisation_autocomplete": R(get=READ, post=NOT_ALLOWED),
    "contacts:organisation_persons": R(get=READ, post=NOT_ALLOWED),
    "contacts:organisation_duplicates": R(get=READ, post=NOT_ALLOWED),
    "contacts:organisation_detail": R(get=READ, post=NOT_ALLOWED, kwargs="organisation"),
    "contacts:organisation_edit": R(get=CHANGE, post=POST_CHANGE, kwargs="organisation"),
    "contacts:person_list": R(get=READ, post=NOT_ALLOWED),
    "contacts:person_autocomplete": R(get=READ, post=NOT_ALLOWED),
    "contacts:person_create": R(get=READ, post=by_role(cm_own=403, cm_other=403)),
    "contacts:person_detail": R(get=READ, post=NOT_ALLOWED, kwargs="person"),
    "contacts:person_edit": R(get=CHANGE, post=by_role(cm_own=403, cm_other=403), kwargs="person"),
    "contacts:import": R(get=OFFICE, post=POST_OFFICE),
    "contacts:import_job": R(get=OWN_IMPORT, post=OWN_IMPORT_OTHER_METHOD, kwargs="import_job"),
    "contacts:import_job_status": R(
        get=OWN_IMPORT, post=OWN_IMPORT_OTHER_METHOD, kwargs="import_job"
    ),
    "contacts:import_job_confirm": R(
        get=OWN_IMPORT_OTHER_METHOD, post=OWN_IMPORT_POST, kwargs="import_job"
    ),
    "contacts:import_job_retry": R(
        get=OWN_IMPORT_OTHER_METHOD, post=OWN_IMPORT_POST, kwargs="import_job"
    ),
    "contacts:import_template": R(get=OFFICE, post=OFFICE_GET_ONLY),
    "contacts:duplicate_suggestions": R(get=OFFICE, post=OFFICE_GET_ONLY),
    "contacts:duplicate_refresh": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405), post=POST_OFFICE
    ),
    "contacts:duplicate_dismiss": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405), post=POST_OFFICE
    ),
    "contacts:organisation_merge": R(get=OFFICE, post=POST_OFFICE),
    "contacts:person_merge": R(get=OFFICE, post=POST_OFFICE),
    "contacts:merge_log": R(get=OFFICE, post=OFFICE_GET_ONLY, kwargs="merge_log"),
    "contacts:person_privacy": R(get=OFFICE, post=OFFICE_GET_ONLY, kwargs="person"),
    "contacts:person_export": R(
        get=OFFICE, post=OFFICE_GET_ONLY, kwargs="person", params={"file_format": "json"}
    ),
    "contacts:person_erase": R(get=OFFICE, post=POST_OFFICE, kwargs="person"),
    # Capture at the trade fair (phone): card reading, offline lists, vCard.
    "contacts:capture_read_card": R(
        get=POST_ONLY, post=by_role(cm_own=400, cm_other=400, office=400, admin=400)
    ),
    "contacts:capture_reference": R(get=READ, post=NOT_ALLOWED),
    "contacts:capture_service_worker": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
    "contacts:capture_manifest": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
    "contacts:person_vcard": R(get=READ, post=NOT_ALLOWED, kwargs="person"),
    "contacts:person_business_card": R(
        get=READ, post=NOT_ALLOWED, kwargs=("person", "business_card")
    ),
    # A large list rendered in the background: only who asked for it (cm_own).
    "contacts:list_export_detail": R(
        get=OWN_JOB,
        post=by_role(cm_own=405, cm_other=405, office=405, admin=405),
        kwargs="list_export",
    ),
    "contacts:list_export_download": R(
        get=OWN_JOB,
        post=by_role(cm_own=405, cm_other=405, office=405, admin=405),
        kwargs="list_export",
    ),
    "contacts:person_export_pdf": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=by_role(cm_own=403, cm_other=403, office=302, admin=302),
        kwargs="person",
    ),
    "contacts:person_retention": R(get=OFFICE, post=OFFICE_GET_ONLY),
    "contacts:person_retention_keep": R(
        get=by_role(cm_own=403, cm_other=403, office=405, admin=405),
        post=by_role(cm_own=403, cm_other=403, office=302, admin=302),
        kwargs="person",
    ),
    # --- audit (office pages; a record's history for every reader) ------------
    "audit:change_log": R(get=OFFICE, post=NOT_ALLOWED),
    "audit:access_log": R(get=OFFICE, post=NOT_ALLOWED),
    "audit:retention_register": R(get=OFFICE, post=NOT_ALLOWED),
    "audit:record_history": R(
        get=READ, post=NOT_ALLOWED, kwargs="person", params={"label": "contacts.person"}
    ),
    # --- partners ----------------------------------------------------------
    "partners:index": R(get=READ, post=READ),
    "partners:partner_create": R(get=READ, post=POST_READ),
    "partners:partner_detail": R(get=READ, post=READ, kwargs="partner"),
    "partners:partner_update": R(get=CHANGE, post=POST_CHANGE, kwargs="partner"),
    "partners:partner_end": R(get=CHANGE, post=POST_CHANGE, kwargs="partner"),
    "partners:partner_reactivate": R(get=CHANGE, post=POST_CHANGE, kwargs="partner"),
    "partners_public_json": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
    # --- events ------------------------------------------------------------
    "events:index": R(get=READ, post=NOT_ALLOWED),
    "events:month": R(get=READ, post=NOT_ALLOWED, params={"year": 2024, "month": 10}),
    "events:event_create": R(get=READ, post=POST_READ),
    "events:event_detail": R(get=READ, post=NOT_ALLOWED, kwargs="event"),
    "events:event_update": R(get=CHANGE, post=POST_CHANGE, kwargs="event"),
    "events:photo_add": R(get=CHANGE, post=POST_CHANGE, kwargs="event"),
    "events:photo_update": R(get=CHANGE, post=POST_CHANGE, kwargs=("event", "photo")),
    "events:photo_move": R(get=POST_ONLY, post=POST_CHANGE, kwargs=("event", "photo")),
    "events:photo_delete": R(get=POST_ONLY, post=POST_CHANGE_ONCE, kwargs=("event", "photo")),
    "events:first_contacts_link": R(get=POST_ONLY, post=POST_CHANGE, kwargs="event"),
    "events:first_contact_unlink": R(
        get=POST_ONLY, post=POST_CHANGE_ONCE, kwargs=("event", "linked_first_contact")
    ),
    "events:ki_challenge_list": R(get=READ, post=NOT_ALLOWED),
    "events:ki_challenge_create": R(get=READ, post=POST_READ),
    "events:ki_challenge_update": R(get=CHANGE, post=POST_CHANGE, kwargs="ki_round"),
    "events:feed_all": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
    "events:feed_region": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED, kwargs="region_slug"),
    "events_json": R(get=PUBLIC, post=PUBLIC_NOT_ALLOWED),
}

# The URL argument each World attribute fills, by URL parameter name.
ARGUMENT_NAMES = {
    "photo": "photo_pk",
    "linked_first_contact": "first_contact_pk",
    "region_slug": "slug",
    "business_card": "card_pk",
    "export_file": "path",
}


def url_patterns(resolver=None, prefix="", namespace=None):
    """(name, route) of every URL pattern, walking includes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or None
            full = ":".join(n for n in (namespace, inner) if n) or None
            yield from url_patterns(pattern, prefix + str(pattern.pattern), full)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, prefix + str(pattern.pattern)


def _key(name, route) -> str:
    return name if name and not name.startswith("admin:") else route


def test_every_url_pattern_is_listed():
    unlisted = sorted(
        {
            _key(name, route)
            for name, route in url_patterns()
            if not route.startswith("admin/") and _key(name, route) not in MATRIX
        }
    )
    assert unlisted == [], "Bitte in MATRIX eintragen, wer diese URLs benutzen darf."
    stale = sorted(set(MATRIX) - {_key(name, route) for name, route in url_patterns()})
    assert stale == []


# --- The world the requests run in --------------------------------------------


@pytest.fixture
def world(db):
    region = RegionFactory(name="Karlsruhe", slug="karlsruhe")
    other_region = RegionFactory(name="Freiburg", slug="freiburg")
    users = {
        "cm_own": CommunityManagerFactory(username="cm-own", regions=[region]),
        "cm_other": CommunityManagerFactory(username="cm-other", regions=[other_region]),
        "office": OfficeUserFactory(username="office"),
        "admin": AdminUserFactory(username="admin"),
    }
    organisation = OrganisationFactory(region=region)
    person = PersonFactory(organisation=organisation)
    first_contact = FirstContactFactory(
        region=region,
        organisation=organisation,
        persons=[person],
        follow_up_date=datetime.date(2024, 11, 1),
    )
    linked = FirstContactFactory(region=region, organisation=organisation)
    event = EventFactory(region=region, start_date=datetime.date(2024, 10, 10))
    event.first_contacts.add(linked)
    edition = make_edition()
    export = report_services.export_create(edition=edition, format="xlsx")
    export.file.save("bericht.xlsx", ContentFile(b"PK"), save=False)
    export.status = export.Status.DONE
    export.save()
    merged = OrganisationFactory(region=region)
    log = organisation_merge(
        survivor=OrganisationFactory(region=region),
        merged=merged,
        take_from_merged=[],
        survivor_version=1,
        merged_version=1,
        user=users["office"],
    )
    return SimpleNamespace(
        users=users,
        region_slug=region.slug,
        organisation=organisation.pk,
        person=person.pk,
        first_contact=first_contact.pk,
        linked_first_contact=linked.pk,
        event=event.pk,
        photo=make_photo(event, caption="Bild 1").pk,
        ki_round=KIChallengeRoundFactory(region=region).pk,
        partner=PartnerFactory(organisation=organisation, regions=[region]).pk,
        target=TargetFactory().pk,
        transfer=TransferProjectFactory(region=region).pk,
        activity=CommunicationActivityFactory(region=region).pk,
        edition=edition.pk,
        section=edition.sections.first().pk,
        export=export.pk,
        export_file=export.file.name,
        list_export=_done_list_export(users["cm_own"]).pk,
        import_job=_checked_import(users["office"]).pk,
        merge_log=log.pk,
        business_card=BusinessCard.objects.create(
            person=person, image=ContentFile(b"\xff\xd8", name="karte.jpg")
        ).pk,
    )


def _done_list_export(user):
    job = ListExport(exporter="personen", format="csv", created_by=user)
    job.file.save("personen.csv", ContentFile(b"Nachname\r\n"), save=False)
    job.status = ListExport.Status.DONE
    job.save()
    return job


def _checked_import(user):
    job = ImportJob(mode="dry_run", original_name="kontakte.csv", created_by=user, status="done")
    job.file.save("kontakte.csv", ContentFile(b"Organisation\r\nFirma A\r\n"), save=False)
    job.result = {"rows": 1, "invalid_rows": 0, "errors": [], "counts": {}}
    job.save()
    return job


def _url(name: str, route: Route, world) -> str:
    kwargs = dict(route.params)
    for attribute in (route.kwargs,) if isinstance(route.kwargs, str) else route.kwargs:
        kwargs[ARGUMENT_NAMES.get(attribute, "pk")] = getattr(world, attribute)
    return reverse(name, kwargs=kwargs) + route.query


def _client_for(client_class, role, world):
    client = client_class()
    if role != "anonymous":
        client.force_login(world.users[role])
    return client


def _check(response, expected, *, url):
    if expected == LOGIN:
        assert response.status_code == 302, url
        assert response.url.startswith("/accounts/login/"), url
    elif expected == ADMIN_LOGIN:
        assert response.status_code == 302, url
        assert response.url.startswith("/admin/login/"), url
    elif isinstance(expected, tuple):
        assert response.status_code in expected, url
    else:
        assert response.status_code == expected, url


def _refused_first(expectations: dict) -> list:
    # Allowed POSTs may change the world; refused ones are checked before.
    return sorted(ROLES, key=lambda role: expectations[role] not in REFUSED)


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_role_gets_what_the_matrix_says(name, world, client):
    route = MATRIX[name]
    url = _url(name, route, world)
    client_class = type(client)
    for role in ROLES:
        response = _client_for(client_class, role, world).get(url)
        _check(response, route.get[role], url=f"GET {url} as {role}")
    for role in _refused_first(route.post):
        before = database_state()
        response = _client_for(client_class, role, world).post(url)
        _check(response, route.post[role], url=f"POST {url} as {role}")
        if route.post[role] in REFUSED:
            assert database_state() == before, f"POST {url} as {role} changed data"


# --- Django admin: administrators only ------------------------------------------

ADMIN_PAGES = by_role(
    anonymous=ADMIN_LOGIN, cm_own=ADMIN_LOGIN, cm_other=ADMIN_LOGIN, office=403, admin=200
)
ADMIN_MODELS = sorted(
    f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"
    for model in admin.site._registry
)


@pytest.mark.parametrize("name", ["admin:index", *ADMIN_MODELS])
def test_the_admin_is_for_administrators_only(name, world, client):
    url = reverse(name)
    # Office staff see the admin's index and unlock users (login lockouts,
    # django-axes); every other model is for administrators.
    office_may = name in ("admin:index", "admin:axes_accessattempt_changelist")
    expected = dict(ADMIN_PAGES, office=200) if office_may else ADMIN_PAGES
    for role in ROLES:
        response = _client_for(type(client), role, world).get(url)
        _check(response, expected[role], url=f"GET {url} as {role}")
    before = database_state()
    for role in ("anonymous", "cm_own", "office"):
        _client_for(type(client), role, world).post(url + "add/")
    assert database_state() == before


def test_office_staff_see_no_model_in_the_admin(world, client):
    html = _client_for(type(client), "office", world).get(reverse("admin:index")).text
    assert "Erstgespräche" not in html
