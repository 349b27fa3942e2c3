"""The exported PDF is PDF/A-3b and tagged (issue 10, item 7)."""

import datetime
import io
from collections import Counter

import pytest
from pypdf import PdfReader

from events.tests.factories import EventFactory
from reporting.report.exporters import get_exporter
from reporting.report.services import section_update
from reporting.tests.test_report_factories import make_edition, make_photo

pytestmark = pytest.mark.django_db


def _structure_tags(node, found: Counter) -> Counter:
    node = node.get_object()
    if "/S" in node:
        found[str(node["/S"])] += 1
    kids = node.get("/K")
    if kids is None:
        return found
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict):
            _structure_tags(kid, found)
    return found


@pytest.fixture
def pdf():
    edition = make_edition()
    intro = edition.sections.get(key="introduction")
    section_update(
        section=intro,
        version=intro.version,
        narrative="Stand [[wert:stichtag]].\n\n- erster Punkt\n- zweiter Punkt",
    )
    event = EventFactory(title="Auftakt Karlsruhe", start_date=datetime.date(2024, 3, 13))
    make_photo(event, caption="Auftakt auf der Bühne")
    _name, _mime, content = get_exporter("pdf").render(edition, edition.as_of)
    return PdfReader(io.BytesIO(content))


def test_it_declares_pdfa_3b_in_the_xmp_metadata(pdf):
    xmp = pdf.xmp_metadata
    attributes = {}
    for node in xmp.rdf_root.getElementsByTagNameNS(
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "Description"
    ):
        for name in ("part", "conformance"):
            value = node.getAttributeNS("http://www.aiim.org/pdfa/ns/id/", name)
            if value:
                attributes[name] = value
    assert attributes == {"part": "3", "conformance": "B"}
    assert xmp.dc_title == {"x-default": "Zwischenverwendungsnachweis zum Jahr 2024"}
    assert xmp.dc_creator == ["KI-Allianz Baden-Württemberg eG"]
    assert "/OutputIntents" in pdf.trailer["/Root"]


def test_it_is_tagged_with_a_structure_tree(pdf):
    root = pdf.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "de"
    tags = _structure_tags(root["/StructTreeRoot"], Counter())
    assert tags["/H2"] >= 7  # the chapters
    assert tags["/H3"] >= 1
    assert tags["/P"] >= 1
    assert tags["/L"] >= 1 and tags["/LI"] >= 2
    assert tags["/Figure"] == 1
