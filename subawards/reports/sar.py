"""The Subgrant Award Report (SAR) of one subaward: the state's part read from the records (the
version in force and the subrecipient), the subrecipient's part as it submitted it, in the order
OVC's PMT asks for them. ``collect`` queries; ``render_xlsx`` writes bytes only."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from grants.reports.cover import Check, Meta
from grants.reports.period import Period
from grants.reports.workbook import Column, ReportWorkbook
from voca.clock import local_date

from ..models.sar import BUDGET_SOURCES, STAFFING, sar_due_on, sar_start

TITLE = "Subgrant Award Report (SAR)"
VERSION = "SAR 1"

STATE = "State (pass-through entity)"
AGENCY = "Subrecipient"
TOTAL_BUDGET = "Total victim-services budget"


def state_part(subaward) -> list[tuple[str, object]]:
    """[(PMT field, value)] of the state's part, from the version in force and the subrecipient's
    record; empty before the subaward is issued."""
    version = subaward.current_version()
    if version is None:
        return []
    org = subaward.subrecipient
    contact = ", ".join(
        p for p in (org.contact_name, org.contact_title, org.contact_email, org.contact_phone) if p
    )
    return [
        ("Federal award number", version.fain),
        ("Subaward number", subaward.number),
        ("Subrecipient name", version.subrecipient_name),
        ("Subrecipient UEI", version.subrecipient_uei),
        ("Street address", org.street),
        ("City", org.city),
        ("State", org.state),
        ("ZIP code", org.zip_code),
        ("Point of contact", contact),
        ("Organization type", org.get_ovc_type_display() if org.ovc_type else ""),
        ("Service area", "; ".join(org.service_area_list)),
        ("Funds awarded (federal)", version.total_obligated),
        ("Match required", version.match_due),
        ("Project period start", version.period_start),
        ("Project period end", version.period_end),
        ("Purpose", version.project_description),
        ("As of subaward version", version.number),
    ]


def agency_part(sar) -> list[tuple[str, object]]:
    """[(PMT field, value)] of the subrecipient's part, the total after its sources."""
    rows = [(label, getattr(sar, field)) for field, label in BUDGET_SOURCES]
    rows.append((TOTAL_BUDGET, sar.total_budget))
    rows += [(label, getattr(sar, field)) for field, label in STAFFING]
    return rows


@dataclass(frozen=True)
class SarData:
    agency: str  # the state's unit
    subaward_number: str
    award_number: str
    status: str
    start: dt.date | None
    due_on: dt.date | None
    state_part: list[tuple[str, object]]
    agency_part: list[tuple[str, object]]  # empty until the subrecipient submits
    reported: str  # "entered in PMT on ... by ..." or ""
    generated_by: str
    generated_at: dt.datetime


def collect(subaward, sar, *, unit_name: str, generated_by: str) -> SarData:
    """The SAR as it stands: once reported, the state's part exactly as it was entered in PMT."""
    from voca import clock, formats

    from ..funder_workflows import SarStatus

    start = sar_start(subaward)
    if sar.status == SarStatus.REPORTED and sar.reported_state_part:
        current = dict(state_part(subaward))
        # Kept as text when reported: show the figures and dates again as what they are.
        state = [
            (label, current[label] if str(current.get(label)) == text else text)
            for label, text in sar.reported_state_part
        ]
        reported = (
            f"Entered in PMT on {formats.day(sar.reported_on)} by {formats.person(sar.reported_by)}"
        )
    else:
        state, reported = state_part(subaward), ""
    submitted = sar.status != SarStatus.READY
    return SarData(
        agency=unit_name,
        subaward_number=subaward.number,
        award_number=subaward.line.award.federal_award_number,
        status=sar.get_status_display(),
        start=start,
        due_on=sar_due_on(start),
        state_part=state,
        agency_part=agency_part(sar) if submitted else [],
        reported=reported,
        generated_by=generated_by,
        generated_at=clock.now(),
    )


def render_xlsx(data: SarData) -> bytes:
    """A cover, then one sheet of (section, PMT field, value) in PMT's order, and a Checks sheet:
    the total budget is the sum of its sources."""
    values = dict(data.state_part)
    start = values.get("Project period start") or data.start
    end = values.get("Project period end") or data.due_on
    meta = Meta(
        title=f"{TITLE} {data.subaward_number}",
        version=VERSION,
        agency=data.agency,
        award_number=data.award_number,
        funder="Office for Victims of Crime (OVC), entered in the PMT",
        period=Period(start, end),
        as_of=data.generated_at,
        generated_by=data.generated_by,
        generated_at=data.generated_at,
        notes=tuple(
            n
            for n in (
                f"Status: {data.status}",
                f"Due in PMT by {data.due_on:%Y-%m-%d}" if data.due_on else "",
                data.reported,
            )
            if n
        ),
    )
    book = ReportWorkbook(meta)
    rows = [(STATE, label, value) for label, value in data.state_part]
    rows += [(AGENCY, label, value) for label, value in data.agency_part]
    sheet = "SAR for PMT"
    book.table(
        sheet,
        [Column("Section", width=26), Column("PMT field", width=40), Column("Value", width=60)],
        rows,
        index=1,
    )
    if data.agency_part:
        agency = dict(data.agency_part)
        sources = [label for _f, label in BUDGET_SOURCES]
        book.checks(
            [
                Check(
                    "The total victim-services budget is the sum of its sources",
                    expected=sum((agency[s] for s in sources), Decimal("0.00")),
                    actual=agency[TOTAL_BUDGET],
                    expected_formula="+".join(f"{{{sheet}!{s}!Value}}" for s in sources),
                    actual_formula=f"{{{sheet}!{TOTAL_BUDGET}!Value}}",
                )
            ]
        )
    return book.to_bytes()


def filename(data: SarData) -> str:
    return f"sar-{data.subaward_number}-{local_date(data.generated_at):%Y%m%d}.xlsx"
