"""What is due and when: the one shape every deadline the state keeps takes (quarterly reports,
SARs, FFATA reports, claims waiting, reviews, corrective actions, single audits).

Each app that keeps a deadline offers ``due_items(today)`` in its own ``due.py``, returning
``DueItem``s; the grants manager's "Due and overdue" view lists them all, soonest first. An item
names an organization, a subaward or a report, never a victim.
"""

import datetime as dt
from dataclasses import dataclass

SOON_DAYS = 14  # "due soon": within two weeks


@dataclass(frozen=True)
class DueItem:
    kind: str  # what is due, e.g. "Quarterly performance report"
    subject: str  # e.g. "SUB-2027-001 · Safe Harbor Shelter · FY2027 Q1"
    due_on: dt.date | None  # None: no date (e.g. waiting on the state since a day)
    url: str = ""  # where to act on it
    organization_id: int | None = None  # whose it is (None: the unit's own)
    waiting_since: dt.date | None = None  # e.g. a claim submitted on this day

    def status(self, today: dt.date) -> str:
        """ "overdue", "due soon" (within SOON_DAYS), "upcoming", or "waiting" (no date)."""
        if self.due_on is None:
            return "waiting"
        if self.due_on < today:
            return "overdue"
        if (self.due_on - today).days <= SOON_DAYS:
            return "due soon"
        return "upcoming"

    def days_late(self, today: dt.date) -> int:
        return max(0, (today - self.due_on).days) if self.due_on else 0


def soonest_first(items) -> list[DueItem]:
    """By due date (so the most overdue first); undated items waiting on someone by how long."""
    far = dt.date.max
    return sorted(items, key=lambda i: (i.due_on or i.waiting_since or far, i.kind, i.subject))
