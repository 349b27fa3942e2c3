"""Sorting and pagination shared by every list page.

A view declares which columns may be sorted (public key -> ORM ordering) and
gets back a page plus what the templates need to draw sort links and page
links that keep the current filters.

Pages are cut with a deferred join: the database orders and skips only the
ids (``WHERE id IN (SELECT id … ORDER BY … LIMIT … OFFSET …)``), so a deep
page does not build the joined rows (organisation, region, manager) of
everything before it; the rows of the page itself are then read by id, in
the same single query. Page numbers and URLs stay as they were.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 200


class DeferredJoinPaginator(Paginator):
    """A paginator whose page query selects the page's ids in a subquery.

    Same rows in the same order as ``queryset[offset:offset + size]``, in one
    query. A DISTINCT queryset (a filter over a many-to-many relation) keeps
    the plain OFFSET: its ids subquery would need the sort columns too.
    """

    def page(self, number):
        number = self.validate_number(number)
        queryset = self.object_list
        if not isinstance(queryset, QuerySet) or queryset.query.distinct:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = queryset.values("pk")[bottom:top]
        return self._get_page(queryset.filter(pk__in=ids), number, self)


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
    sortable: dict[str, str],
    default_sort: str,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> SortedPage:
    """Order by ?sort=key or ?sort=-key (only declared keys), then paginate."""
    requested = request.GET.get("sort", default_sort)
    key = requested.lstrip("-")
    if key not in sortable:
        requested, key = default_sort, default_sort.lstrip("-")
    descending = requested.startswith("-")
    field = sortable[key]
    ordering = [f"-{field}" if descending else field, "-pk" if descending else "pk"]
    try:
        size = min(max(int(request.GET.get("per_page", page_size)), 1), MAX_PAGE_SIZE)
    except ValueError:
        size = page_size
    paginator = DeferredJoinPaginator(queryset.order_by(*ordering), size)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    for name in ("page", "sort"):
        params.pop(name, None)
    return SortedPage(page=page, sort=requested, querystring=params.urlencode())
