"""Checks of a rendered form page's error markup (WCAG 3.3.1, 1.3.1, 2.4.3).

``error_summary(html)`` parses the page with the standard library and
asserts what templates/includes/form_error_summary.html promises: a summary
with role="alert" and tabindex="-1" whose links each lead to a visible form
control marked aria-invalid="true" and described by its error text; and no
invalid control left out of the summary. Returns the summary's links.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
CONTROLS = {"input", "select", "textarea"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, dict] = {}
        self.elements: list[dict] = []
        self._open: list[dict] = []

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": "", "links": []}
        self.elements.append(element)
        if element["attrs"].get("id"):
            self.by_id.setdefault(element["attrs"]["id"], element)
        if tag == "a":
            for parent in self._open:
                parent["links"].append(element)
        if tag not in VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index]["tag"] == tag:
                del self._open[index:]
                return

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data


def error_summary(html: str) -> list[tuple[str, str]]:
    page = _Page()
    page.feed(html)
    summaries = [
        e for e in page.elements if "form-error-summary" in e["attrs"].get("class", "").split()
    ]
    assert len(summaries) == 1, f"{len(summaries)} Fehlerübersichten"
    summary = summaries[0]
    assert summary["attrs"].get("role") == "alert"
    assert summary["attrs"].get("tabindex") == "-1"
    links = [(a["attrs"]["href"], " ".join(a["text"].split())) for a in summary["links"]]
    linked = set()
    for href, text in links:
        assert href.startswith("#"), href
        target = page.by_id.get(href[1:])
        assert target is not None, f"{href}: kein Element mit dieser id"
        assert target["tag"] in CONTROLS, f"{href}: {target['tag']} ist kein Eingabefeld"
        assert target["attrs"].get("type") != "hidden", f"{href} ist verborgen"
        linked.add(href[1:])
        _assert_described_invalid(page, target, href, text)
    invalid = {
        e["attrs"].get("id")
        for e in page.elements
        if e["attrs"].get("aria-invalid") == "true" and e["tag"] in CONTROLS
    }
    # Option groups are linked through their first option.
    unlinked = {i for i in invalid if i not in linked and f"{i.rsplit('_', 1)[0]}_0" not in linked}
    assert not unlinked, f"ungültige Felder ohne Link in der Übersicht: {unlinked}"
    return links


def _assert_described_invalid(page, target, href, text):
    attrs = target["attrs"]
    assert attrs.get("aria-invalid") == "true", f"{href}: aria-invalid fehlt"
    described = attrs.get("aria-describedby", "").split()
    if not described and attrs.get("type") in {"checkbox", "radio"}:
        # The first option of a group: the group's <fieldset> carries the description.
        group = attrs["id"].rsplit("_", 1)[0]
        described = [
            i
            for e in page.elements
            if e["tag"] == "fieldset"
            for i in e["attrs"].get("aria-describedby", "").split()
            if i.startswith(group)
        ]
    texts = [" ".join(page.by_id[i]["text"].split()) for i in described if i in page.by_id]
    assert any(t and t in text for t in texts), (
        f"{href}: aria-describedby {described} zeigt nicht auf den Fehlertext „{text}“"
    )
