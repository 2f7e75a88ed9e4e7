"""Demo monitoring: a risk assessment of each demo agency (one low, one medium, one high), a site
visit to the shelter with a finding whose corrective action is open and due soon, a desk review of
the child advocacy center's claims, and the shelter's single audit with a management decision
due. Loaded once, after the subawards demo (``voca`` load_demo); dates relative to today.
"""

import datetime as dt

from django.contrib.auth import get_user_model

from grants.models import UniformGuidance
from organizations.demo import CAC_UEI, LEGAL_AID_UEI, SHELTER_UEI
from organizations.models import Organization
from subawards.models import Claim
from voca import clock

from . import operations
from .models import RiskAssessment
from .rules import CHECKLIST, ENTERED

# (UEI, the entered scores in the order of rules.ENTERED, what the assessor noted)
ASSESSMENTS = (
    (CAC_UEI, (0, 1, 0, 0, 0, 0), "Long VOCA history; a clean single audit last year."),
    (SHELTER_UEI, (1, 2, 2, 1, 1, 0), "New finance director and accounting system this year."),
    (LEGAL_AID_UEI, (3, 3, 3, 2, 3, 1), "First federal award; no audit history; new staff."),
)
NOTES = {
    0: "No concern found in the file or the interview.",
    1: "Minor: noted for follow-up at the next review.",
    2: "Significant: see the summary.",
    3: "Serious: no record to rely on.",
}


def _last_june_30(before: dt.date) -> dt.date:
    end = dt.date(before.year, 6, 30)
    return end if end <= before else dt.date(before.year - 1, 6, 30)


def load(stdout):
    if RiskAssessment.objects.exists():
        stdout.write("  Monitoring: already in place")
        return
    manager = get_user_model().objects.get(username="grantsmanager")
    today = clock.local_today()
    agencies = {o.uei: o for o in Organization.objects.subrecipients()}
    for uei, scores, summary in ASSESSMENTS:
        if uei not in agencies:
            continue
        operations.assess_risk(
            manager,
            organization_id=agencies[uei].pk,
            assessed_on=today - dt.timedelta(days=30),
            scores={f.key: s for f, s in zip(ENTERED, scores, strict=True)},
            notes={f.key: NOTES[s] for f, s in zip(ENTERED, scores, strict=True)},
            summary=summary,
        )
    shelter, cac = agencies.get(SHELTER_UEI), agencies.get(CAC_UEI)
    if shelter is not None:
        visit = operations.plan_site_visit(
            manager,
            organization_id=shelter.pk,
            planned_on=today - dt.timedelta(days=7),
            visitors="Gale Grants Manager; Pat Program Representative",
        )
        operations.record_site_visit(
            manager,
            visit_id=visit.pk,
            visited_on=today - dt.timedelta(days=7),
            answers={item: ("not_met" if item == "timesheets" else "met") for item, _ in CHECKLIST},
            notes={"timesheets": "Two advocates' timesheets were not signed by a supervisor."},
            summary="Shelter, hotline room and files visited; staff interviewed.",
        )
        operations.record_finding(
            manager,
            site_visit_id=visit.pk,
            text="Timesheets behind the personnel costs claimed were not signed by a supervisor.",
            action_required="Adopt a timesheet approval procedure and send signed timesheets "
            "for the last two months claimed.",
            due_on=today + dt.timedelta(days=10),
        )
        operations.plan_site_visit(
            manager, organization_id=shelter.pk, planned_on=today + dt.timedelta(days=60)
        )
        fy_end = _last_june_30(today - dt.timedelta(days=151))
        audit = operations.record_audit_year(
            manager,
            organization_id=shelter.pk,
            fiscal_year_end=fy_end,
            federal_expenditures="1150000.00",
            uniform_guidance=UniformGuidance.REVISED_2024,
        )
        operations.record_audit_report(
            manager,
            audit_id=audit.pk,
            received_on=today - dt.timedelta(days=150),
            in_clearinghouse=True,
            clearinghouse_reference="2026-06-GSAFAC-0000123456",
            has_findings=True,
            findings="2026-001 Allowable costs: VOCA advocate time charged without timesheets.",
        )
    if cac is not None:
        claims = list(Claim.objects.filter(subaward__subrecipient=cac).order_by("period_start"))
        if claims:
            review = operations.start_desk_review(
                manager,
                organization_id=cac.pk,
                period_start=claims[0].period_start,
                period_end=claims[-1].period_end,
                claim_ids=[c.pk for c in claims],
                documents=[
                    "Payroll register for the months claimed",
                    "Receipts for supplies over $100",
                    "General ledger detail for the VOCA cost center",
                ],
                requested_on=today - dt.timedelta(days=3),
                documents_due_on=today + dt.timedelta(days=11),
            )
            first = review.documents.order_by("pk").first()
            operations.receive_documents(
                manager, review_id=review.pk, received={first.pk: today - dt.timedelta(days=1)}
            )
    stdout.write(
        f"  Monitoring: {RiskAssessment.objects.count()} risk assessments, a site visit with an "
        "open finding, a desk review, a single audit awaiting its management decision"
    )
