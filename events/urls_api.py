from django.urls import path

from events import feeds

# Mounted at /api/public/ without a namespace (partners share the prefix).
urlpatterns = [
    path("events.json", feeds.events_json, name="events_json"),
]
