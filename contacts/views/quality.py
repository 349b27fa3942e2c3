"""The office quality-check queue and the follow-ups ("Meine Wiedervorlagen")."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from contacts import selectors, services
from contacts.filters import QualityQueueFilter
from contacts.forms import (
    BulkCheckForm,
    QualityStatusForm,
)
from contacts.models import FirstContact
from contacts.views.first_contacts import FIRST_CONTACT_SORTS
from kiallianz.decorators import office_required
from kiallianz.lists import sorted_page
from kiallianz.permissions import (
    get_object_for_change_or_403,
)


@office_required
def quality_queue(request: HttpRequest) -> HttpResponse:
    form = BulkCheckForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.first_contacts_mark_checked(
            first_contact_ids=[fc.pk for fc in form.cleaned_data["first_contacts"]],
            reviewer=request.user,
            relevance=form.cleaned_data["relevance"],
        )
        messages.success(
            request,
            ngettext(
                "%(count)s Erstgespräch als geprüft markiert.",
                "%(count)s Erstgespräche als geprüft markiert.",
                count,
            )
            % {"count": count},
        )
        # The form posts to this page's URL: back to the same filter, sort and page.
        return redirect(request.get_full_path())
    filterset = QualityQueueFilter(request.GET, queryset=selectors.quality_queue())
    # Newest first: today's captures are what the office checks next.
    listing = sorted_page(request, filterset.qs, sortable=FIRST_CONTACT_SORTS, default_sort="-date")
    return render(
        request,
        "contacts/quality_queue.html",
        {
            "listing": listing,
            "form": form,
            "status_form": QualityStatusForm(),
            "filter": filterset,
        },
    )


@office_required
@require_POST
def first_contact_review(request: HttpRequest, pk: int) -> HttpResponse:
    first_contact = get_object_or_404(FirstContact, pk=pk)
    form = QualityStatusForm(request.POST)
    if form.is_valid():
        services.first_contact_set_quality_status(
            first_contact=first_contact,
            reviewer=request.user,
            status=form.cleaned_data["quality_status"],
            relevance=form.cleaned_data["relevance"],
        )
        messages.success(request, _("Der Qualitätsstatus wurde gespeichert."))
    else:
        messages.error(request, _("Bitte wählen Sie einen gültigen Status und eine Relevanz."))
    # From the queue: back to it with its filter, sort and page ("queue" alone
    # still means the unfiltered queue).
    next_url = request.POST.get("next", "")
    queue_url = reverse("contacts:quality_queue")
    if next_url == "queue":
        return redirect(queue_url)
    if next_url.startswith(f"{queue_url}?") and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("contacts:first_contact_detail", pk=pk)


# --- Follow-ups ---------------------------------------------------------------------


@login_required
@require_GET
def follow_ups(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    until = selectors.follow_up_list_until(today)
    items = list(selectors.open_follow_ups(user_id=request.user.pk, until=until))
    return render(
        request,
        "contacts/follow_ups.html",
        {
            "overdue": [fc for fc in items if fc.follow_up_date < today],
            "due": [fc for fc in items if fc.follow_up_date >= today],
            "today": today,
            "until": until,
        },
    )


@login_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    first_contact = get_object_for_change_or_403(FirstContact, request.user, pk=pk)
    services.follow_up_mark_done(first_contact=first_contact)
    messages.success(request, _("Die Wiedervorlage ist erledigt."))
    # Back to where the button was (the first contact's page), never off-site.
    next_url = request.POST.get("next", "")
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(next_url)
    return redirect("contacts:follow_ups")
