from django.urls import path

from reporting import views
from reporting.report import views as report_views

app_name = "reporting"

urlpatterns = [
    # Dashboard, targets and the records of AP3/AP4.
    path("", views.dashboard, name="dashboard"),
    path("search/", views.search, name="search"),
    path("targets/", views.target_list, name="targets"),
    path("targets/new/", views.target_create, name="target_create"),
    path("targets/<int:pk>/edit/", views.target_update, name="target_update"),
    path("transfer-projects/", views.transfer_project_list, name="transfer_projects"),
    path(
        "transfer-projects/new/",
        views.transfer_project_create,
        name="transfer_project_create",
    ),
    path(
        "transfer-projects/<int:pk>/edit/",
        views.transfer_project_update,
        name="transfer_project_update",
    ),
    path("communications/", views.communication_list, name="communications"),
    path("communications/new/", views.communication_create, name="communication_create"),
    path(
        "communications/<int:pk>/edit/",
        views.communication_update,
        name="communication_update",
    ),
    # The funding report: editions, sections, exports.
    path("reports/", report_views.reports, name="reports"),
    path("reports/<int:pk>/", report_views.edition_detail, name="edition_detail"),
    path("reports/<int:pk>/preview/", report_views.edition_preview, name="edition_preview"),
    path("reports/<int:pk>/export/", report_views.export_create, name="export_create"),
    path("reports/<int:pk>/check/", report_views.edition_check, name="edition_check"),
    path(
        "reports/<int:pk>/next-year/",
        report_views.edition_create_from_previous,
        name="edition_create_from_previous",
    ),
    path(
        "reports/sections/<int:pk>/facts/accept/",
        report_views.section_fact_accept,
        name="section_fact_accept",
    ),
    path(
        "reports/sections/<int:pk>/facts/release/",
        report_views.section_fact_release,
        name="section_fact_release",
    ),
    path("reports/<int:pk>/sections/new/", report_views.section_create, name="section_create"),
    path("reports/sections/<int:pk>/edit/", report_views.section_edit, name="section_edit"),
    path("reports/sections/<int:pk>/move/", report_views.section_move, name="section_move"),
    path("reports/sections/<int:pk>/delete/", report_views.section_delete, name="section_delete"),
    path("reports/exports/<int:pk>/status/", report_views.export_status, name="export_status"),
    path(
        "reports/exports/<int:pk>/download/", report_views.export_download, name="export_download"
    ),
    path("reports/exports/<int:pk>/retry/", report_views.export_retry, name="export_retry"),
]
