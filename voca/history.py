"""Reading django-simple-history tables: as of a past moment, and field by field what changed
(shared by services and grants).

Writers lock what they change before saving, so the history rows of one record are inserted in
time order and the record's state at a moment is its row with the highest ``history_id`` at or
before that moment; a latest row of type "-" means the record no longer existed.
"""

import datetime as dt
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.db.models import Field, Max, Subquery


def versions_as_of(history_model, at: dt.datetime, **filters):
    """The historical rows of ``history_model`` as they stood at ``at`` (one per record)."""
    latest = (
        history_model.objects.filter(history_date__lte=at, **filters)
        .values("id")
        .annotate(last=Max("history_id"))
        .values("last")
    )
    return history_model.objects.filter(history_id__in=Subquery(latest)).exclude(history_type="-")


@dataclass(frozen=True)
class FieldChange:
    """One field of one saved version: ``old`` is None on the record's first version."""

    field: Field
    old: object
    new: object


@dataclass(frozen=True)
class Version:
    row: object  # the historical row: history_date, history_user, history_change_reason, ...
    first: bool  # the record's first row in ``history_rows`` (its values, not a difference)
    changes: list[FieldChange]


def shown_indexes(previous: Sequence | None, values: Sequence) -> Iterator[int]:
    """Which of a version's ``values`` it shows: on a record's first version (``previous`` is
    None) every non-empty one, afterwards those that differ from the previous version's."""
    for index, value in enumerate(values):
        if previous is None:
            if value not in (None, ""):
                yield index
        elif previous[index] != value:
            yield index


def field_changes(history_rows: Iterable, *, hidden: Collection[str] = ()) -> Iterator[Version]:
    """Each historical row with what changed since the same record's previous row.

    ``history_rows`` are simple-history rows ordered by (record, ``history_id``); one record's
    or several records'. A first row lists every non-empty value. Fields are in model order,
    values as stored (related rows as their keys). The primary key and any field named in
    ``hidden`` (e.g. names and notes that identify a victim) are never listed.
    """
    previous_key, previous = None, None
    for row in history_rows:
        key = getattr(row, row.instance_type._meta.pk.attname)
        if key != previous_key:
            previous = None
        fields = [f for f in row.tracked_fields if not f.primary_key and f.name not in hidden]
        values = [getattr(row, f.attname) for f in fields]
        before = None if previous is None else [getattr(previous, f.attname) for f in fields]
        changes = [
            FieldChange(fields[i], None if before is None else before[i], values[i])
            for i in shown_indexes(before, values)
        ]
        yield Version(row, previous is None, changes)
        previous_key, previous = key, row
