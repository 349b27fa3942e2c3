from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def sort_link(listing, key: str, label: str):
    """A column header that toggles ?sort=key / ?sort=-key, keeping filters."""
    current = listing.sort
    active = current.lstrip("-") == key
    descending = current.startswith("-")
    target = key if (not active or descending) else f"-{key}"
    query = f"{listing.querystring}&" if listing.querystring else ""
    arrow = ""
    if active:
        arrow = " ▼" if descending else " ▲"
    return format_html(
        '<a href="?{}sort={}" class="text-reset text-decoration-none">{}{}</a>',
        query,
        target,
        label,
        arrow,
    )


@register.simple_tag
def aria_sort(listing, key: str):
    """` aria-sort="…"` for the <th> of the column the list is sorted by.

    ARIA allows aria-sort only on column headers, not on the link inside.
    """
    current = listing.sort
    if current.lstrip("-") != key:
        return ""
    return format_html(' aria-sort="{}"', "descending" if current.startswith("-") else "ascending")


@register.simple_tag
def page_url(listing, number: int) -> str:
    query = f"{listing.querystring}&" if listing.querystring else ""
    return f"?{query}sort={listing.sort}&page={number}"
