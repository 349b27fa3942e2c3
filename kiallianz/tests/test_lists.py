import pytest
from django.template import Context, Template
from django.test import RequestFactory

from kiallianz.lists import sorted_page
from kiallianz.models import Region
from kiallianz.tests.factories import RegionFactory


@pytest.fixture
def regions(db):
    return [RegionFactory(name=f"Region {letter}", slug=f"r-{letter}") for letter in "CAB"]


def test_it_sorts_by_a_declared_key_and_paginates(regions, rf: RequestFactory):
    request = rf.get("/", {"sort": "-name", "per_page": "2", "q": "x"})
    listing = sorted_page(
        request, Region.objects.all(), sortable={"name": "name"}, default_sort="name"
    )
    assert [r.name for r in listing.object_list] == ["Region C", "Region B"]
    assert listing.page.paginator.num_pages == 2
    assert listing.querystring == "per_page=2&q=x"


def test_it_ignores_undeclared_sort_keys(regions, rf):
    request = rf.get("/", {"sort": "password"})
    listing = sorted_page(
        request, Region.objects.all(), sortable={"name": "name"}, default_sort="name"
    )
    assert listing.sort == "name"
    assert [r.name for r in listing.object_list] == ["Region A", "Region B", "Region C"]


def test_it_renders_sort_links_that_keep_filters(regions, rf):
    request = rf.get("/", {"sort": "name", "q": "x"})
    listing = sorted_page(
        request, Region.objects.all(), sortable={"name": "name"}, default_sort="name"
    )
    html = Template('{% load lists %}{% sort_link listing "name" "Name" %}').render(
        Context({"listing": listing})
    )
    assert 'href="?q=x&amp;sort=-name"' in html
    assert "▲" in html


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("name", ' aria-sort="ascending"'), ("-name", ' aria-sort="descending"')],
)
def test_aria_sort_goes_on_the_sorted_column_header_not_on_its_link(regions, rf, sort, expected):
    listing = sorted_page(
        rf.get("/", {"sort": sort}),
        Region.objects.all(),
        sortable={"name": "name", "slug": "slug"},
        default_sort="name",
    )
    html = Template(
        "{% load lists %}"
        '<th{% aria_sort listing "name" %}>{% sort_link listing "name" "Name" %}</th>'
        '<th{% aria_sort listing "slug" %}>{% sort_link listing "slug" "Slug" %}</th>'
    ).render(Context({"listing": listing}))
    assert html.startswith(f"<th{expected}><a ")
    assert html.count("aria-sort") == 1
