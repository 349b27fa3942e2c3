from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from kiallianz import caching

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


class ListFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, key: template.base.FilterExpression):
        self.nodelist = nodelist
        self.key = key

    def render(self, context) -> str:
        key = self.key.resolve(context)
        if not key or not caching.response_cache_enabled():
            return self.nodelist.render(context)
        html = caching.get_or_build_current(
            f"list:{key}",
            lambda: str(self.nodelist.render(context)),
            settings.RESPONSE_CACHE_SECONDS,
            keep=_without_form_token,
        )
        return mark_safe(html)  # noqa: S308 -- rendered by this template, escaped there


def _without_form_token(html: str) -> bool:
    """A CSRF token belongs to one session and rotates at login: a fragment
    that holds one is never stored."""
    return "csrfmiddlewaretoken" not in html


@register.tag
def list_fragment(parser, token):
    """``{% list_fragment key %}…{% endlist_fragment %}``: the filters, table
    and pagination of a list, kept in the shared cache under ``key`` while
    no write has committed (kiallianz.lists.list_fragment_key). Without a
    key, or without a shared cache, rendered every time."""
    try:
        _tag, key = token.split_contents()
    except ValueError:
        raise template.TemplateSyntaxError("{% list_fragment key %} takes one argument") from None
    nodelist = parser.parse(("endlist_fragment",))
    parser.delete_first_token()
    return ListFragmentNode(nodelist, parser.compile_filter(key))
