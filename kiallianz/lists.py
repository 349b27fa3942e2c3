"""Sorting and pagination shared by every list page.

A view declares which columns may be sorted (public key -> ORM ordering) and
gets back a page plus what the templates need to draw sort links and page
links that keep the current filters.

Pages are cut with a deferred join: the database orders and skips only the
ids (``WHERE id IN (SELECT id … ORDER BY … LIMIT … OFFSET …)``), so a deep
page does not build the joined rows (organisation, region, manager) of
everything before it; the page's rows are then read by id in the same
query. A text search (``?q=``) reads the page's ids and the number of all
hits in one query instead, then the page's rows by id, so the search does
not run once for the count and again for the page. Page numbers and URLs
stay as they were.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db import connections
from django.db.models import Count, Func, IntegerField, QuerySet, Subquery, Window
from django.http import HttpRequest

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


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
    """For a text search: one query reads the page's ids together with the
    number of all hits, a second the page's rows by id; the search is not
    run once for the count and again for the page. Only a page number past
    the end costs a count and a second try (the last page, as ``get_page``
    promises).

    The number is ``COUNT(*) OVER ()``, which makes the database collect and
    sort every hit before the first row: cheap when the list sorts by a
    column. Sorted by a key computed per row (the person list's
    ``NameSortKey``), SQLite would compute the key for every hit (4 times
    the cost of the search for 20,000 hits), so there the number is a scalar
    subquery run once, and the page walks the key's index and stops after
    its rows. PostgreSQL keeps the window: its scalar subquery would search a
    second time, which costs more than the key."""

    def get_page(self, number):
        try:
            number = max(int(number), 1)
        except (TypeError, ValueError):
            number = 1
        ids = self._page_ids(number)
        if not ids and number > 1:
            number = self.num_pages  # counts, as the page was empty
            ids = self._page_ids(number)
        if not ids:
            self.__dict__["count"] = 0
        return self._get_page(self.rows.filter(pk__in=ids), number, self)

    def _page_ids(self, number: int) -> list:
        bottom = (number - 1) * self.per_page
        hits = self.object_list.annotate(hits=self._number_of_hits()).values_list("pk", "hits")
        page = list(hits[bottom : bottom + self.per_page])
        if page:
            self.__dict__["count"] = page[0][1]  # Paginator.count is a cached_property
        return [pk for pk, _hits in page]

    def _number_of_hits(self):
        query = self.object_list.query
        by_columns = all(isinstance(field, str) for field in query.order_by)
        postgresql = connections[self.object_list.db].vendor == "postgresql"
        if by_columns or postgresql or query.group_by is not None:
            return Window(Count("pk"))
        hits = self.object_list.order_by().annotate(
            hits=Func(template="COUNT(*)", output_field=IntegerField())
        )
        return Subquery(hits.values("hits"), output_field=IntegerField())


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
) -> SortedPage:
    """Order by ?sort=key or ?sort=-key (only declared keys), then paginate.

    A key's ordering is a field name, or a tuple of field names and
    expressions (e.g. a case-insensitive sort key with an index on it); the
    id comes last, so every page has one stable order.
    ``rows``: the list's queryset before its filters (``filterset.queryset``),
    to read the page's rows by id without running the filters again."""
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
    paginator_class = SearchResultPaginator if searched else DeferredJoinPaginator
    paginator = paginator_class(queryset, size, rows=rows)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    return SortedPage(page=page, sort=requested, querystring=params.urlencode())
