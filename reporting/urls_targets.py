from django.urls import path

from reporting import views

# Included by reporting/urls.py (app_name "reporting").
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
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
]
