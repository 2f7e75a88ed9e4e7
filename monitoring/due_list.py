"""Every deadline the state keeps, from every app that offers ``due_items(today)`` in a
``due.py`` (``voca.due``): the grants manager's "Due and overdue" view and its home-page counts.

``DUE_SOURCES`` is the one list of those modules; an app not installed in this build is skipped.
"""

import datetime as dt
import importlib
from dataclasses import dataclass

from voca.due import DueItem, soonest_first

# Add a module here when an app gains a due.py (e.g. "performance.due").
DUE_SOURCES = ("subawards.due", "monitoring.due")

FILTERS = {
    "overdue": ("Overdue", {"overdue"}),
    "soon": ("Overdue, due soon or waiting on the state", {"overdue", "due soon", "waiting"}),
    "all": ("All", {"overdue", "due soon", "upcoming", "waiting"}),
}


def _module(name):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name in (name, name.rsplit(".", 1)[0]):
            return None  # that app (or its due.py) is not in this build
        raise


def all_due(today: dt.date) -> list[DueItem]:
    items: list[DueItem] = []
    for name in DUE_SOURCES:
        module = _module(name)
        if module is not None:
            items.extend(module.due_items(today))
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
