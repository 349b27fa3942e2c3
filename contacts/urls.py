from django.urls import path

from contacts import views
from contacts.views import capture, imports, list_exports, tools

app_name = "contacts"

# Paths are English like the rest of the application; the UI says German.
urlpatterns = [
    # Records: capture, lists, pages, quality check, follow-ups.
    path("", views.first_contact_list, name="index"),
    path("new/", views.first_contact_create, name="first_contact_create"),
    # The phone: card reading, offline reference lists, service worker.
    path("new/card/", capture.capture_read_card, name="capture_read_card"),
    path("new/reference.json", capture.capture_reference, name="capture_reference"),
    path("capture-sw.js", capture.capture_service_worker, name="capture_service_worker"),
    path("capture.webmanifest", capture.capture_manifest, name="capture_manifest"),
    path("<int:pk>/", views.first_contact_detail, name="first_contact_detail"),
    path("<int:pk>/edit/", views.first_contact_edit, name="first_contact_edit"),
    path("<int:pk>/review/", views.first_contact_review, name="first_contact_review"),
    path("<int:pk>/follow-up-done/", views.follow_up_done, name="follow_up_done"),
    path("follow-ups/", views.follow_ups, name="follow_ups"),
    path("exports/<int:pk>/", list_exports.list_export_detail, name="list_export_detail"),
    path(
        "exports/<int:pk>/download/",
        list_exports.list_export_download,
        name="list_export_download",
    ),
    path("quality/", views.quality_queue, name="quality_queue"),
    path("organisations/", views.organisation_list, name="organisation_list"),
    path("organisations/new/", views.organisation_create, name="organisation_create"),
    path(
        "organisations/autocomplete/",
        views.organisation_autocomplete,
        name="organisation_autocomplete",
    ),
    path("organisations/persons/", views.organisation_persons, name="organisation_persons"),
    path(
        "organisations/duplicates/",
        views.organisation_duplicates,
        name="organisation_duplicates",
    ),
    path("organisations/<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("organisations/<int:pk>/edit/", views.organisation_edit, name="organisation_edit"),
    path("persons/", views.person_list, name="person_list"),
    path("persons/autocomplete/", views.person_autocomplete, name="person_autocomplete"),
    path("persons/new/", views.person_create, name="person_create"),
    path("persons/<int:pk>/", views.person_detail, name="person_detail"),
    path("persons/<int:pk>/edit/", views.person_edit, name="person_edit"),
    path("persons/<int:pk>/vcard/", capture.person_vcard_download, name="person_vcard"),
    path(
        "persons/<int:pk>/cards/<int:card_pk>/",
        capture.person_business_card,
        name="person_business_card",
    ),
    # Data tools (office staff only): import, merge of duplicates, GDPR.
    path("import/", imports.contacts_import_view, name="import"),
    path("import/<int:pk>/", imports.import_job_view, name="import_job"),
    path("import/<int:pk>/status/", imports.import_job_status, name="import_job_status"),
    path("import/<int:pk>/confirm/", imports.import_job_confirm, name="import_job_confirm"),
    path("import/<int:pk>/retry/", imports.import_job_retry, name="import_job_retry"),
    path("import/template.csv", tools.import_template_view, name="import_template"),
    path("duplicates/", tools.duplicate_suggestions_view, name="duplicate_suggestions"),
    path("duplicates/dismiss/", tools.duplicate_dismiss_view, name="duplicate_dismiss"),
    path("duplicates/refresh/", tools.duplicate_refresh_view, name="duplicate_refresh"),
    path(
        "organisations/merge/",
        tools.organisation_merge_view,
        name="organisation_merge",
    ),
    path("persons/merge/", tools.person_merge_view, name="person_merge"),
    path("merges/<int:pk>/", tools.merge_log_view, name="merge_log"),
    path("persons/<int:pk>/privacy/", tools.person_privacy_view, name="person_privacy"),
    path(
        "persons/<int:pk>/privacy/export.<str:file_format>",
        tools.person_export_view,
        name="person_export",
    ),
    path(
        "persons/<int:pk>/privacy/export-pdf/",
        tools.person_export_pdf_view,
        name="person_export_pdf",
    ),
    path("persons/retention/", tools.person_retention_view, name="person_retention"),
    path(
        "persons/<int:pk>/retention/keep/",
        tools.person_retention_keep_view,
        name="person_retention_keep",
    ),
    path(
        "persons/<int:pk>/privacy/erase/",
        tools.person_erase_view,
        name="person_erase",
    ),
]
