"""Random sequences of ledger operations; every invariant is checked after every step."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from grants import operations
from grants.models import Award, BudgetLine, BudgetRevision, Draw, DrawStatus
from tests.factories import make_award, make_user
from voca.roles import FINANCE, GRANTS_MANAGER

amounts = st.one_of(
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("3000"), places=2),
    st.sampled_from(["0", "-10.00", "12.345", "abc", "999999.99"]),
)
index = st.integers(min_value=0, max_value=50)
award_numbers = itertools.count()


def snapshot():
    models = (Award, BudgetLine, BudgetRevision, Draw)
    return [(m.objects.count(), m.history.model.objects.count()) for m in models]


class Ledger(RuleBasedStateMachine):
    finance = manager = None

    def __init__(self):
        super().__init__()
        self.award = make_award(self.manager, total="10000.00", number=f"P-{next(award_numbers)}")
        self.lines: list[int] = []
        self.draws: list[int] = []
        self.revisions: list[int] = []

    def attempt(self, operation, **kwargs):
        """Run an operation; a refusal must leave every table and its history as it was."""
        before = snapshot()
        try:
            return operation(**kwargs)
        except ValidationError:
            assert snapshot() == before
            return None

    def pick(self, items, i):
        return items[i % len(items)] if items else None

    @rule(amount=amounts)
    def add_line(self, amount):
        line = self.attempt(
            operations.add_budget_line,
            actor=self.manager,
            award_id=self.award.pk,
            category="personnel",
            program="Victim Service Days",
            description="Advocates",
            amount=amount,
            reason="budget",
        )
        if line:
            self.lines.append(line.pk)

    @rule(i=index, amount=amounts, submit=st.booleans(), days=st.integers(-30, 800))
    def request_draw(self, i, amount, submit, days):
        if not self.lines:
            return
        draw = self.attempt(
            operations.request_draw,
            actor=self.finance,
            line_id=self.pick(self.lines, i),
            amount=amount,
            incurred_on=dt.date(2025, 10, 1) + dt.timedelta(days=days),
            payee="Payee",
            description="Cost",
            submit=submit,
        )
        if draw:
            self.draws.append(draw.pk)

    @rule(
        i=index,
        action=st.sampled_from(["submit", "approve", "reject", "pay", "reverse", "edit"]),
    )
    def act_on_draw(self, i, action):
        draw_id = self.pick(self.draws, i)
        if draw_id is None:
            return
        calls = {
            "submit": (operations.submit_draw, self.finance, {}),
            "approve": (operations.approve_draw, self.manager, {}),
            "reject": (operations.reject_draw, self.manager, {"reason": "no receipt"}),
            "pay": (operations.pay_draw, self.finance, {}),
            "reverse": (operations.reverse_draw, self.finance, {"reason": "duplicate"}),
            "edit": (operations.edit_draft_draw, self.finance, {"amount": "5.00", "reason": "fix"}),
        }
        operation, actor, extra = calls[action]
        result = self.attempt(operation, actor=actor, draw_id=draw_id, **extra)
        if action == "reverse" and result:
            self.draws.append(result.pk)

    @rule(i=index, j=index, amount=amounts, approve=st.booleans())
    def revise(self, i, j, amount, approve):
        if len(self.lines) < 2:
            return
        revision = self.attempt(
            operations.request_revision,
            actor=self.finance,
            award_id=self.award.pk,
            from_line_id=self.pick(self.lines, i),
            to_line_id=self.pick(self.lines, j),
            amount=amount,
            reason="move",
        )
        if revision and approve:
            self.attempt(operations.approve_revision, actor=self.manager, revision_id=revision.pk)

    @invariant()
    def lines_never_exceed_the_award(self):
        budgeted = BudgetLine.objects.filter(award=self.award).aggregate(s=Sum("amount"))["s"]
        assert (budgeted or 0) <= self.award.total_amount

    @invariant()
    def spent_and_committed_never_exceed_a_line(self):
        for line in BudgetLine.objects.filter(award=self.award):
            assert 0 <= line.paid() + line.committed() <= line.amount

    @invariant()
    def reversals_net_to_zero(self):
        for reversal in Draw.objects.filter(award=self.award, reverses__isnull=False):
            assert reversal.amount + reversal.reverses.amount == 0
            assert reversal.reverses.status == DrawStatus.PAID

    @invariant()
    def history_is_complete(self):
        for model in (BudgetLine, Draw, BudgetRevision):
            for obj in model.objects.filter(award=self.award):
                latest = obj.history.latest()
                assert latest.history_user is not None and latest.history_change_reason
                for f in ("amount", "status"):
                    if hasattr(obj, f):
                        assert getattr(latest, f) == getattr(obj, f)


@pytest.mark.django_db
def test_random_operation_sequences_keep_every_invariant(roles):
    Ledger.finance = make_user("fran", FINANCE)
    Ledger.manager = make_user("gale", GRANTS_MANAGER)
    run_state_machine_as_test(
        Ledger,
        settings=settings(
            max_examples=40,
            stateful_step_count=25,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )
