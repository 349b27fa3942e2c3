"""Second factor (TOTP with recovery codes) and the login lockout page.

Office and admin users need a verified device whenever
``TWO_FACTOR_REQUIRED`` is on (always with DEBUG off); community managers may
opt in, and once they have a device it is asked for at every login.
"""

import io
from base64 import b32encode

import django_otp
import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kiallianz.forms import LoginForm

TOTP_DEVICE_NAME = "Authenticator-App"
RECOVERY_DEVICE_NAME = "Wiederherstellungscodes"


# --- Who needs what --------------------------------------------------------


def has_confirmed_device(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def needs_second_factor(user) -> bool:
    """Office and admin always; community managers once they set one up."""
    return user.is_office or has_confirmed_device(user)


def pending_step_url(user) -> str | None:
    """Where an unverified user must go first, or None if nothing is asked."""
    if has_confirmed_device(user):
        return reverse("twofactor_verify")
    if user.is_office:
        return reverse("twofactor_setup")
    return None


def is_exempt_path(path: str) -> bool:
    """Pages an unverified user may still reach: the 2FA pages, logout,
    the language switch and static files."""
    exempt = (
        reverse("twofactor_setup"),
        reverse("twofactor_verify"),
        reverse("logout"),
        reverse("set_language"),
        reverse("healthz"),
    )
    return path in exempt or path.startswith("/" + settings.STATIC_URL.strip("/") + "/")


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("home")


def _verified(request: HttpRequest, device) -> None:
    django_otp.login(request, device)
    # A new session key once the second factor is in: a key seen before
    # verification is worth nothing afterwards.
    request.session.cycle_key()


# --- Forms -----------------------------------------------------------------


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
        help_text=_("Sechs Ziffern aus der Authenticator-App oder ein Wiederherstellungscode."),
    )

    def clean_token(self) -> str:
        return "".join(self.cleaned_data["token"].split()).lower()


# --- Views -----------------------------------------------------------------


def _qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    svg = buffer.getvalue().decode()
    return svg[svg.index("<svg") :]


def _new_recovery_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME)
    codes = [StaticToken.random_token() for _ in range(settings.TWO_FACTOR_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@never_cache
@sensitive_post_parameters("token")
@login_required
def setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator app: QR code, one code to confirm, recovery codes."""
    user = request.user
    if has_confirmed_device(user):
        if not user.is_verified():
            return redirect(f"{reverse('twofactor_verify')}?next={reverse('twofactor_setup')}")
        if request.method == "POST" and request.POST.get("action") == "new-codes":
            codes = _new_recovery_codes(user)
            return render(request, "registration/twofactor_codes.html", {"codes": codes})
        return render(request, "registration/twofactor_status.html")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            codes = _new_recovery_codes(user)
            _verified(request, device)
            return render(
                request,
                "registration/twofactor_codes.html",
                {"codes": codes, "next": _safe_next(request)},
            )
        form.add_error(
            "token",
            _(
                "Der Code stimmt nicht. Bitte prüfen Sie die Uhrzeit des Telefons "
                "und versuchen Sie es erneut."
            ),
        )
    return render(
        request,
        "registration/twofactor_setup.html",
        {
            "form": form,
            "qr_svg": mark_safe(_qr_svg(device.config_url)),  # noqa: S308 - our own SVG
            "secret": _base32_secret(device),
            "next": request.GET.get("next", ""),
        },
    )


def _base32_secret(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@never_cache
@sensitive_post_parameters("token")
@login_required
def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the second factor after the password."""
    if request.user.is_verified():
        return redirect(_safe_next(request))
    if not has_confirmed_device(request.user):
        return redirect("twofactor_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            _verified(request, device)
            return redirect(_safe_next(request))
        form.add_error("token", _("Der Code ist falsch oder abgelaufen."))
    return render(
        request,
        "registration/twofactor_verify.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


# --- Login lockout (django-axes) -------------------------------------------


def lockout_response(request: HttpRequest, original_response=None, credentials=None):
    """The login page again, saying until when logins are refused (429)."""
    retry_at = timezone.localtime(timezone.now() + settings.AXES_COOLOFF_TIME)
    message = gettext(
        "Zu viele fehlgeschlagene Anmeldeversuche. Die Anmeldung ist vorübergehend "
        "gesperrt; bitte versuchen Sie es ab %(time)s Uhr erneut."
    ) % {"time": time_format(retry_at, "H:i")}
    form = LoginForm(request)
    return render(
        request,
        "registration/login.html",
        {"form": form, "lockout_message": message, "next": request.POST.get("next", "")},
        status=429,
    )
