from django.urls import path

from reporting.report import views

# Included by reporting/urls.py under the "reporting" namespace.
urlpatterns = [
    path("reports/", views.reports, name="reports"),
    path("reports/<int:pk>/", views.edition_detail, name="edition_detail"),
    path("reports/<int:pk>/preview/", views.edition_preview, name="edition_preview"),
    path("reports/<int:pk>/export/", views.export_create, name="export_create"),
    path("reports/<int:pk>/sections/new/", views.section_create, name="section_create"),
    path("reports/sections/<int:pk>/edit/", views.section_edit, name="section_edit"),
    path("reports/sections/<int:pk>/move/", views.section_move, name="section_move"),
    path("reports/sections/<int:pk>/delete/", views.section_delete, name="section_delete"),
    path("reports/exports/<int:pk>/status/", views.export_status, name="export_status"),
    path("reports/exports/<int:pk>/download/", views.export_download, name="export_download"),
    path("reports/exports/<int:pk>/retry/", views.export_retry, name="export_retry"),
]
