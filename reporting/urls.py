from django.urls import include, path

app_name = "reporting"

# Targets and dashboard (AP progress) and the funding report live in
# separate modules.
urlpatterns = [
    path("", include("reporting.urls_targets")),
    path("", include("reporting.urls_report")),
]
