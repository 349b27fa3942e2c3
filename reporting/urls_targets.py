from django.urls import path

from reporting import views

# Included by reporting/urls.py (app_name "reporting").
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("ziele/", views.target_list, name="targets"),
    path("ziele/neu/", views.target_create, name="target_create"),
    path("ziele/<int:pk>/bearbeiten/", views.target_update, name="target_update"),
    path("transfer/", views.transfer_project_list, name="transfer_projects"),
    path("transfer/neu/", views.transfer_project_create, name="transfer_project_create"),
    path(
        "transfer/<int:pk>/bearbeiten/",
        views.transfer_project_update,
        name="transfer_project_update",
    ),
    path("kommunikation/", views.communication_list, name="communications"),
    path("kommunikation/neu/", views.communication_create, name="communication_create"),
    path(
        "kommunikation/<int:pk>/bearbeiten/",
        views.communication_update,
        name="communication_update",
    ),
]
