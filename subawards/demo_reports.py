"""Demo of the funder's reports: a SAR due soon (a subaward that started 80 days ago, its
subrecipient's part not in yet), the shelter's SAR reported in PMT and the child advocacy
center's waiting for the state; FFATA: the shelter's subaward reported in SAM.gov, the center's
(and the shelter's cut) not yet, with each agency's executive-compensation answers. Loaded once,
by ``subawards.demo.load``, after the demo subawards."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from grants.models import BudgetLine
from organizations.demo import CAC_UEI, LEGAL_AID_UEI, SHELTER_UEI
from organizations.models import Organization
from voca import clock

from . import operations
from .models import ExecutiveCompensation, Subaward
from .models.ffata import reportable_actions

DUE_SOON_STARTED = 80  # days ago: its SAR is due in ten days
PEOPLE = ("grantsmanager", "safeharbor.director", "gatewaycac.finance")
PART = {
    "budget_voca": "180000.00",
    "budget_other_federal": "45000.00",
    "budget_state": "60000.00",
    "budget_local": "30000.00",
    "budget_private": "52000.00",
    "budget_other": "0",
    "paid_staff": "14",
    "paid_staff_fte": "12.5",
    "volunteers": "31",
    "volunteer_fte": "2.75",
}
CONTACT = "Gale Grants Manager, Crime Victim Services Unit, grants@dps.example.gov, 573-555-0100"


def _at(day: dt.date):
    return clock.clock_at(timezone.make_aware(dt.datetime.combine(day, dt.time(10))))


def _due_soon_subaward(manager, agency, today) -> Subaward | None:
    """An $18,000 subaward to the legal aid agency that started ``DUE_SOON_STARTED`` days ago,
    on whichever award's Subawards line covers that day."""
    start = today - dt.timedelta(days=DUE_SOON_STARTED)
    lines = BudgetLine.objects.filter(category="subawards").select_related("award")
    line = next((ln for ln in lines if ln.award.period_start <= start <= ln.award.period_end), None)
    if line is None:
        return None
    subaward = operations.create_subaward(
        manager,
        subrecipient_id=agency.pk,
        line_id=line.pk,
        period_start=start,
        period_end=min(line.award.period_end, start + dt.timedelta(days=364)),
        project_description="Legal advocacy for victims in protection-order hearings",
        pass_through_contact=CONTACT,
        indirect_rate_kind="none",
        budget={"personnel": "15000.00", "supplies": "3000.00"},
        reason="Recommended by the review panel (second round)",
    )
    operations.issue_version(
        manager, version_id=subaward.latest_version().pk, reason="Signed by both parties"
    )
    return subaward


def load(stdout):
    if ExecutiveCompensation.objects.exists():
        stdout.write("  SARs and FFATA: already in place")
        return
    users = get_user_model().objects.in_bulk(PEOPLE, field_name="username")
    manager = users["grantsmanager"]
    today = clock.local_today()
    agencies = {o.uei: o for o in Organization.objects.subrecipients()}
    made = []
    try:
        if _due_soon_subaward(manager, agencies[LEGAL_AID_UEI], today):
            made.append("a SAR due in ten days")
    except ValidationError as error:  # e.g. no line has room left on a later day
        stdout.write(f"  SARs: no subaward due soon ({'; '.join(error.messages)})")
    subawards = {s.subrecipient.uei: s for s in Subaward.objects.order_by("number")}
    shelter, center = subawards.get(SHELTER_UEI), subawards.get(CAC_UEI)
    if shelter is not None:
        with _at(today - dt.timedelta(days=10)):
            operations.submit_sar_part(
                users["safeharbor.director"], subaward_id=shelter.pk, values=PART
            )
        operations.report_sar(
            manager, subaward_id=shelter.pk, reported_on=today - dt.timedelta(days=7)
        )
        first = reportable_actions().filter(subaward=shelter, number=1).first()
        if first is not None:
            operations.report_ffata(
                manager, version_id=first.pk, reported_on=today, confirmation="SAM-DEMO-0001"
            )
        made.append("the shelter's SAR and first FFATA action reported")
    if center is not None:
        operations.submit_sar_part(
            users["gatewaycac.finance"],
            subaward_id=center.pk,
            values={**PART, "budget_voca": "130000.00", "paid_staff": "8", "volunteers": "12"},
        )
        made.append("the center's SAR waiting for the state")
    for uei in (SHELTER_UEI, CAC_UEI):
        if uei in agencies:
            operations.record_executive_compensation(
                manager,
                organization_id=agencies[uei].pk,
                answered_on=today,
                mostly_federal=False,
                federal_25m=False,
            )
    stdout.write(f"  SARs and FFATA: {', '.join(made) or 'nothing to show yet'}")
