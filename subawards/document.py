"""The subaward document: every 2 CFR 200.332(b)(1) data element of one version, its budget, match
and special conditions. ``collect(version)`` reads; ``render_pdf(data)`` makes bytes only."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from grants.models import CostCategory
from grants.reports.cover import Meta
from grants.reports.pdf import PdfReport, money_text
from grants.reports.period import Period
from voca import clock, formats

from .rules import RULES

TITLE = "Subaward"


@dataclass(frozen=True)
class DocumentData:
    number: str  # the document's own number: subaward number and version
    subaward: str
    version: int
    kind: str
    effective_on: dt.date | None
    elements: list[tuple[str, str]]  # (data element, value) in 2 CFR 200.332(b)(1)'s order
    budget: list[tuple[str, Decimal]]
    total: Decimal
    match: list[tuple[str, str]]
    conditions: list[tuple[int, str, str]]  # (number, text, accepted)
    thresholds: list[tuple[str, str]]
    reason: str
    agency: str
    funder: str
    generated_by: str
    generated_at: dt.datetime
    period: Period


def document_number(version) -> str:
    return f"{version.subaward.number}-{version.number:02d}"


def collect(version, *, generated_by: str) -> DocumentData:
    subaward = version.subaward
    award = subaward.line.award
    rules = award.rules
    indirect = version.get_indirect_rate_kind_display()
    if version.indirect_rate_kind != "none":
        indirect = f"{indirect}: {version.indirect_rate}%"
    elements = [
        ("Subrecipient name (as in SAM.gov)", version.subrecipient_name),
        ("Subrecipient UEI", version.subrecipient_uei),
        ("Federal Award Identification Number (FAIN)", version.fain),
        ("Federal award date", formats.day(version.federal_award_date)),
        (
            "Subaward period of performance",
            f"{formats.day(version.period_start)} to {formats.day(version.period_end)}",
        ),
        (
            "Budget period",
            f"{formats.day(version.budget_period_start)} to "
            f"{formats.day(version.budget_period_end)}",
        ),
        ("Federal funds obligated by this action", money_text(version.amount_this_action)),
        ("Total federal funds obligated to the subrecipient", money_text(version.total_obligated)),
        ("Total federal funds committed to the subrecipient", money_text(version.total_committed)),
        ("Project description", version.project_description),
        ("Federal awarding agency", version.awarding_agency),
        ("Pass-through entity", version.pass_through_entity),
        ("Pass-through contact", version.pass_through_contact),
        ("Assistance Listing", f"{version.assistance_listing} (Crime Victim Assistance)"),
        ("Research and development", "Yes" if version.is_research else "No"),
        ("Indirect cost rate", indirect),
    ]
    budget = [
        (CostCategory(line.category).label, line.amount) for line in version.budget_lines.all()
    ]
    match = [
        ("Match required (20% of total project cost)", money_text(version.match_required)),
        ("Match waived", money_text(version.match_waived)),
        ("Match to provide", money_text(version.match_due)),
    ]
    if version.match_waived:
        match += [
            ("Why waived", version.match_waiver_reason),
            ("State's decision", version.match_waiver_decision),
        ]
    conditions = [
        (
            c.number,
            c.text,
            f"Accepted {formats.moment(c.accepted_at)}" if c.accepted_at else "To be accepted",
        )
        for c in subaward.conditions.filter(added_in__number__lte=version.number)
    ]
    ffata = "reported in SAM.gov" if version.ffata_reportable else "not reported"
    thresholds = [
        (f"FFATA subaward report (from {money_text(RULES.ffata_threshold)})", ffata),
        ("Uniform Guidance", award.get_uniform_guidance_display()),
        ("De minimis indirect rate", f"{rules.de_minimis_rate}% of MTDC"),
        ("Equipment threshold (per unit)", money_text(rules.equipment_threshold)),
        (
            "Single audit threshold (federal expenditures a year)",
            money_text(rules.single_audit_threshold),
        ),
    ]
    return DocumentData(
        number=document_number(version),
        subaward=subaward.number,
        version=version.number,
        kind=version.get_kind_display(),
        effective_on=version.effective_on,
        elements=elements,
        budget=budget,
        total=version.total_obligated,
        match=match,
        conditions=conditions,
        thresholds=thresholds,
        reason=version.reason,
        agency=version.pass_through_entity,
        funder=version.awarding_agency,
        generated_by=generated_by,
        generated_at=clock.now(),
        period=Period(version.period_start, version.period_end),
    )


def render_pdf(data: DocumentData) -> bytes:
    meta = Meta(
        title=f"{TITLE} {data.subaward}",
        version=data.number,
        agency=data.agency,
        award_number=data.elements[2][1],
        funder=data.funder,
        period=data.period,
        as_of=data.generated_at,
        generated_by=data.generated_by,
        generated_at=data.generated_at,
        notes=(
            f"Document {data.number}: version {data.version} ({data.kind}), "
            f"effective {formats.day(data.effective_on) if data.effective_on else 'on issue'}.",
        ),
    )
    pdf = PdfReport(meta)
    pdf.heading("Data elements (2 CFR 200.332(b)(1))")
    pdf.table(["Element", "Value"], data.elements, widths=[190, 330])
    pdf.heading("Budget by federal cost category")
    pdf.table(
        ["Category", "Amount"],
        [
            *[(label, money_text(amount)) for label, amount in data.budget],
            ("Total", money_text(data.total)),
        ],
        widths=[330, 190],
        numeric=(1,),
    )
    pdf.heading("Match (28 CFR 94.118)")
    pdf.table(["", ""], data.match, widths=[190, 330])
    pdf.heading("Special conditions")
    if data.conditions:
        pdf.table(["No.", "Condition", "Acceptance"], data.conditions, widths=[30, 350, 140])
    else:
        pdf.text("None beyond the federal award's general terms.")
    pdf.heading("Thresholds of the federal award's rules")
    pdf.table(["", ""], data.thresholds, widths=[260, 260])
    pdf.heading("Why this version")
    pdf.text(data.reason)
    return pdf.to_bytes()
