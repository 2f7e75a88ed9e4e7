"""The demo's claims: every state of the review, one sent back and resubmitted, one approved in
part, one paid as a draw on the state award's Subawards line."""

from decimal import Decimal

import pytest
from django.db.models import F

from grants.models import Draw
from subawards.models import Claim, ClaimLine

pytestmark = pytest.mark.django_db


def test_the_demo_has_claims_in_every_state(demo):
    # The run's moment (7 Dec 2026) leaves October to December 2026 started on each subaward.
    states = sorted(Claim.objects.values_list("status", flat=True))
    assert states == sorted(
        ["paid", "program_approved", "submitted", "approved", "rejected", "sent_back"]
    )
    resubmitted = Claim.objects.get(round_number=2)
    assert resubmitted.rounds.count() == 2 and resubmitted.comments.filter(step="send_back")
    cut = ClaimLine.objects.get(approved__lt=F("requested"))
    assert cut.requested - cut.approved == Decimal("250.00") and cut.approval_reason
    paid = Claim.objects.get(status="paid")
    # The shelter's budget after its cut: 150,000 a year, claimed by twelfths, less the $250 cut.
    assert paid.approved_total == Decimal("150000.00") / 12 - Decimal("250.00")
    draw = Draw.objects.get(pk=paid.draw_id)
    assert draw.amount == paid.approved_total and draw.status == "paid"
    assert draw.paid_by.username == "payments" and draw.approved_by.username == "finance"
