"""Random sequences of ledger operations; every invariant is checked after every step."""

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


def mostly(common, rare, share=8):
    """``common`` about share-in-ten times, otherwise ``rare``."""
    return st.integers(0, 9).flatmap(lambda k: common if k < share else rare)


# Mostly amounts of the size of a line's budget, so draws and revisions collide; sometimes odd
# cents or bad input.
amounts = mostly(
    st.integers(min_value=1, max_value=12).map(lambda n: Decimal(n) * 50),
    st.one_of(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1500"), places=2),
        st.sampled_from(["0", "-10.00", "12.345", "abc"]),
    ),
)
# Days after the period starts: mostly inside the two-year period, sometimes just outside.
days = mostly(st.integers(0, 729), st.sampled_from([-1, 730]), share=9)
# Weighted towards what finance does most: record, submit, approve, pay.
ACTIONS = (
    *("draft",) * 3,
    *("request_and_submit",) * 2,
    *("submit",) * 3,
    *("approve",) * 2,
    "pay",
    "reject",
    "reverse",
    "edit",
    "revise",
    "add_line",
)
steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 9), st.integers(0, 9), amounts, days),
    min_size=10,
    max_size=30,
)
award_numbers = itertools.count()
USED = (DrawStatus.PAID, DrawStatus.SUBMITTED, DrawStatus.APPROVED)


def snapshot():
    """Every write leaves a history row, so these counts show whether anything was written."""
    return [m.history.model.objects.count() for m in (BudgetLine, BudgetRevision, Draw)]


class Ledger:
    """One award driven by a list of steps, as a finance clerk and a grants manager would."""

    def __init__(self, finance, manager):
        self.finance, self.manager = finance, manager
        self.award = make_award(manager, total="5000.00", number=f"P-{next(award_numbers)}")
        self.lines = [make_line(manager, self.award, "600.00").pk for _ in range(2)]
        self.draws: list[int] = []

    def attempt(self, operation, **kwargs):
        """Run an operation; a refusal must leave every table and its history as it was."""
        before = snapshot()
        try:
            return operation(**kwargs)
        except ValidationError:
            assert snapshot() == before
            return None

    def run(self, action, i, j, amount, day):
        line = self.lines[i % len(self.lines)]
        draw = self.draws[i % len(self.draws)] if self.draws else None
        f, m = self.finance, self.manager
        if action in ("draft", "request_and_submit"):
            new = self.attempt(
                operations.request_draw,
                actor=f,
                line_id=line,
                amount=amount,
                incurred_on=dt.date(2025, 10, 1) + dt.timedelta(days=day),
                payee="Payee",
                description="Cost",
                submit=action == "request_and_submit",
            )
            if new:
                self.draws.append(new.pk)
        elif action == "add_line":
            new = self.attempt(
                operations.add_budget_line,
                actor=m,
                award_id=self.award.pk,
                category="travel",
                program="Victim Service Days",
                description="Mileage",
                amount=amount,
                reason="budget",
            )
            if new:
                self.lines.append(new.pk)
        elif action == "revise":
            revision = self.attempt(
                operations.request_revision,
                actor=f,
                award_id=self.award.pk,
                from_line_id=line,
                to_line_id=self.lines[j % len(self.lines)],
                amount=amount,
                reason="move",
            )
            if revision:
                self.attempt(operations.approve_revision, actor=m, revision_id=revision.pk)
        elif draw is not None:
            # Mostly act on a draw in the state the step applies to; otherwise on any draw, to
            # exercise refusals too.
            wanted = {"submit": "draft", "approve": "submitted", "reject": "submitted"}
            wanted |= {"pay": "approved", "reverse": "paid", "edit": "draft"}
            ready = list(
                Draw.objects.filter(
                    pk__in=self.draws, status=wanted[action], reverses__isnull=True
                ).values_list("pk", flat=True)
            )
            if ready and j < 8:
                draw = ready[i % len(ready)]
            operation, actor, extra = {
                "submit": (operations.submit_draw, f, {}),
                "approve": (operations.approve_draw, m, {}),
                "reject": (operations.reject_draw, m, {"reason": "no receipt"}),
                "pay": (operations.pay_draw, f, {}),
                "reverse": (operations.reverse_draw, f, {"reason": "duplicate"}),
                "edit": (operations.edit_draft_draw, f, {"amount": amount, "reason": "fix"}),
            }[action]
            result = self.attempt(operation, actor=actor, draw_id=draw, **extra)
            if action == "reverse" and result:
                self.draws.append(result.pk)

    def check_invariants(self):
        """A handful of queries per step, however long the sequence gets."""
        award = self.award
        used = Sum("draws__amount", filter=Q(draws__status__in=USED))
        lines = list(BudgetLine.objects.filter(award=award).annotate(used=used))
        assert sum(line.amount for line in lines) <= award.total_amount
        for line in lines:
            assert 0 <= (line.used or 0) <= line.amount, "a line is overdrawn"
        for reversal in Draw.objects.filter(award=award, reverses__isnull=False).select_related(
            "reverses"
        ):
            assert reversal.amount + reversal.reverses.amount == 0
            assert reversal.reverses.status == DrawStatus.PAID
        # History is complete: each record's latest version matches it, with who and why.
        for model, fields in ((BudgetLine, ("amount",)), (Draw, ("amount", "status"))):
            rows = {o.pk: o for o in model.objects.filter(award=award)}
            latest = {}
            for version in model.history.model.objects.filter(award_id=award.pk).order_by(
                "history_id"
            ):
                latest[version.id] = version
            assert latest.keys() == rows.keys()
            for pk, version in latest.items():
                assert version.history_user_id and version.history_change_reason
                for field in fields:
                    assert getattr(version, field) == getattr(rows[pk], field)


@pytest.mark.django_db
def test_random_operation_sequences_keep_every_invariant(finance, manager):
    @settings(
        max_examples=30,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow],
        database=None,
    )
    @given(steps=steps)
    def run(steps):
        ledger = Ledger(finance, manager)
        for step in steps:
            ledger.run(*step)
            ledger.check_invariants()

    run()
