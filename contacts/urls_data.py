from django.urls import path

from contacts import views_data

# Data tools (office staff only): import, merge of duplicates, GDPR.
urlpatterns = [
    path("import/", views_data.contacts_import_view, name="import"),
    path("import/vorlage.csv", views_data.import_template_view, name="import_template"),
    path(
        "organisationen/zusammenfuehren/",
        views_data.organisation_merge_view,
        name="organisation_merge",
    ),
    path("personen/zusammenfuehren/", views_data.person_merge_view, name="person_merge"),
    path("zusammenfuehrungen/<int:pk>/", views_data.merge_log_view, name="merge_log"),
    path("personen/<int:pk>/datenschutz/", views_data.person_privacy_view, name="person_privacy"),
    path(
        "personen/<int:pk>/datenschutz/export.<str:file_format>",
        views_data.person_export_view,
        name="person_export",
    ),
    path(
        "personen/<int:pk>/datenschutz/loeschen/",
        views_data.person_erase_view,
        name="person_erase",
    ),
]
