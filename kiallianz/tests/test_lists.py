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


# --- Deferred join and search pages (issue 14: flat lists) ----------------------


@pytest.fixture
def users(db):
    """23 users whose first names repeat, so the order relies on the id as well."""
    from kiallianz.models import User
    from kiallianz.tests.factories import UserFactory

    for number in range(23):
        UserFactory(first_name=f"Name {number % 4}", is_active=number % 3 != 0)
    return User.objects.all()


def _listing(rf, queryset, **params):
    from django.db.models import Q

    if params.get("q"):
        queryset = queryset.filter(Q(is_active=True))
    return sorted_page(
        rf.get("/", {"per_page": "5", **params}),
        queryset,
        sortable={"name": "first_name", "username": "username"},
        default_sort="name",
        rows=queryset.model.objects.all(),
    )


@pytest.mark.parametrize("sort", ["name", "-name", "username", "-username"])
@pytest.mark.parametrize("search", ["", "a"])
def test_every_page_holds_the_rows_offset_would_give(users, rf, sort, search):
    field = {"name": "first_name", "username": "username"}[sort.lstrip("-")]
    descending = sort.startswith("-")
    expected = users.filter(is_active=True) if search else users
    expected = list(
        expected.order_by(f"-{field}" if descending else field, "-pk" if descending else "pk")
    )
    last = (len(expected) + 4) // 5
    pages = []
    for number in range(1, last + 2):
        listing = _listing(rf, users, sort=sort, page=str(number), q=search)
        assert listing.page.paginator.count == len(expected)
        pages.append(list(listing.object_list))
    assert [row for page in pages[:last] for row in page] == expected
    # A page past the end is the last page again, as get_page promises.
    assert pages[last] == pages[last - 1]


@pytest.mark.parametrize("search", ["", "a"])
def test_a_page_that_is_no_number_is_the_first(users, rf, search):
    listing = _listing(rf, users, page="x", q=search)
    assert listing.page.number == 1
    assert len(listing.object_list) == 5


def test_a_search_without_hits_is_one_empty_page(users, rf):
    listing = _listing(rf, users.filter(first_name="niemand"), q="niemand", page="3")
    assert listing.page.paginator.count == 0
    assert listing.page.number == 1
    assert list(listing.object_list) == []


@pytest.mark.parametrize("search", ["", "a"])
def test_a_deep_page_costs_the_queries_of_the_first(users, rf, search, django_assert_num_queries):
    with django_assert_num_queries(2):
        list(_listing(rf, users, page="1", q=search).object_list)
    with django_assert_num_queries(2):
        list(_listing(rf, users, page="3", q=search).object_list)


def test_the_page_is_read_by_id_from_the_unfiltered_rows(users, rf):
    """The filters run in the ids subquery only; the rows come from ``rows``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        listing = _listing(rf, users.filter(is_active=True), page="2")
        rows = list(listing.object_list)
    assert rows == list(users.filter(is_active=True).order_by("first_name", "pk")[5:10])
    page_query = queries.captured_queries[-1]["sql"]
    # The outer query has no filter of its own, only the ids of the page.
    assert 'WHERE "kiallianz_user"."id" IN (SELECT' in page_query
    assert "LIMIT 5 OFFSET 5" in page_query


@pytest.mark.parametrize("descending", [False, True])
def test_a_search_sorted_by_a_computed_key_counts_and_pages_alike(
    users, rf, descending, django_assert_num_queries
):
    """A sort key computed per row: the same pages as offset would give, and
    the same queries (the count, then the page) on every page."""
    from django.db.models.functions import Lower

    key = Lower("username")
    expected = list(
        users.filter(is_active=True).order_by(
            key.desc() if descending else key.asc(), "-pk" if descending else "pk"
        )
    )

    def listing(number):
        return sorted_page(
            rf.get("/", {"per_page": "5", "q": "a", "page": str(number)}),
            users.filter(is_active=True),
            sortable={"username": (Lower("username"),)},
            default_sort="-username" if descending else "username",
            rows=users.model.objects.all(),
        )

    pages = []
    for number in (1, 2, 3):
        with django_assert_num_queries(2):
            page = listing(number)
            pages.append(list(page.object_list))
        assert page.page.paginator.count == len(expected) == 15
        assert not page.page.paginator.capped
    assert [row for page in pages for row in page] == expected
    # Past the end: the last page again.
    past = listing(4)
    assert past.page.number == 3 and list(past.object_list) == pages[2]


def test_a_search_with_more_hits_than_the_cap_counts_no_further(users, rf, monkeypatch):
    """More hits than SEARCH_HIT_CAP: the count says the cap, the list says
    there are more, and the pages end at the cap, in the list's order."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kiallianz import lists

    monkeypatch.setattr(lists, "SEARCH_HIT_CAP", 7)
    expected = list(users.filter(is_active=True).order_by("first_name", "pk"))
    assert len(expected) == 15

    with CaptureQueriesContext(connection) as queries:
        first = _listing(rf, users, q="a", page="1")
        rows = list(first.object_list)
    assert (first.page.paginator.count, first.page.paginator.capped) == (7, True)
    assert first.page.paginator.num_pages == 2
    assert rows == expected[:5]
    assert "LIMIT 8" in queries.captured_queries[0]["sql"]
    second = _listing(rf, users, q="a", page="2")
    assert list(second.object_list) == expected[5:7]
    assert second.page.end_index() == 7
    # Past the cap: its last page.
    assert list(_listing(rf, users, q="a", page="9").object_list) == expected[5:7]

    monkeypatch.setattr(lists, "SEARCH_HIT_CAP", 15)
    exactly = _listing(rf, users, q="a")
    assert (exactly.page.paginator.count, exactly.page.paginator.capped) == (15, False)


def test_a_capped_search_says_there_are_more_hits(users, rf, monkeypatch):
    from django.template import Context, Template
    from django.utils import translation

    from kiallianz import lists

    monkeypatch.setattr(lists, "SEARCH_HIT_CAP", 1000)
    template = Template('{% include "includes/pagination.html" %}')
    listing = _listing(rf, users, q="a")
    assert "1–5 von 15" in template.render(Context({"listing": listing}))
    monkeypatch.setattr(lists, "SEARCH_HIT_CAP", 7)
    listing = _listing(rf, users, q="a")
    html = template.render(Context({"listing": listing}))
    assert "1–5 von mehr als 7 Treffern: Grenzen Sie die Suche ein" in html
    with translation.override("en"):
        html = template.render(Context({"listing": _listing(rf, users, q="a")}))
    assert "1–5 of more than 7 hits: narrow the search" in html
