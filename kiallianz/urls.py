from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.module_loading import import_string
from django.views.generic import RedirectView

from kiallianz import media, twofactor, views
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
    path("accounts/2fa/setup/", twofactor.setup, name="twofactor_setup"),
    path("accounts/2fa/verify/", twofactor.verify, name="twofactor_verify"),
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

# Every media file goes through the access check (kiallianz/media.py), in
# development and production alike.
urlpatterns += [
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", media.serve_media, name="media"),
]
