from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.module_loading import import_string
from django.views.generic import RedirectView
from django.views.static import serve

from kiallianz import views
from kiallianz.forms import LoginForm

urlpatterns = [
    # The dashboard at "/" belongs to reporting; named here by string so that
    # kiallianz imports no app.
    path("", include("reporting.urls")),
    # Never dispatched (the dashboard above answers "/"); keeps {% url 'home' %}
    # pointing at the dashboard.
    path("", RedirectView.as_view(pattern_name="reporting:dashboard"), name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "accounts/login/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("accounts/", include("django.contrib.auth.urls")),
    path("admin/", admin.site.urls),
    path("contacts/", include("contacts.urls")),
    path("partners/", include("partners.urls")),
    path("events/", include("events.urls")),
    path("audit/", include("audit.urls")),
    # Named by string like the includes above, so that kiallianz imports no app.
    path("api/public/", include(import_string("events.urls.public_api_urlpatterns"))),
    path("api/public/", include(import_string("partners.urls.public_api_urlpatterns"))),
]

if settings.DEBUG:
    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
