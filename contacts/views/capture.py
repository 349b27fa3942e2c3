"""The phone side of the capture screen: card and vCard reading, the offline
queue's JSON answers, the reference lists and the service worker."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from contacts.capture import events_of_day, first_contact_by_client_key
from contacts.cards import CardError, ocr_available, read_card_upload
from contacts.cards.vcard import person_vcard
from contacts.duplicates import organisation_duplicate_candidates
from contacts.models import BusinessCard, FirstContact, Organisation, Person
from contacts.services.cards import business_card_keep
from kiallianz.models import Offer
from kiallianz.permissions import writable_region_ids, writable_regions

# Kept in step with the service worker's cache name: a new value makes every
# phone fetch the capture shell again.
CAPTURE_SHELL_VERSION = "capture-v1"
CAPTURE_ASSETS = (
    "vendor/bootstrap-5.3.9/bootstrap.min.css",
    "vendor/bootstrap-5.3.9/bootstrap.bundle.min.js",
    "vendor/bootstrap-icons-1.13.2/bootstrap-icons.min.css",
    "vendor/bootstrap-icons-1.13.2/fonts/bootstrap-icons.woff2",
    "vendor/bootstrap-icons-1.13.2/fonts/bootstrap-icons.woff",
    "vendor/htmx-2.0.11/htmx.min.js",
    "css/app.css",
    "css/capture.css",
    "js/capture.js",
    "js/capture-offline.js",
)


def capture_page_context(request: HttpRequest, first_contact: FirstContact | None) -> dict:
    if first_contact is not None:
        return {}
    return {"today_events": events_of_day(user=request.user), "card_reading": ocr_available()}


def capture_replayed(*, user, client_key: str) -> FirstContact | None:
    if not client_key:
        return None
    return first_contact_by_client_key(user=user, client_key=client_key)


def capture_saved_response(request, first_contact, *, sync: bool, replayed: bool = False):
    url = reverse("contacts:first_contact_detail", args=[first_contact.pk])
    if sync:
        return JsonResponse({"status": "saved", "url": url, "replayed": replayed})
    if replayed:
        messages.info(request, _("Dieses Erstgespräch war schon gespeichert."))
    else:
        messages.success(request, _("Das Erstgespräch wurde gespeichert."))
    return redirect(url)


def capture_refused_response(form, formset, warnings) -> JsonResponse:
    """Why a queued capture was not saved, in German, for „Nicht übertragen“."""
    if warnings:
        names = [c.record.name for c in warnings["organisation"]]
        for candidates in warnings["persons"].values():
            names += [c.record.full_name for c in candidates]
        reason = _("Mögliche Dublette: %(names)s. Bitte prüfen und erneut speichern.") % {
            "names": ", ".join(names)
        }
        return JsonResponse({"status": "duplicate", "reason": reason}, status=409)
    problems = []
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        problems += [f"{label}: {error}" if label else str(error) for error in errors]
    for person_form in formset.forms:
        for field, errors in person_form.errors.items():
            label = person_form.fields[field].label if field in person_form.fields else ""
            problems += [f"{label}: {error}" if label else str(error) for error in errors]
    problems += [str(error) for error in formset.non_form_errors()]
    reason = " ".join(problems) or _("Die Angaben sind unvollständig.")
    return JsonResponse({"status": "invalid", "reason": reason}, status=422)


@login_required
@require_POST
def capture_read_card(request: HttpRequest) -> JsonResponse:
    """A card photo, a QR photo or a .vcf → the fields to pre-fill, as JSON.
    Nothing is stored."""
    upload = request.FILES.get("card")
    if upload is None:
        return JsonResponse(
            {"error": _("Bitte ein Foto oder eine vCard-Datei wählen.")}, status=400
        )
    if upload.size > 10 * 1024 * 1024:
        return JsonResponse({"error": _("Die Datei ist zu groß (höchstens 10 MB).")}, status=400)
    try:
        cards, image = read_card_upload(upload.read(), filename=upload.name or "")
    except CardError as error:
        return JsonResponse({"error": str(error)}, status=400)
    # „Karte aufbewahren“: only then is the photo stored, re-encoded.
    kept = None
    if request.POST.get("keep") and image is not None and len(cards) == 1:
        kept = business_card_keep(user=request.user, image=image)
    answer = []
    for card in cards[:20]:
        matches = []
        if card.organisation:
            matches = [
                {"id": c.record.pk, "name": c.record.name, "reason": c.reason}
                for c in organisation_duplicate_candidates(
                    name=card.organisation, website=card.website
                )[:3]
            ]
        answer.append(
            {
                "fields": card.as_dict(),
                "organisations": matches,
                "business_card": kept.pk if kept else None,
            }
        )
    return JsonResponse({"cards": answer})


@login_required
@require_GET
@never_cache
def capture_reference(request: HttpRequest) -> JsonResponse:
    """What the capture screen needs offline: regions, offers and the
    organisations of the manager's regions for the autocomplete."""
    organisations = Organisation.objects.order_by("name")
    allowed = writable_region_ids(request.user)
    if allowed is not None:
        organisations = organisations.filter(region_id__in=allowed)
    return JsonResponse(
        {
            # A fresh token for sending the queue from a page opened offline.
            "csrf": get_token(request),
            "regions": [{"id": r.pk, "name": r.name} for r in writable_regions(request.user)],
            "offers": [{"id": o.pk, "name": o.name} for o in Offer.objects.filter(is_active=True)],
            "organisations": [
                {"id": pk, "name": name}
                for pk, name in organisations.values_list("pk", "name")[:5000]
            ],
        }
    )


