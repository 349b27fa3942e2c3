"""Calendar pages (agenda, month, event page) and capture forms; public feeds: feeds.py."""

import datetime
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from events import selectors, services
from events.filters import KIChallengeRoundFilter
from events.forms import (
    EventForm,
    EventPhotoForm,
    EventPhotoUpdateForm,
    FirstContactLinkForm,
    KIChallengeRoundForm,
)
from events.models import Event, EventPhoto, KIChallengeRound, SizeCategory
from events.month import empty_grid, fill_grid
from events.sizing import suggest_size_category
from kiallianz.forms import add_service_errors
from kiallianz.lists import sorted_page
from kiallianz.models import Region
from kiallianz.permissions import (
    can_change,
    get_object_for_change_or_403,
    is_office,
    may_create_somewhere,
    writable_region_ids,
)
from kiallianz.viewhelpers import form_saved

AGENDA_SORTABLE = {
    "date": "start_date",
    "title": "title",
    "region": "region__name",
    "kind": "kind",
    "status": "status",
    "size": "size_category",
}


# --- Helpers -----------------------------------------------------------------


def _own_region_ids(user) -> set[int] | None:
    """A community manager's regions (their default filter); None for office staff."""
    region_ids = writable_region_ids(user)
    return region_ids or None


def _filter_context(request: HttpRequest, filterset) -> dict:
    own = _own_region_ids(request.user)
    narrowed = own is not None and "region" not in request.GET
    params = request.GET.copy()
    params["region"] = ""
    params.pop("page", None)
    return {
        "filter": filterset,
        "narrowed_to_own_regions": narrowed,
        "all_regions_query": params.urlencode(),
        "own_regions": Region.objects.filter(id__in=own) if narrowed else [],
    }


# --- Calendar pages ----------------------------------------------------------


@login_required
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    filterset = selectors.event_filterset(
        params=request.GET, default_region_ids=_own_region_ids(request.user)
    )
    listing = sorted_page(request, filterset.qs, sortable=AGENDA_SORTABLE, default_sort="-date")
    today = timezone.localdate()
    date_after = filterset.form.cleaned_data.get("date_after") if filterset.is_valid() else None
    context = {
        "listing": listing,
        "today": today,
        # The month button opens the month the filtered period starts in.
        "month_target": date_after or today,
        "filter_query": request.GET.urlencode(),
        **_filter_context(request, filterset),
    }
    return render(request, "events/event_list.html", context)


@login_required
@require_GET
def event_month(request: HttpRequest, year: int, month: int) -> HttpResponse:
    if not (1 <= month <= 12 and 1900 <= year <= 2200):
        raise Http404
    today = timezone.localdate()
    grid = empty_grid(year, month, today=today)
    filterset = selectors.event_filterset(
        params=request.GET, default_region_ids=_own_region_ids(request.user)
    )
    events = selectors.events_overlapping(filterset.qs, start=grid.first_day, end=grid.last_day)
    fill_grid(grid, events)
    regions = filterset.form.cleaned_data.get("region") if filterset.is_valid() else None
    if regions:
        round_regions = [region.id for region in regions]
    elif "region" not in request.GET:
        round_regions = _own_region_ids(request.user)
    else:
        round_regions = None
    rounds = selectors.ki_challenge_rounds_overlapping(
        start=grid.month_start, end=grid.next - datetime.timedelta(days=1), region_ids=round_regions
    )
    params = request.GET.copy()
    context = {
        "grid": grid,
        "rounds": rounds,
        "filter_query": params.urlencode(),
        "today": today,
        "month_target": grid.month_start,
        **_filter_context(request, filterset),
    }
    return render(request, "events/event_month.html", context)


