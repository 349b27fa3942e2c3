from django.urls import include, path

app_name = "contacts"

# Records (capture, lists, pages, quality check, follow-ups) and data tools
# (import, merge, privacy) live in separate modules.
urlpatterns = [
    path("", include("contacts.urls_records")),
    path("", include("contacts.urls_data")),
]
