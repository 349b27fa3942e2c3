from django.urls import path

from audit import views

app_name = "audit"

urlpatterns = [
    path("changes/", views.change_log, name="change_log"),
    path("access/", views.access_log, name="access_log"),
    path("retention/", views.retention_register, name="retention_register"),
    path("history/<str:label>/<int:pk>/", views.record_history, name="record_history"),
]
