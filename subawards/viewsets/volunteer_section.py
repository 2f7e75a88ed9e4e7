"""The volunteers section of a subaward's page: whether the requirement to use volunteers is
met, not yet met or waived, each month recorded, and the in-kind match beside the match the
claims report (two figures, kept apart)."""

from decimal import Decimal

from django.db.models import F, Sum
from django.urls import reverse

from voca import formats

from .. import match_permissions as rules
from ..models import ClaimRound
from ..workflows import CLAIM_APPROVED

ZERO = Decimal("0.00")
MET, NOT_YET, WAIVED = "Met", "Not yet met", "WAIVED"


def claims_match(subaward) -> Decimal:
    """The match the subaward's approved claims report (each claim's latest round, once)."""
    rounds = ClaimRound.objects.filter(
        claim__subaward=subaward,
        claim__status__in=sorted(CLAIM_APPROVED),
        number=F("claim__round_number"),
    )
    return rounds.aggregate(s=Sum("match_provided"))["s"] or ZERO


def volunteer_section(subaward, user, version) -> dict:
    """What the subaward's page shows about volunteers (``version``: the one in force)."""
    months = list(subaward.volunteer_months.current().select_related("recorded_by"))
    waiver = getattr(subaward, "volunteer_waiver", None)
    in_period = [
        m
        for m in months
        if version is not None
        and version.period_start.replace(day=1) <= m.month <= version.period_end
        and m.volunteers > 0
    ]
    if waiver is not None:
        status = WAIVED
        detail = (
            f"Waived by {formats.person(waiver.decided_by)} on "
            f"{formats.moment(waiver.decided_at)}: {waiver.reason}"
        )
    elif in_period:
        status = MET
        detail = f"Volunteers recorded in {len(in_period)} month(s) of the period of performance."
    else:
        status = NOT_YET
        detail = "No volunteers recorded yet in the period of performance (VOCA expects them)."
    totals = subaward.volunteer_months.current().totals()
    record = rules.can_record_volunteers(user, subaward)
    waive = rules.can_waive_volunteers(user, subaward)
    return {
        "status": status,
        "detail": detail,
        "months": [
            {
                "month": formats.month(m.month),
                "volunteers": m.volunteers,
                "hours": m.hours,
                "claimed": m.claimed_as_match,
                "rate": formats.money(m.rate) if m.rate is not None else "",
                "value": m.in_kind_value,
                "by": formats.person(m.recorded_by),
                "corrected": m.corrects_id is not None,
                "reason": m.reason,
            }
            for m in months
        ],
        "totals": totals,
        "match_due": version.match_due if version else ZERO,
        "in_kind": totals["in_kind"],
        "claims_match": claims_match(subaward),
        "record_url": reverse("subawards_record_volunteers", args=(subaward.pk,)) if record else "",
        "waive_url": reverse("subawards_waive_volunteers", args=(subaward.pk,)) if waive else "",
    }