@require_GET
def capture_service_worker(request: HttpRequest) -> HttpResponse:
    """Served under /contacts/ so that it may control the capture page."""
    pages = [reverse("contacts:first_contact_create"), reverse("contacts:capture_reference")]
    assets = [static(path) for path in CAPTURE_ASSETS]
    script = render_to_string(
        "contacts/capture/service_worker.js",
        {
            "version": CAPTURE_SHELL_VERSION,
            "shell_json": json.dumps(pages + assets),
            "pages_json": json.dumps(pages),
        },
    )
    response = HttpResponse(script, content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def capture_manifest(request: HttpRequest) -> HttpResponse:
    manifest = {
        "name": _("KI-Allianz Erstgespräch erfassen"),
        "short_name": _("Erfassen"),
        "start_url": reverse("contacts:first_contact_create"),
        "scope": reverse("contacts:index"),
        "display": "standalone",
        "background_color": "#f6f7f9",
        "theme_color": "#0d6efd",
        "lang": "de",
        "icons": [
            {
                "src": static("img/capture-icon.svg"),
                "sizes": "any",
                "type": "image/svg+xml",
            }
        ],
    }
    return HttpResponse(
        json.dumps(manifest, ensure_ascii=False), content_type="application/manifest+json"
    )


@login_required
@require_GET
def person_vcard_download(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organisation"), pk=pk)
    response = HttpResponse(person_vcard(person), content_type="text/vcard; charset=utf-8")
    # The file name carries the id only: no personal data in names or logs.
    response["Content-Disposition"] = f'attachment; filename="kontakt-{person.pk}.vcf"'
    return response


@login_required
@require_GET
def person_business_card(request: HttpRequest, pk: int, card_pk: int) -> HttpResponse:
    """A kept card photo, for signed-in users only (never a public media URL)."""
    card = get_object_or_404(BusinessCard, pk=card_pk, person_id=pk)
    try:
        data = card.image.read()
    except (FileNotFoundError, OSError):
        raise Http404 from None
    finally:
        card.image.close()
    response = HttpResponse(data, content_type="image/jpeg")
    response["Cache-Control"] = "private, no-store"
    return response
