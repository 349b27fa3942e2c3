from django.urls import path

from contacts.views import data as views_data

# Data tools (office staff only): import, merge of duplicates, GDPR.
# Paths are English like the rest of the application; the UI says German.
urlpatterns = [
    path("import/", views_data.contacts_import_view, name="import"),
    path("import/template.csv", views_data.import_template_view, name="import_template"),
    path("duplicates/", views_data.duplicate_suggestions_view, name="duplicate_suggestions"),
    path("duplicates/dismiss/", views_data.duplicate_dismiss_view, name="duplicate_dismiss"),
    path(
        "organisations/merge/",
        views_data.organisation_merge_view,
        name="organisation_merge",
    ),
    path("persons/merge/", views_data.person_merge_view, name="person_merge"),
    path("merges/<int:pk>/", views_data.merge_log_view, name="merge_log"),
    path("persons/<int:pk>/privacy/", views_data.person_privacy_view, name="person_privacy"),
    path(
        "persons/<int:pk>/privacy/export.<str:file_format>",
        views_data.person_export_view,
        name="person_export",
    ),
    path(
        "persons/<int:pk>/privacy/erase/",
        views_data.person_erase_view,
        name="person_erase",
    ),
]
