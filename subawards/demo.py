"""Demo subawards: the three demo agencies, their SAM.gov checks, and subawards from two of the
demo's awards (the current FY2026 one and the newer FY2027 one), one amended down mid-period.

Each award first gets its Subawards line by an approved budget revision (finance requests, the
grants manager approves), as a state does when it passes money to local agencies. Loaded once.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile

from grants import operations as grants_operations
from grants.demo import current, others
from grants.models import Award, BudgetLine
from organizations.demo import CAC_UEI, LEGAL_AID_UEI, SHELTER_UEI, ensure_demo_agencies
from voca import clock

from . import demo_claims, demo_match, demo_reports, operations
from .models import Subaward

CONTACT = "Gale Grants Manager, Crime Victim Services Unit, grants@dps.example.gov, 573-555-0100"
# (award number, line the money comes from, amount moved to the Subawards line)
SUBAWARD_LINES = (
    (current.AWARD_NUMBER, "Social workers under contract", "70000.00"),
    (others.NEWER["number"], "Victim advocates (4 FTE)", "300000.00"),
)
CONDITIONS = (
    "Report the PMT's subgrantee questions every quarter, within 30 days of its end.",
    "Keep victims' personally identifying information at the agency (28 CFR 94.115): the state "
    "receives aggregate, de-identified figures only.",
)


def _people():
    users = get_user_model().objects.in_bulk(["finance", "grantsmanager"], field_name="username")
    return users["finance"], users["grantsmanager"]


def _subawards_line(finance, manager, number, source, amount) -> BudgetLine:
    award = Award.objects.get(federal_award_number=number)
    line = BudgetLine.objects.filter(award=award, category="subawards").first()
    if line is not None:
        return line
    line = grants_operations.add_budget_line(
        actor=manager,
        award_id=award.pk,
        category="subawards",
        program="Local agencies",
        description="Subawards to local victim service agencies",
        amount="0.00",
        reason="Pass-through to subrecipients (state plan)",
    )
    revision = grants_operations.request_revision(
        actor=finance,
        award_id=award.pk,
        from_line_id=BudgetLine.objects.get(award=award, description=source).pk,
        to_line_id=line.pk,
        amount=amount,
        reason="Fund local agencies by subaward",
    )
    grants_operations.approve_revision(
        actor=manager, revision_id=revision.pk, reason="State plan approved"
    )
    return line


def _evidence(name: str):
    return SimpleUploadedFile(f"sam-gov-{name}.pdf", b"%PDF-1.4\n% SAM.gov exclusion search\n")


def _budget(total: int) -> dict:
    personnel = total * 70 // 100
    fringe = total * 20 // 100
    return {
        "personnel": f"{personnel}.00",
        "fringe": f"{fringe}.00",
        "supplies": f"{total - personnel - fringe}.00",
    }


def _make(manager, agency, line, total, description, issue=True, **more):
    award = line.award
    start = max(award.period_start, dt.date(2026, 10, 1))
    subaward = operations.create_subaward(
        manager,
        subrecipient_id=agency.pk,
        line_id=line.pk,
        period_start=start,
        period_end=min(award.period_end, dt.date(2027, 9, 30)),
        project_description=description,
        pass_through_contact=CONTACT,
        indirect_rate_kind="none",
        budget=_budget(total),
        reason="Recommended by the FY2027 review panel",
        **more,
    )
    if issue:
        operations.issue_version(
            manager, version_id=subaward.latest_version().pk, reason="Signed by both parties"
        )
    return subaward


def load(stdout):
    agencies = {a.uei: a for a in ensure_demo_agencies()}
    if Subaward.objects.exists():
        stdout.write("  Subawards: already in place")
        demo_claims.load(stdout)
        demo_reports.load(stdout)
        demo_match.load(stdout)
        return
    finance, manager = _people()
    today = clock.local_today()
    for agency in agencies.values():
        operations.record_exclusion_check(
            manager,
            organization_id=agency.pk,
            checked_on=today - dt.timedelta(days=5),
            result="not_excluded",
            evidence=_evidence(agency.uei),
        )
    lines = [_subawards_line(finance, manager, *spec) for spec in SUBAWARD_LINES]
    current_line, newer_line = lines
    shelter = _make(
        manager,
        agencies[SHELTER_UEI],
        newer_line,
        180000,
        "Emergency shelter, hotline and court advocacy for victims of domestic violence",
        conditions=CONDITIONS,
    )
    _make(
        manager,
        agencies[CAC_UEI],
        newer_line,
        90000,
        "Forensic interviews and family advocacy at the child advocacy center",
        conditions=CONDITIONS[:1],
    )
    # The same agency funded from a second award: a second subaward.
    _make(
        manager,
        agencies[CAC_UEI],
        current_line,
        40000,
        "Therapy for child victims (FY2026 funds)",
        match_waived="5000.00",
        match_waiver_reason="Match partly waived: the center's county funding was cut.",
        match_waiver_decision="Waiver policy section 3.2: half of the match waived.",
    )
    _make(
        manager,
        agencies[LEGAL_AID_UEI],
        current_line,
        15000,
        "Protection orders and victim-rights enforcement",
        issue=False,
    )
    cut = operations.amend_subaward(
        manager,
        subaward_id=shelter.pk,
        kind="decrease",
        reason="The FY2027 federal award was cut mid-period: every subaward reduced by 1/6.",
        budget=_budget(150000),
    )
    operations.issue_version(manager, version_id=cut.pk, reason="Signed by both parties")
    stdout.write(
        f"  Subawards: {Subaward.objects.count()} to {len(agencies)} agencies "
        "(one amended down, one draft)"
    )
    demo_claims.load(stdout)
    demo_reports.load(stdout)
    demo_match.load(stdout)
