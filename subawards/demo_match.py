"""Demo match waivers and volunteers: the state's published waiver policy, the shelter's waiver
request approved in part and the child advocacy center's denied, volunteer hours for the months
begun on both agencies' FY2027 subawards, and the volunteer requirement waived for the center's
FY2026 therapy subaward. Loaded once, by ``subawards.demo.load``; dates follow today."""

import datetime as dt

from django.contrib.auth import get_user_model

from organizations.demo import CAC_UEI, SHELTER_UEI
from voca import clock

from . import operations
from .demo_claims import _started_months
from .models import Subaward, WaiverPolicy

PEOPLE = ("grantsmanager", "safeharbor.director", "gatewaycac.director", "gatewaycac.finance")
POLICY = """Match waiver policy (28 CFR 94.118, as amended by the VOCA Fix to Sustain the Crime
Victims Fund Act of 2021)

1. Who may ask. Any subrecipient may ask the state to waive all or part of the match of a subaward.
2. Grounds. The state considers: loss of a local funding source; a program in a rural or
   underserved area with few local funders; a new program in its first year; other hardship shown.
3. How. The agency's director asks through this system, giving the amount and the reasons, with
   evidence kept on file. The state's Grants Manager decides within 30 days, in whole or in part.
4. Reporting. Every approved waiver is reported to the Office for Victims of Crime."""


def _subaward(uei, fiscal_year):
    return (
        Subaward.objects.filter(subrecipient__uei=uei, line__award__federal_fiscal_year=fiscal_year)
        .order_by("pk")
        .first()
    )


def load(stdout):
    if WaiverPolicy.objects.exists():
        stdout.write("  Match waivers and volunteers: already in place")
        return
    p = get_user_model().objects.in_bulk(PEOPLE, field_name="username")
    gm = p["grantsmanager"]
    today = clock.local_today()
    operations.publish_waiver_policy(
        gm,
        title="Match waiver policy",
        text=POLICY,
        effective_on=today - dt.timedelta(days=60),
        reason="Published on the state's website and here, as 28 CFR 94.118 requires",
    )
    shelter = _subaward(SHELTER_UEI, 2027)
    cac = _subaward(CAC_UEI, 2027)
    therapy = _subaward(CAC_UEI, 2026)
    requests = 0
    if shelter is not None and shelter.current_version() is not None:
        request = operations.request_match_waiver(
            p["safeharbor.director"],
            subaward_id=shelter.pk,
            amount="20000.00",
            reason="The county's domestic violence fund, our match, closed in October.",
        )
        operations.approve_match_waiver(
            gm,
            request_id=request.pk,
            amount="12500.00",
            reason="Section 2 (loss of a local funding source); half the remaining match is "
            "still expected from in-kind volunteer time.",
        )
        requests += 1
    if cac is not None and cac.current_version() is not None:
        request = operations.request_match_waiver(
            p["gatewaycac.director"],
            subaward_id=cac.pk,
            amount="5000.00",
            reason="Our annual gala raised less than planned.",
        )
        operations.deny_match_waiver(
            gm,
            request_id=request.pk,
            reason="Not a ground of the policy: fundraising shortfalls are met from volunteer "
            "time (in-kind match) instead.",
        )
        requests += 1
    months = 0
    for subaward, who, volunteers, hours in (
        (shelter, p["safeharbor.director"], 9, "126.50"),
        (cac, p["gatewaycac.finance"], 4, "41.25"),
    ):
        if subaward is None or subaward.current_version() is None:
            continue
        for offset, month in enumerate(_started_months(subaward, today)[-3:]):
            operations.record_volunteers(
                who,
                subaward_id=subaward.pk,
                month=month,
                volunteers=str(volunteers + offset),
                hours=hours,
                claimed_as_match=True,
            )
            months += 1
    if therapy is not None:
        operations.waive_volunteer_requirement(
            gm,
            subaward_id=therapy.pk,
            reason="Therapy by licensed clinicians only; volunteers cannot take part (the "
            "victims are children in treatment).",
        )
    stdout.write(
        f"  Match waivers and volunteers: policy v1, {requests} waiver requests decided, "
        f"{months} months of volunteers, one volunteer requirement waived"
    )
