from django.urls import path

from events import views

# Mounted at /api/public/ without a namespace (partners share the prefix).
urlpatterns = [
    path("events.json", views.events_json, name="events_json"),
]
