"""Sorting and pagination shared by every list page.

A view declares which columns may be sorted (public key -> ORM ordering) and
gets back a page plus what the templates need to draw sort links and page
links that keep the current filters.

Pages are cut with a deferred join: the database orders and skips only the
ids (``WHERE id IN (SELECT id … ORDER BY … LIMIT … OFFSET …)``), so a deep
page does not build the joined rows (organisation, region, manager) of
everything before it; the page's rows are then read by id in the same
query. A text search (``?q=``) counts its hits only up to
``SEARCH_HIT_CAP``, so neither its count nor its page grows with the number
of hits. Page numbers and URLs stay as they were.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 200
# A text search counts its hits up to this many (SearchResultPaginator).
SEARCH_HIT_CAP = 1000


class DeferredJoinPaginator(Paginator):
    """A paginator whose page query selects the page's ids in a subquery.

    Same rows in the same order as ``queryset[offset:offset + size]``, in one
    query. ``rows`` is the queryset the page's rows are read from (the list's
    queryset before its filters, with the same joins, prefetches and
    annotations), so the filters run only in the ids subquery; without it the
    filtered queryset is used. A DISTINCT queryset (a filter over a
    many-to-many relation) keeps the plain OFFSET: its ids subquery would
    need the sort columns too.
    """

    capped = False  # every row is counted (see SearchResultPaginator)

    def __init__(self, object_list, per_page, *, rows: QuerySet | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.rows = object_list if rows is None else rows.order_by(*object_list.query.order_by)

    def _bounds(self, number: int) -> tuple[int, int]:
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return bottom, top

    def page(self, number):
        number = self.validate_number(number)
        if self.object_list.query.distinct:
            return super().page(number)
        bottom, top = self._bounds(number)
        ids = self.object_list.values("pk")[bottom:top]
        return self._get_page(self.rows.filter(pk__in=ids), number, self)


class SearchResultPaginator(DeferredJoinPaginator):
    """For a text search: the hits are counted up to ``SEARCH_HIT_CAP``.
    With more, ``capped`` is true, the list says „mehr als 1.000“ and its
    pages end there (a narrower search, another sort or the download reach
    the rest). The count then reads no further than the cap, and the page
    walks the list's order until it is full, which stops soon when the hits
    are that many: the page costs the same for a thousand hits as for
    twenty thousand (issue 14)."""

    def __init__(self, object_list, per_page, *, hits: int | None = None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.counted_hits = hits

    @cached_property
    def _hits(self) -> int:
        if self.counted_hits is not None:
            return self.counted_hits
        return self.object_list.order_by().values("pk")[: SEARCH_HIT_CAP + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self._hits, SEARCH_HIT_CAP)

    @property
    def capped(self) -> bool:
        return self._hits > SEARCH_HIT_CAP


def _directed(field, descending: bool):
    if isinstance(field, str):
        return f"-{field}" if descending else field
    return field.desc() if descending else field.asc()


@dataclass(frozen=True)
class SortedPage:
    page: Page
    sort: str
    querystring: str  # current filters without page/sort, for links

    @property
    def object_list(self):
        return self.page.object_list


def sorted_page(
    request: HttpRequest,
    queryset: QuerySet,
    *,
    sortable: dict[str, str | tuple],
    default_sort: str,
    page_size: int = DEFAULT_PAGE_SIZE,
    rows: QuerySet | None = None,
    hits: int | None = None,
) -> SortedPage:
    """Order by ?sort=key or ?sort=-key (only declared keys), then paginate.

    A key's ordering is a field name, or a tuple of field names and
    expressions (e.g. a case-insensitive sort key with an index on it); the
    id comes last, so every page has one stable order.
    ``rows``: the list's queryset before its filters (``filterset.queryset``),
    to read the page's rows by id without running the filters again.
    ``hits``: the text search's hits as its filter counted them
    (``filterset.search_hits``), when ``queryset`` is ``filterset.qs``."""
    requested = request.GET.get("sort", default_sort)
    key = requested.lstrip("-")
    if key not in sortable:
        requested, key = default_sort, default_sort.lstrip("-")
    descending = requested.startswith("-")
    fields = sortable[key] if isinstance(sortable[key], tuple) else (sortable[key],)
    ordering = [_directed(field, descending) for field in (*fields, "pk")]
    try:
        size = min(max(int(request.GET.get("per_page", page_size)), 1), MAX_PAGE_SIZE)
    except ValueError:
        size = page_size
    queryset = queryset.order_by(*ordering)
    searched = request.GET.get("q", "").strip() and not queryset.query.distinct
    if searched:
        paginator = SearchResultPaginator(queryset, size, rows=rows, hits=hits)
    else:
        paginator = DeferredJoinPaginator(queryset, size, rows=rows)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    return SortedPage(page=page, sort=requested, querystring=params.urlencode())
