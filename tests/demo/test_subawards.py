"""The demo: three agencies checked in SAM.gov, subawards from two awards, one amended down."""

from decimal import Decimal

import pytest

from grants.models import BudgetLine
from organizations.models import ExclusionCheck
from subawards.models import Subaward

pytestmark = pytest.mark.django_db


def test_the_demo_has_subawards_from_two_awards_one_amended_down(demo):
    # Three agencies, and the shelter again before its hotline subaward (performance's demo).
    assert ExclusionCheck.objects.count() == 4
    subawards = list(Subaward.objects.select_related("line__award", "subrecipient"))
    assert len({s.line.award_id for s in subawards}) == 2
    cut = [s for s in subawards if s.versions.filter(kind="decrease").exists()]
    assert len(cut) == 1
    decrease = cut[0].versions.get(kind="decrease")
    assert decrease.amount_this_action == Decimal("-30000.00")
    assert "cut" in decrease.reason
    assert cut[0].obligation.amount == Decimal("150000.00")
    # Each Subawards line's money is what its subawards obligated (figures from the demo above).
    for line in BudgetLine.objects.filter(category="subawards"):
        obligated = sum(
            (s.obligation.amount for s in subawards if s.line_id == line.pk and s.obligation),
            Decimal("0.00"),
        )
        # (claims paid against an obligation move from committed to paid: counted once)
        balance = line.balance()
        assert balance.committed + balance.paid == obligated
    amounts = sorted(s.obligation.amount for s in subawards if s.obligation)
    # 5,000: the shelter's hotline subaward, reported on by performance's demo; 18,000: the legal
    # aid agency's subaward whose SAR is due soon (subawards.demo_reports).
    assert amounts == [
        Decimal("5000.00"),
        Decimal("18000.00"),
        Decimal("40000.00"),
        Decimal("90000.00"),
        Decimal("150000.00"),
    ]
    _match_waivers_and_volunteers(subawards, cut[0])
    # Load again: nothing new.
    from django.core.management import call_command

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Subaward.objects.count() == len(subawards)


def _match_waivers_and_volunteers(subawards, shelter):
    """A published policy, one partial approval (a new version of the shelter's subaward) and
    one denial, volunteers on two subawards, one volunteer requirement waived."""
    from subawards.models import VolunteerMonth, VolunteerWaiver, WaiverPolicy, WaiverRequest

    assert WaiverPolicy.objects.count() == 1
    decided = dict(WaiverRequest.objects.values_list("status", "approved_amount"))
    assert decided == {"approved": Decimal("12500.00"), "denied": None}
    current = shelter.current_version()
    assert (current.kind, current.match_waived) == ("match_waiver", Decimal("12500.00"))
    assert current.match_required - current.match_waived == current.match_due
    with_volunteers = set(VolunteerMonth.objects.values_list("subaward_id", flat=True))
    assert len(with_volunteers) == 2
    assert VolunteerWaiver.objects.count() == 1
    assert VolunteerWaiver.objects.get().subaward_id not in with_volunteers
