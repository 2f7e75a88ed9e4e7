"""Random draws and revisions across three overlapping awards: no line overdrawn, no money moved
between awards, every draw inside its own award's period, refusals write nothing, and the draw
form's suggestion is always the line with money left whose award lapses first."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Q, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grants import operations
from grants.models import BudgetLine, BudgetRevision, Draw, DrawStatus
from tests.factories import make_award, make_line
from tests.helpers import at, moment

TODAY = moment(2026, 6, 1)
FIRST_DAY = dt.date(2022, 9, 1)  # before the oldest award starts
PERIODS = (  # the oldest lapses first
    (dt.date(2022, 10, 1), dt.date(2026, 9, 30)),
    (dt.date(2023, 10, 1), dt.date(2027, 9, 30)),
    (dt.date(2025, 10, 1), dt.date(2029, 9, 30)),
)
USED = (DrawStatus.PAID, DrawStatus.SUBMITTED, DrawStatus.APPROVED)
ACTIONS = ("draw", "draw", "draw", "approve", "pay", "reject", "revise", "revise_across")
steps = st.lists(
    st.tuples(
        st.sampled_from(ACTIONS),
        st.integers(0, 5),  # a line of one of the three awards
        st.integers(0, 5),
        st.integers(1, 8).map(lambda n: Decimal(n) * 75),
        st.integers(0, (TODAY.date() - FIRST_DAY).days),
    ),
    min_size=8,
    max_size=25,
)
numbers = itertools.count()


def written():
    return [m.history.model.objects.count() for m in (BudgetLine, BudgetRevision, Draw)]


class Awards:
    def __init__(self, finance, manager):
        self.finance, self.manager = finance, manager
        run = next(numbers)
        self.awards = [
            make_award(
                manager,
                total="1000.00",
                number=f"A{run}-{i}",
                period_start=start,
                period_end=end,
            )
            for i, (start, end) in enumerate(PERIODS)
        ]
        self.lines = [  # two lines of the same category and program on each award
            make_line(manager, award, "400.00", description=f"Line {n}")
            for award in self.awards
            for n in range(2)
        ]
        self.budgeted = {a.pk: Decimal("800.00") for a in self.awards}

    def attempt(self, operation, **kwargs):
        before = written()
        try:
            return operation(**kwargs)
        except ValidationError:
            assert written() == before, "a refused operation wrote something"
            return None

    def run(self, action, i, j, amount, day):
        f, m = self.finance, self.manager
        line, other = self.lines[i], self.lines[j]
        if action == "draw":
            self.attempt(
                operations.request_draw,
                actor=f,
                line_id=line.pk,
                amount=amount,
                incurred_on=FIRST_DAY + dt.timedelta(days=day),
                payee="Payee",
                description="Cost",
                submit=True,
            )
        elif action in ("revise", "revise_across"):
            if action == "revise":  # the other line of the same award
                other = self.lines[i ^ 1]
            revision = self.attempt(
                operations.request_revision,
                actor=f,
                award_id=other.award_id,
                from_line_id=line.pk,
                to_line_id=other.pk,
                amount=amount,
                reason="move",
            )
            if action == "revise_across" and line.award_id != other.award_id:
                assert revision is None, "money moved between awards"
            if revision:
                self.attempt(operations.approve_revision, actor=m, revision_id=revision.pk)
        else:
            status = {"approve": "submitted", "pay": "approved", "reject": "submitted"}[action]
            mine = Draw.objects.filter(award__in=self.awards, status=status)
            ready = list(mine.values_list("pk", flat=True))
            if not ready:
                return
            draw = ready[i % len(ready)]
            operation, actor, extra = {
                "approve": (operations.approve_draw, m, {}),
                "pay": (operations.pay_draw, f, {}),
                "reject": (operations.reject_draw, m, {"reason": "no receipt"}),
            }[action]
            self.attempt(operation, actor=actor, draw_id=draw, **extra)

    def check(self):
        used = Sum("draws__amount", filter=Q(draws__status__in=USED))
        # Each example has three fresh awards; earlier examples' rows are left out.
        mine = BudgetLine.objects.filter(award__in=self.awards)
        lines = list(mine.annotate(used=used).select_related("award"))
        for line in lines:
            assert 0 <= (line.used or 0) <= line.amount, "a line is overdrawn"
        for award in self.awards:
            total = sum(li.amount for li in lines if li.award_id == award.pk)
            assert total == self.budgeted[award.pk], "money moved between awards"
        for draw in Draw.objects.filter(award__in=self.awards).select_related("award", "line"):
            assert draw.line.award_id == draw.award_id
            assert draw.award.contains(draw.incurred_on)
        # The suggestion, worked out here from the raw figures: money left, earliest end.
        left = [li for li in lines if li.amount - (li.used or 0) > 0]
        expected = min(left, key=lambda li: (li.award.period_end, li.pk)) if left else None
        choices = mine.choices_for_draws(TODAY.date())
        suggested = [c.line.pk for c in choices if c.suggested]
        assert suggested == ([expected.pk] if expected else [])


@pytest.mark.django_db
def test_random_draws_and_revisions_across_awards_keep_every_invariant(finance, manager):
    @settings(
        max_examples=20,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )
    @given(steps=steps)
    def run(steps):
        with at(TODAY):
            awards = Awards(finance, manager)
            for step in steps:
                awards.run(*step)
                awards.check()

    run()