@login_required
@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        event = selectors.event_for_page(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None
    may_change = can_change(request.user, event)
    participants = event.actual_participants
    if participants is None:
        participants = event.expected_participants
    context = {
        "event": event,
        "may_change": may_change,
        "suggested_size": SizeCategory(
            suggest_size_category(
                participants=participants,
                programme_hours=event.programme_hours,
                promoted_beyond_region=event.promoted_beyond_region,
            )
        ).label,
        "photo_form": EventPhotoForm() if may_change else None,
        "link_form": (
            FirstContactLinkForm(queryset=selectors.first_contacts_linkable_to(event=event))
            if may_change
            else None
        ),
    }
    return render(request, "events/event_detail.html", context)


# --- Capture -------------------------------------------------------------------


@login_required
def event_create(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = EventForm(request.POST, user=request.user)
    else:
        initial = {"start_date": request.GET["date"]} if request.GET.get("date") else {}
        form = EventForm(initial=initial, user=request.user)
        if not is_office(request.user):
            form.initial["region"] = form.fields["region"].queryset.first()
    saved = form_saved(
        request,
        form,
        lambda data: services.event_create(
            user=request.user, data=data, **form.service_relations()
        ),
        success=_("Die Veranstaltung wurde angelegt."),
    )
    if saved:
        return redirect("events:event_detail", pk=saved.result.pk)
    return render(request, "events/event_form.html", {"form": form, "event": None})


@login_required
def event_update(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_for_change_or_403(Event, request.user, pk=pk)
    form = EventForm(request.POST or None, instance=event, user=request.user)
    saved = form_saved(
        request,
        form,
        lambda data: services.event_update(
            user=request.user,
            event=event,
            data=data,
            version=form.cleaned_data.get("version"),
            **form.service_relations(),
        ),
        success=_("Die Änderungen wurden gespeichert."),
    )
    if saved:
        return redirect("events:event_detail", pk=event.pk)
    return render(request, "events/event_form.html", {"form": form, "event": event})


@login_required
def photo_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_for_change_or_403(Event, request.user, pk=pk)
    if request.method == "POST":
        form = EventPhotoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.event_photo_add(
                    event=event,
                    image=form.cleaned_data["image"],
                    caption=form.cleaned_data["caption"],
                    credit=form.cleaned_data["credit"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("Das Foto wurde hinzugefügt."))
                return redirect(reverse("events:event_detail", args=[event.pk]) + "#fotos")
    else:
        form = EventPhotoForm()
    return render(request, "events/eventphoto_form.html", {"form": form, "event": event})


def _photo_for_change(request: HttpRequest, pk: int, photo_pk: int) -> EventPhoto:
    event = get_object_for_change_or_403(Event, request.user, pk=pk)
    return get_object_or_404(EventPhoto, pk=photo_pk, event=event)


@login_required
def photo_update(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = _photo_for_change(request, pk, photo_pk)
    if request.method == "POST":
        form = EventPhotoUpdateForm(request.POST, instance=photo)
        if form.is_valid():
            services.event_photo_update(
                photo=photo,
                caption=form.cleaned_data["caption"],
                credit=form.cleaned_data["credit"],
            )
            messages.success(request, _("Die Bildunterschrift wurde gespeichert."))
            return redirect(reverse("events:event_detail", args=[pk]) + "#fotos")
    else:
        form = EventPhotoUpdateForm(instance=photo)
    return render(
        request,
        "events/eventphoto_update.html",
        {"form": form, "event": photo.event, "photo": photo},
    )


@login_required
@require_POST
def photo_move(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = _photo_for_change(request, pk, photo_pk)
    services.event_photo_move(
        photo=photo, direction=-1 if request.POST.get("direction") == "up" else 1
    )
    return redirect(reverse("events:event_detail", args=[pk]) + "#fotos")


@login_required
@require_POST
def photo_delete(request: HttpRequest, pk: int, photo_pk: int) -> HttpResponse:
    photo = _photo_for_change(request, pk, photo_pk)
    services.event_photo_delete(photo=photo)
    messages.success(request, _("Das Foto wurde entfernt."))
    return redirect(reverse("events:event_detail", args=[pk]) + "#fotos")


@login_required
@require_POST
def first_contacts_link(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_for_change_or_403(Event, request.user, pk=pk)
    form = FirstContactLinkForm(
        request.POST, queryset=selectors.first_contacts_linkable_to(event=event)
    )
    if form.is_valid():
        services.event_first_contacts_link(
            user=request.user, event=event, first_contacts=form.cleaned_data["first_contacts"]
        )
        messages.success(request, _("Die Erstgespräche wurden verknüpft."))
    else:
        messages.error(request, " ".join(form.errors.get("first_contacts", [])))
    return redirect(reverse("events:event_detail", args=[pk]) + "#erstgespraeche")


@login_required
@require_POST
def first_contact_unlink(request: HttpRequest, pk: int, first_contact_pk: int) -> HttpResponse:
    event = get_object_for_change_or_403(Event, request.user, pk=pk)
    first_contact = get_object_or_404(event.first_contacts, pk=first_contact_pk)
    services.event_first_contact_unlink(user=request.user, event=event, first_contact=first_contact)
    return redirect(reverse("events:event_detail", args=[pk]) + "#erstgespraeche")


# --- KI-Challenge ----------------------------------------------------------------


KI_CHALLENGE_SORTABLE = {"region": "region__name", "date": "start_date", "title": "title"}


@login_required
@require_GET
def ki_challenge_list(request: HttpRequest) -> HttpResponse:
    filterset = KIChallengeRoundFilter(
        request.GET, queryset=selectors.ki_challenge_rounds_for_list()
    )
    listing = sorted_page(
        request, filterset.qs, sortable=KI_CHALLENGE_SORTABLE, default_sort="region"
    )
    # Sorted by region, the page shows one heading per region.
    if listing.sort.lstrip("-") == "region":
        groups = [
            (region, list(rounds))
            for region, rounds in groupby(listing.object_list, key=lambda r: r.region)
        ]
    else:
        rounds = list(listing.object_list)
        groups = [(None, rounds)] if rounds else []
    return render(
        request,
        "events/kichallengeround_list.html",
        {
            "listing": listing,
            "groups": groups,
            "region_count": filterset.qs.order_by().values("region_id").distinct().count(),
            "filter": filterset,
            "filters_active": any(
                value for name, value in request.GET.items() if name in filterset.filters
            ),
            "may_create": may_create_somewhere(request.user),
        },
    )


def _ki_challenge_form_page(request: HttpRequest, challenge_round) -> HttpResponse:
    form = KIChallengeRoundForm(request.POST or None, instance=challenge_round, user=request.user)
    if request.method != "POST" and challenge_round is None:
        form.initial["region"] = form.fields["region"].queryset.first()

    def save(data):
        relations = {
            "partners": form.cleaned_data["partners"],
            "events": form.cleaned_data["events"],
        }
        if challenge_round is None:
            return services.ki_challenge_round_create(user=request.user, data=data, **relations)
        return services.ki_challenge_round_update(
            user=request.user,
            challenge_round=challenge_round,
            data=data,
            version=form.cleaned_data.get("version"),
            **relations,
        )

    success = (
        _("Die KI-Challenge-Runde wurde angelegt.")
        if challenge_round is None
        else _("Die Änderungen wurden gespeichert.")
    )
    if form_saved(request, form, save, success=success):
        return redirect("events:ki_challenge_list")
    return render(
        request, "events/kichallengeround_form.html", {"form": form, "round": challenge_round}
    )


@login_required
def ki_challenge_create(request: HttpRequest) -> HttpResponse:
    return _ki_challenge_form_page(request, None)


@login_required
def ki_challenge_update(request: HttpRequest, pk: int) -> HttpResponse:
    challenge_round = get_object_for_change_or_403(KIChallengeRound, request.user, pk=pk)
    return _ki_challenge_form_page(request, challenge_round)
