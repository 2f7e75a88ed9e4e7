"""Which quarters each subaward reports, and which of those the state is still waiting for.

One rule, read by the agency's screen, the state's late and missing lists and ``due.py``: a
subaward reports every federal quarter that overlaps its period of performance (as its current
version says), once the quarter has ended; the report is due 30 days after the quarter's end.
"""

import datetime as dt
from dataclasses import dataclass

from voca.fiscal import quarter_bounds, quarter_of

from .models import QuarterlyReport, due_on, quarter_label
from .workflows import REPORTED


@dataclass(frozen=True)
class Slot:
    """One subaward's quarter, and its report if one was started."""

    subaward: object
    fiscal_year: int
    quarter: int
    report: QuarterlyReport | None

    @property
    def label(self) -> str:
        return quarter_label(self.fiscal_year, self.quarter)

    @property
    def due_on(self) -> dt.date:
        return due_on(self.fiscal_year, self.quarter)

    @property
    def reported(self) -> bool:
        return self.report is not None and self.report.status in REPORTED

    def missing(self, today: dt.date) -> bool:
        """The due date has passed and the state has nothing (a returned report was received)."""
        return self.due_on < today and (self.report is None or self.report.round_number == 0)


def ended_quarters(start: dt.date, end: dt.date, today: dt.date) -> list[tuple[int, int]]:
    """The federal quarters overlapping ``start``..``end`` that ended before ``today``."""
    found = []
    fy, q = quarter_of(start)
    while True:
        first, last = quarter_bounds(fy, q)
        if first > end or last >= today:
            return found
        found.append((fy, q))
        fy, q = (fy + 1, 1) if q == 4 else (fy, q + 1)


def slots(subawards, today: dt.date) -> list[Slot]:
    """Every ended quarter of each issued subaward in ``subawards``, newest first, with its
    report."""
    subawards = list(subawards)
    reports = {
        (r.subaward_id, r.fiscal_year, r.quarter): r
        for r in QuarterlyReport.objects.filter(subaward__in=subawards)
    }
    found = []
    for subaward in subawards:
        version = subaward.current_version()
        if version is None:
            continue
        for fy, q in ended_quarters(version.period_start, version.period_end, today):
            found.append(Slot(subaward, fy, q, reports.get((subaward.pk, fy, q))))
    found.sort(key=lambda s: (-s.fiscal_year, -s.quarter, s.subaward.number))
    return found
