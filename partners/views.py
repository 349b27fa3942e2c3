"""Pages of the partner registry (login required) and the public feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from contacts.models import Organisation
from contacts.selectors import BY_ORGANISATION_NAME
from kiallianz import caching
from kiallianz.feedcache import public_feed
from kiallianz.lists import sorted_page
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    may_create_somewhere,
    require_inside_user_regions,
)
from kiallianz.viewhelpers import form_saved
from partners import selectors, services
from partners.forms import PartnerCreateForm, PartnerEndForm, PartnerForm, PartnerReactivateForm
from partners.models import Partner

PUBLIC_FEED_SECONDS = 300
SORTABLE = {
    # As the organisation list: "de:hub Karlsruhe" under D, not after Z.
    "name": BY_ORGANISATION_NAME,
    "category": "category",
    "since": "latest_since",
    "active": "active",
}


def organisation_url(organisation_id: int) -> str:
    return reverse("contacts:organisation_detail", args=[organisation_id])


@login_required
def partner_list(request: HttpRequest) -> HttpResponse:
    partner_filter, queryset = selectors.partner_list(params=request.GET)
    listing = sorted_page(request, queryset, sortable=SORTABLE, default_sort="name")
    return render(
        request,
        "partners/partner_list.html",
        {
            "filter": partner_filter,
            "listing": listing,
            "may_create": may_create_somewhere(request.user),
        },
    )


@login_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        partner = selectors.partner_for_detail(pk=pk)
    except Partner.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "partners/partner_detail.html",
        {
            "partner": partner,
            "spans": sorted(partner.spans.all(), key=lambda s: (s.since, s.id), reverse=True),
            "may_change": can_change(request.user, partner),
            "organisation_url": organisation_url(partner.organisation_id),
            **selectors.partner_activities(partner=partner),
        },
    )


@login_required
def partner_create(request: HttpRequest) -> HttpResponse:
    if not may_create_somewhere(request.user):
        raise PermissionDenied
    organisation_id = request.GET.get("organisation") or request.POST.get("organisation") or ""
    if not organisation_id.isdigit():
        query = request.GET.get("q", "").strip()
        matches = selectors.organisations_for_partner_choice(query=query) if query else []
        template = (
            "partners/includes/organisation_matches.html"
            if request.htmx
            else "partners/partner_choose_organisation.html"
        )
        return render(request, template, {"query": query, "matches": matches})
    organisation = get_object_or_404(Organisation, pk=organisation_id)
    # Another region's organisation becomes a partner through its own region.
    require_inside_user_regions(request.user, organisation)
    existing = Partner.objects.filter(organisation=organisation).first()
    if existing is not None:
        messages.info(request, _("Diese Organisation ist bereits als Partner:in erfasst."))
        return redirect("partners:partner_detail", pk=existing.pk)
    try:
        services.ensure_may_become_partner(organisation)
    except ValidationError as error:
        # Say it before anyone fills in the form.
        return render(
            request,
            "partners/partner_create.html",
            {"organisation": organisation, "refusal": error.messages},
        )
    form = PartnerCreateForm(
        request.POST or None,
        request.FILES or None,
        organisation=organisation,
        user=request.user,
        initial={
            "community_manager": request.user.pk,
            "regions": [organisation.region_id] if organisation.region_id else [],
        },
    )
    saved = form_saved(
        request,
        form,
        lambda fields: services.partner_create(
            organisation=organisation,
            since=form.cleaned_data["since"],
            created_by=request.user,
            **fields,
        ),
        success=_("Partner:in angelegt."),
    )
    if saved:
        return redirect("partners:partner_detail", pk=saved.result.pk)
    return render(
        request,
        "partners/partner_create.html",
        {"form": form, "organisation": organisation},
    )


@login_required
def partner_update(request: HttpRequest, pk: int) -> HttpResponse:
    partner = get_object_for_change_or_403(
        Partner.objects.select_related("organisation"), request.user, pk=pk
    )
    form = PartnerForm(
        request.POST or None,
        request.FILES or None,
        instance=partner,
        organisation=partner.organisation,
        user=request.user,
    )
    saved = form_saved(
        request,
        form,
        lambda fields: services.partner_update(
            partner=partner, version=form.cleaned_data["version"], **fields
        ),
        success=_("Änderungen gespeichert."),
    )
    if saved:
        return redirect("partners:partner_detail", pk=partner.pk)
    return render(request, "partners/partner_update.html", {"form": form, "partner": partner})


def _span_form_page(request, pk, form_class, *, save, success, template) -> HttpResponse:
    """End or re-activate a partnership (both post the partner's version)."""
    partner = get_object_for_change_or_403(
        Partner.objects.select_related("organisation"), request.user, pk=pk
    )
    form = form_class(request.POST or None, initial={"version": partner.version})
    if form_saved(request, form, lambda fields: save(partner, fields), success=success):
        return redirect("partners:partner_detail", pk=partner.pk)
    return render(request, template, {"form": form, "partner": partner})


@login_required
def partner_end(request: HttpRequest, pk: int) -> HttpResponse:
    return _span_form_page(
        request,
        pk,
        PartnerEndForm,
        save=lambda partner, fields: services.partner_end(partner=partner, **fields),
        success=_("Partnerschaft beendet."),
        template="partners/partner_end.html",
    )


@login_required
def partner_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    return _span_form_page(
        request,
        pk,
        PartnerReactivateForm,
        save=lambda partner, fields: services.partner_reactivate(partner=partner, **fields),
        success=_("Partnerschaft wieder aufgenommen."),
        template="partners/partner_reactivate.html",
    )


@require_GET
@public_feed()
def public_partners_json(request: HttpRequest) -> JsonResponse:
    """Active public partners for the website: no persons, notes or emails."""
    fingerprint = selectors.public_partners_fingerprint()
    key = f"partners:public-json:{request.get_host()}:{fingerprint}"
    payload = caching.get_or_build(key, lambda: _german_payload(request), PUBLIC_FEED_SECONDS)
    response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={PUBLIC_FEED_SECONDS}"
    return response


def _german_payload(request: HttpRequest) -> dict:
    with translation.override("de"):
        return _public_payload(request)


def _public_payload(request: HttpRequest) -> dict:
    return {
        "partners": [
            {
                "name": partner.organisation.name,
                "category": partner.category,
                "category_label": str(partner.get_category_display()),
                "website": partner.organisation.website,
                "logo_url": request.build_absolute_uri(partner.logo.url) if partner.logo else None,
                "description": partner.public_description,
            }
            for partner in selectors.public_partners()
        ]
    }
