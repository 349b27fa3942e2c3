"""Narratives are Markdown written in the browser: rendered, then sanitised.

Raw HTML in the Markdown (``<script>``, ``<img onerror=…>``, ``<iframe>``) is
removed by nh3, so a narrative can never inject markup into the preview or
the PDF.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "h4",
    "h5",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


def render_narrative(text: str) -> SafeString:
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - sanitised by nh3 just above
