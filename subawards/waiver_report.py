"""The report of approved match waivers that OVC asks for (28 CFR 94.118 as amended in 2021),
per federal award and federal fiscal year: ``collect`` (the queries) and ``render_xlsx`` (bytes).

Each row is one decision that raised a subaward's match waived: a version in force whose match
waived is above the version in force before it (the subaward's own issue counts from zero), dated
by the day it took effect. So a waiver decided when the subaward was issued and one approved on a
request count alike; a request names the policy version it cited, otherwise the policy in effect
on the day is named.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from grants.models import Award
from grants.reports.cover import Check, Meta, award_cover
from grants.reports.period import Period
from grants.reports.workbook import Column, ReportWorkbook
from voca import clock, formats
from voca.fiscal import fiscal_year_start

from .models import SubawardVersion, WaiverPolicy
from .workflows import IN_FORCE

VERSION = "approved-match-waivers/1"
TITLE = "Approved match waivers"
SHEET = "Approved waivers"
ZERO = Decimal("0.00")
RULE = (
    "One row per decision that raised a subaward's match waived (a version in force whose match "
    "waived is above the one before it), dated by the day it took effect, within the federal "
    "fiscal year. Waived in the year = match waived in force at the year's end less at its start."
)
COLUMNS = [
    Column("Subaward", width=16),
    Column("Subrecipient", width=34),
    Column("Version", "int", 9),
    Column("Match required", "money", 15),
    Column("Waived by this decision", "money", 16),
    Column("Total waived", "money", 15),
    Column("Reason", width=50, wrap=True),
    Column("Decision", width=50, wrap=True),
    Column("Decided by", width=22),
    Column("Decided on", "date", 12),
    Column("Waiver policy", width=40),
]


@dataclass(frozen=True)
class WaiverReportData:
    meta: Meta
    rows: tuple[tuple, ...]
    # Per subaward: match waived in force at the year's start and at its end (the reconciliation).
    waived_at_start: Decimal
    waived_at_end: Decimal

    @property
    def total(self) -> Decimal:
        return sum((r[4] for r in self.rows), ZERO)

    def checks(self) -> list[Check]:
        return [
            Check(
                "Waived in the year (rows added up) = match waived in force at the year's end "
                "less at its start (subaward versions)",
                self.waived_at_end - self.waived_at_start,
                self.total,
                actual_formula=f"SUM({{{SHEET}!*!Waived by this decision}})",
            ),
            Check(
                "Total row = the rows added up",
                self.total,
                self.total,
                expected_formula=f"{{{SHEET}!Total!Waived by this decision}}",
                actual_formula=f"SUM({{{SHEET}!*!Waived by this decision}})",
            ),
        ]


def fiscal_year_period(fiscal_year: int) -> Period:
    start = fiscal_year_start(fiscal_year)
    return Period(start, fiscal_year_start(fiscal_year + 1) - dt.timedelta(days=1))


def _in_force(award: Award):
    return (
        SubawardVersion.objects.filter(
            subaward__line__award=award, status__in=sorted(IN_FORCE), effective_on__isnull=False
        )
        .select_related("subaward", "match_waiver_decided_by")
        .order_by("subaward__number", "number")
    )


def _policy_label(version, policies) -> str:
    request = getattr(version, "waiver_request", None)
    if request is not None:
        return request.policy.label
    cited = next((p for p in policies if p.effective_on <= version.effective_on), None)
    return cited.label if cited else "No policy published then"


def collect(award: Award, fiscal_year: int, *, generated_by: str) -> WaiverReportData:
    period = fiscal_year_period(fiscal_year)
    policies = list(WaiverPolicy.objects.order_by("-effective_on", "-number"))
    rows, before, after = [], {}, {}
    previous: dict[int, Decimal] = {}
    for version in _in_force(award).select_related("waiver_request__policy"):
        key = version.subaward_id
        if version.effective_on < period.start:
            before[key] = version.match_waived
        if version.effective_on <= period.end:
            after[key] = version.match_waived
        change = version.match_waived - previous.get(key, ZERO)
        previous[key] = version.match_waived
        if change > 0 and period.start <= version.effective_on <= period.end:
            rows.append(
                (
                    version.subaward.number,
                    version.subrecipient_name,
                    version.number,
                    version.match_required,
                    change,
                    version.match_waived,
                    version.match_waiver_reason,
                    version.match_waiver_decision,
                    formats.person(version.match_waiver_decided_by)
                    if version.match_waiver_decided_by
                    else "",
                    version.effective_on,
                    _policy_label(version, policies),
                )
            )
    now = clock.now()
    meta = award_cover(
        [award],
        title=TITLE,
        version=VERSION,
        period=period,
        as_of=now,
        generated_by=generated_by,
        generated_at=now,
        notes=(f"Federal fiscal year {fiscal_year}.", RULE),
    )
    return WaiverReportData(
        meta, tuple(rows), sum(before.values(), ZERO), sum(after.values(), ZERO)
    )


def render_xlsx(data: WaiverReportData) -> bytes:
    book = ReportWorkbook(data.meta)
    book.table(
        SHEET,
        COLUMNS,
        data.rows,
        totals=["Total", None, None, None, data.total],
    )
    book.checks(data.checks())
    return book.to_bytes()


def filename(award: Award, fiscal_year: int) -> str:
    number = "".join(c if c.isalnum() or c == "-" else "-" for c in award.federal_award_number)
    return f"approved-match-waivers-{number}-FY{fiscal_year}.xlsx"
