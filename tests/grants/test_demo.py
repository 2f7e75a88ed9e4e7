from decimal import Decimal

import pytest

from grants.ledger import balances_as_of, current_balances
from grants.models import Award, BudgetRevision, Draw, DrawStatus, MatchContribution

pytestmark = pytest.mark.django_db


def test_demo_ledger_has_a_two_million_award_spent_month_by_month(demo):
    award = Award.objects.get()
    balances = current_balances(award)
    assert balances.total == balances.budgeted == Decimal("2000000.00")
    assert 130 <= Draw.objects.count() <= 170
    assert set(Draw.objects.values_list("status", flat=True)) == set(DrawStatus.values)
    reversal = Draw.objects.get(reverses__isnull=False)
    assert reversal.amount == -reversal.reverses.amount and reversal.reason
    assert Draw.objects.get(status=DrawStatus.REJECTED).reason
    assert set(BudgetRevision.objects.values_list("status", flat=True)) == {"approved", "requested"}
    assert balances.match_provided > 0 and MatchContribution.objects.count() > 10
    assert 0 < balances.paid < balances.total
    # The history goes back to the months the money was spent in.
    first_draw = Draw.history.model.objects.order_by("history_date").first()
    assert first_draw.history_date.date() < award.period_start.replace(month=12)
    assert balances_as_of(award.pk, first_draw.history_date).paid == 0
