"""Keyset paging for long admin listings: a page is read off an index from a cursor, never by
OFFSET, and no page counts every row (the count stops at ``COUNT_CAP``).

A cursor names the key of the row at a page's edge and which side of it to read, e.g.
``before.2026-05-01.12345``: the rows whose (date, id) come before that contact's. It carries no
personal data (at most a client's code, the pseudonym fast entry's lookup puts in its address too),
and a page costs the same at row 20 as at row 20,000. It travels in Wagtail's page
parameter ``p``, which Wagtail's listings drop whenever the filters, search or sort change; a
cursor that does not parse (an old ``?p=200``, a typo) shows the first page.
"""

from dataclasses import dataclass
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db.models import Q

BEFORE, AFTER = "before", "after"
COUNT_CAP = 1000
_LONGEST = 200  # characters: no key of ours is longer, and nothing longer is parsed


@dataclass(frozen=True)
class Cursor:
    side: str  # BEFORE or AFTER the key, in the key's ascending order
    key: tuple

    def __str__(self):
        return ".".join([self.side, *(str(v) for v in self.key)])


def parse_cursor(text, fields) -> Cursor | None:
    """The cursor in ``text`` for a key of these model ``fields``, or None if it is not one."""
    if not isinstance(text, str) or len(text) > _LONGEST:
        return None
    side, _, rest = text.partition(".")
    # Only the first field's text may hold a dot (a moment's fraction of a second): split the
    # others (ids, codes, dates) off the right.
    parts = rest.rsplit(".", len(fields) - 1) if rest else []
    if side not in (BEFORE, AFTER) or len(parts) != len(fields):
        return None
    try:
        key = tuple(field.to_python(part) for field, part in zip(fields, parts, strict=True))
    except (ValidationError, ValueError, TypeError, OverflowError):
        return None
    return None if None in key else Cursor(side, key)


def beyond(names, key, side) -> Q:
    """Rows whose key (``names``, compared in order) lies on ``side`` of ``key``, written so the
    database seeks the index to the key: ``date <= d AND (date < d OR id < i)``."""
    op = "lt" if side == BEFORE else "gt"
    first, *rest = names
    if not rest:
        return Q(**{f"{first}__{op}": key[0]})
    return Q(**{f"{first}__{op}e": key[0]}) & (
        Q(**{f"{first}__{op}": key[0]}) | beyond(rest, key[1:], side)
    )


@dataclass(frozen=True)
class KeysetPage:
    """A page's rows in the listing's order, and the cursors to the pages on either side of it
    (None where there is none): ``before`` holds lower keys (older, for a date), ``after``
    higher ones."""

    object_list: list
    before: Cursor | None
    after: Cursor | None

    def has_other_pages(self) -> bool:
        return bool(self.before or self.after)

    def __len__(self):
        return len(self.object_list)

    def __iter__(self):
        return iter(self.object_list)


class KeysetPaginator:
    """Pages of ``queryset`` ordered by the fields ``names`` (the last one unique, e.g. the id),
    highest first when ``descending``. Two queries a page, however many rows: the page (one row
    more, to know whether there is a next) and the capped count."""

    def __init__(self, queryset, names, per_page, descending=True, cap=COUNT_CAP):
        self.queryset = queryset
        self.names = tuple(names)
        self.fields = [queryset.model._meta.get_field(name) for name in self.names]
        self.per_page = per_page
        self.descending = descending
        self.cap = cap

    @cached_property
    def count(self) -> int:
        """How many rows, counting no further than one past the cap."""
        return self.queryset.order_by().values("pk")[: self.cap + 1].count()

    @property
    def more_than_cap(self) -> bool:
        return self.count > self.cap

    def get_elided_page_range(self, *args, **kwargs):
        return ()  # no page numbers: reaching page n by number is what OFFSET costs

    def _ordered(self, ascending: bool):
        return self.queryset.order_by(*(n if ascending else "-" + n for n in self.names))

    def _key(self, row) -> tuple:
        return tuple(getattr(row, field.attname) for field in self.fields)

    def page(self, text) -> KeysetPage:
        cursor = parse_cursor(text, self.fields)
        if cursor is None:
            rows = list(self._ordered(not self.descending)[: self.per_page + 1])
            return self._page(rows, more_on_end=len(rows) > self.per_page, more_on_start=False)
        # Reading towards the listing's end (older rows, newest first) or back to its start.
        ascending = cursor.side == AFTER
        forward = ascending != self.descending
        rows = list(
            self._ordered(ascending).filter(beyond(self.names, cursor.key, cursor.side))[
                : self.per_page + 1
            ]
        )
        more = len(rows) > self.per_page
        if forward:
            return self._page(rows, more_on_end=more, more_on_start=True)
        if not more:
            return self.page(None)  # back at the start: the first page, full
        return self._page(rows[: self.per_page][::-1], more_on_end=True, more_on_start=True)

    def _page(self, rows, more_on_end, more_on_start) -> KeysetPage:
        rows = rows[: self.per_page]
        if not rows:
            return KeysetPage([], None, None)
        first, last = self._key(rows[0]), self._key(rows[-1])
        if self.descending:
            before = Cursor(BEFORE, last) if more_on_end else None
            after = Cursor(AFTER, first) if more_on_start else None
        else:
            before = Cursor(BEFORE, first) if more_on_start else None
            after = Cursor(AFTER, last) if more_on_end else None
        return KeysetPage(rows, before, after)


class KeysetIndexMixin:
    """A Wagtail ``IndexView`` paged "Newer"/"Older" by ``keyset`` (e.g. ``("date", "id")``),
    newest first unless sorted by ``oldest_first_ordering``: the same few queries on the first
    page as deep in 100,000 rows, and a count that stops past ``count_cap``. A listing with
    other sort orders says which key each reads by in ``keyset_order``."""

    results_template_name = "voca/keyset_index_results.html"
    keyset: tuple = ()
    oldest_first_ordering = ""
    count_cap = COUNT_CAP
    noun = ("row", "rows")

    @property
    def newest_first(self) -> bool:
        return self.ordering != self.oldest_first_ordering

    def keyset_order(self) -> tuple[tuple, bool]:
        """The key the listing is read by in its current sort order (its last field unique),
        and whether highest first."""
        return self.keyset, self.newest_first

    def page_labels(self, descending: bool) -> tuple[str, str]:
        """The links back towards the listing's start and on towards its end."""
        return ("Newer", "Older") if descending else ("Older", "Newer")

    def order_queryset(self, queryset):
        # The listing's key in full, so that rows with one date keep their order too.
        names, descending = self.keyset_order()
        return queryset.order_by(*(("-" + n if descending else n) for n in names))

    def paginate_queryset(self, queryset, page_size):
        names, descending = self.keyset_order()
        paginator = KeysetPaginator(queryset, names, page_size, descending, self.count_cap)
        page = paginator.page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paginator, page = context["paginator"], context["page_obj"]
        if page is None:  # an export: every row, no pages
            return context
        one, many = self.noun
        context["items_count_label"] = (
            f"More than {paginator.cap:,} {many}"
            if paginator.more_than_cap
            else f"{paginator.count:,} {one if paginator.count == 1 else many}"
        )
        # "before" holds the lower keys: the start of a listing read highest first.
        back, on = self.page_labels(paginator.descending)
        start, end = (
            (page.after, page.before) if paginator.descending else (page.before, page.after)
        )
        context["page_links"] = [(back, start and str(start)), (on, end and str(end))]
        return context
