"""The subawards' deadlines for the grants manager's "Due and overdue" view (``voca.due``):
SARs not yet reported in PMT (due 90 days after the subaward starts), FFATA actions not yet
reported in SAM.gov (due at the end of the month after the obligation), and claims waiting on the
state (no date: waiting since their latest submission). Names subawards, never victims."""

from django.db.models import Max
from django.urls import reverse

from voca.clock import local_date
from voca.due import DueItem

from .funder_workflows import SarStatus
from .models import Claim, Subaward
from .models.ffata import ffata_due_on, reportable_actions
from .models.sar import sar_due_on, sar_start
from .workflows import CLAIM_QUEUE

SAR_KIND = "SAR (Subgrant Award Report)"
FFATA_KIND = "FFATA subaward report"
CLAIM_KIND = "Claim waiting on the state"


def sar_items():
    subawards = (
        Subaward.objects.filter(obligation__isnull=False)
        .exclude(sar__status=SarStatus.REPORTED)
        .select_related("subrecipient")
    )
    for subaward in subawards:
        due_on = sar_due_on(sar_start(subaward))
        if due_on is None:
            continue
        yield DueItem(
            kind=SAR_KIND,
            subject=f"{subaward.number} · {subaward.subrecipient}",
            due_on=due_on,
            url=reverse("subawards_sar", args=(subaward.pk,)),
            organization_id=subaward.subrecipient_id,
        )


def ffata_items():
    for version in reportable_actions().filter(ffata_report__isnull=True):
        subaward = version.subaward
        yield DueItem(
            kind=FFATA_KIND,
            subject=f"{subaward.number} v{version.number} · {subaward.subrecipient}",
            due_on=ffata_due_on(version.effective_on),
            url=reverse("subawards_ffata"),
            organization_id=subaward.subrecipient_id,
        )


def claim_items():
    claims = (
        Claim.objects.filter(status__in=CLAIM_QUEUE)
        .select_related("subaward__subrecipient")
        .annotate(last_submitted=Max("rounds__submitted_at"))
    )
    for claim in claims:
        yield DueItem(
            kind=CLAIM_KIND,
            subject=f"{claim.subaward.number} · {claim.subaward.subrecipient} · "
            f"{claim.period_label}",
            due_on=None,
            url=reverse("subawards_claims:inspect", args=(claim.pk,)),
            organization_id=claim.subaward.subrecipient_id,
            waiting_since=local_date(claim.last_submitted or claim.submitted_at),
        )


def due_items(today) -> list[DueItem]:
    """Everything the state still owes or must act on for its subawards (``today`` is for the
    caller's statuses; nothing here depends on it)."""
    return [*sar_items(), *ffata_items(), *claim_items()]
