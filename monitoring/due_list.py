"""Every deadline the state keeps, from every app that offers ``due_items(today)`` in a
``due.py`` (``voca.due``): the grants manager's "Due and overdue" view and its home-page counts.

``DUE_SOURCES`` is the one list of those modules: an app that gains a ``due.py`` is added here.
"""

import datetime as dt
from dataclasses import dataclass

from performance import due as performance_due
from subawards import due as subawards_due
from voca.due import DueItem, soonest_first

from . import due as monitoring_due

DUE_SOURCES = (subawards_due, performance_due, monitoring_due)

FILTERS = {
    "overdue": ("Overdue", {"overdue"}),
    "soon": ("Overdue, due soon or waiting on the state", {"overdue", "due soon", "waiting"}),
    "all": ("All", {"overdue", "due soon", "upcoming", "waiting"}),
}


def all_due(today: dt.date) -> list[DueItem]:
    items: list[DueItem] = []
    for source in DUE_SOURCES:
        items.extend(source.due_items(today))
    return soonest_first(items)


def chosen(items, today, *, show: str = "soon", organization_id=None) -> list[DueItem]:
    statuses = FILTERS.get(show, FILTERS["soon"])[1]
    return [
        i
        for i in items
        if i.status(today) in statuses
        and (organization_id is None or i.organization_id == organization_id)
    ]


@dataclass(frozen=True)
class Counts:
    overdue: int
    due_soon: int
    waiting: int


def counts(items, today) -> Counts:
    statuses = [i.status(today) for i in items]
    return Counts(statuses.count("overdue"), statuses.count("due soon"), statuses.count("waiting"))
