import datetime as dt
from decimal import Decimal

import pytest

from grants.demo import current, others
from grants.ledger import balances_as_of, current_balances
from grants.models import (
    Award,
    BudgetRevision,
    ContactFunding,
    Draw,
    DrawStatus,
    MatchContribution,
)
from grants.portfolio import portfolio
from services.models import Contact

pytestmark = pytest.mark.django_db


def test_demo_ledger_has_a_two_million_award_spent_month_by_month(demo):
    award = Award.objects.get(federal_award_number=current.AWARD_NUMBER)
    balances = current_balances(award)
    draws = Draw.objects.filter(award=award)
    assert balances.total == balances.budgeted == Decimal("2000000.00")
    assert 130 <= draws.count() <= 170
    assert set(draws.values_list("status", flat=True)) == set(DrawStatus.values)
    reversal = draws.get(reverses__isnull=False)
    assert reversal.amount == -reversal.reverses.amount and reversal.reason
    assert draws.get(status=DrawStatus.REJECTED).reason
    revisions = BudgetRevision.objects.filter(award=award)
    assert set(revisions.values_list("status", flat=True)) == {"approved", "requested"}
    assert balances.match_provided > 0 and award.match_contributions.count() > 10
    assert 0 < balances.paid < balances.total
    # The history goes back to the months the money was spent in.
    first_draw = Draw.history.model.objects.filter(award_id=award.pk).order_by("history_date")[0]
    assert first_draw.history_date.date() < award.period_start.replace(month=12)
    assert balances_as_of(award.pk, first_draw.history_date).paid == 0


def test_demo_holds_three_overlapping_awards_each_with_draws_in_every_status(demo):
    awards = list(Award.objects.lapsing_first())
    assert [a.federal_award_number for a in awards] == [
        others.OLDER["number"],
        current.AWARD_NUMBER,
        others.NEWER["number"],
    ]
    older, _current, newer = awards
    assert older.period_start < newer.period_start <= dt.date.today() <= older.period_end
    for award in awards:
        statuses = set(Draw.objects.filter(award=award).values_list("status", flat=True))
        assert statuses == set(DrawStatus.values), award
        assert MatchContribution.objects.filter(award=award).exists()
        assert BudgetRevision.objects.filter(award=award).exists()
        balances = current_balances(award)
        assert balances.budgeted == balances.total and 0 < balances.paid < balances.total
    # The older award's money is about to lapse, and the portfolio says so.
    warnings = portfolio().warnings
    assert any(
        w.startswith(f"{older.federal_award_number}: ") and "days left" in w for w in warnings
    )
    # Draws of the older award were written at their past dates.
    first = Draw.history.model.objects.filter(award_id=older.pk).order_by("history_date")[0]
    assert first.history_date.date() < dt.date(2023, 1, 1)


def test_demo_contacts_carry_their_funding_award(demo):
    assert ContactFunding.objects.count() == Contact.objects.count()
    funded = ContactFunding.objects.filter(award__isnull=False)
    assert funded.exists()
    for link in funded.select_related("award", "contact")[:50]:
        assert link.award.contains(link.contact.date)
        assert link.history.exists()
