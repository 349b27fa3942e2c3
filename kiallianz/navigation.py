"""The main navigation. Entries whose app has no page yet are left out."""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    ("reporting:dashboard", _("Übersicht"), "bi-speedometer2"),
    ("contacts:index", _("Kontakte"), "bi-person-lines-fill"),
    ("partners:index", _("Partner"), "bi-people"),
    ("events:index", _("Veranstaltungen"), "bi-calendar-event"),
    ("reporting:targets", _("Ziele"), "bi-bullseye"),
    ("reporting:reports", _("Berichte"), "bi-file-earmark-text"),
]


def navigation_entries(current_path: str) -> list[dict]:
    entries = []
    for url_name, label, icon in MAIN_NAVIGATION:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        active = current_path == url if url == "/" else current_path.startswith(url)
        entries.append({"url": url, "label": label, "icon": icon, "active": active})
    return entries
