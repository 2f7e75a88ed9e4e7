"""Random sequences of obligations, amendments, payments, reversals and ordinary draws; after
every step the line's figures are recounted from the rows, here, and must equal the ledger's."""

import datetime as dt
import itertools
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grants import operations
from grants.ledger import balances_as_of, current_balances
from grants.models import BudgetLine, Draw, DrawStatus, Obligation
from tests.factories import make_award, make_line, make_user
from voca import clock
from voca.roles import GRANTS_MANAGER

ACTIONS = ("obligate", "obligate", "change", "change", "pay", "pay", "pay", "reverse", "draw")
amounts = st.one_of(
    st.integers(min_value=0, max_value=12).map(lambda n: Decimal(n) * 100),
    st.decimals(min_value=Decimal("0.01"), max_value=Decimal("700"), places=2),
    st.sampled_from(["-10.00", "12.345", "abc"]),
)
steps = st.lists(
    st.tuples(st.sampled_from(ACTIONS), st.integers(0, 9), amounts), min_size=10, max_size=30
)
award_numbers = itertools.count()
PAID, COMMITTED = (DrawStatus.PAID,), (DrawStatus.SUBMITTED, DrawStatus.APPROVED)


def snapshot():
    return [m.history.model.objects.count() for m in (BudgetLine, Draw, Obligation)]


class Books:
    def __init__(self, finance, manager, approver):
        self.finance, self.manager, self.approver = finance, manager, approver
        self.award = make_award(manager, total="5000.00", number=f"O-{next(award_numbers)}")
        self.subawards = make_line(manager, self.award, "1000.00", category="subawards")
        self.staff = make_line(manager, self.award, "500.00")
        self.obligations: list[int] = []
        self.payments: list[int] = []

    def attempt(self, operation, *args, **kwargs):
        """A refusal leaves every table and its history as it was."""
        before = snapshot()
        try:
            return operation(*args, **kwargs)
        except ValidationError:
            assert snapshot() == before
            return None

    def run(self, action, i, amount):
        obligation = self.obligations[i % len(self.obligations)] if self.obligations else None
        if action == "obligate":
            new = self.attempt(
                operations.obligate,
                self.manager,
                line=self.subawards,
                amount=amount,
                reference=f"SUB-{len(self.obligations)}",
                reason="Signed",
            )
            if new:
                self.obligations.append(new.pk)
        elif action == "change" and obligation:
            self.attempt(
                operations.change_obligation, self.manager, obligation, amount=amount, reason="A"
            )
        elif action == "pay" and obligation:
            new = self.attempt(
                operations.pay_obligation,
                self.finance,
                obligation,
                amount=amount,
                paid_on=clock.local_today(),
                payment_reference="EFT",
                reason="Claim",
                approved_by=self.approver,
            )
            if new:
                self.payments.append(new.pk)
        elif action == "reverse" and self.payments:
            self.attempt(
                operations.reverse_draw,
                actor=self.finance,
                draw_id=self.payments[i % len(self.payments)],
                reason="Paid twice",
            )
        elif action == "draw":
            draw = self.attempt(
                operations.request_draw,
                actor=self.finance,
                line_id=(self.staff if i % 2 else self.subawards).pk,
                amount=amount,
                incurred_on=dt.date(2026, 11, 2),
                payee="Payee",
                description="Cost",
                submit=True,
            )
            if draw and i % 3 == 0:
                operations.approve_draw(actor=self.manager, draw_id=draw.pk)
                operations.pay_draw(actor=self.finance, draw_id=draw.pk)

    def check(self):
        """Recounted from the rows, one by one, not through the line-balance rule."""
        draws = list(Draw.objects.filter(award=self.award))
        obligations = list(Obligation.objects.filter(award=self.award))
        paid_against = {
            o.pk: sum((d.amount for d in draws if d.obligation_id == o.pk and d.status in PAID), 0)
            for o in obligations
        }
        for o in obligations:
            assert 0 <= paid_against[o.pk] <= o.amount, "an obligation is overpaid"
        assert all(d.obligation_id for d in draws if d.line_id == self.subawards.pk)
        for line in (self.subawards, self.staff):
            mine = [d for d in draws if d.line_id == line.pk]
            paid = sum((d.amount for d in mine if d.status in PAID), Decimal(0))
            committed = sum(
                (d.amount for d in mine if d.status in COMMITTED and not d.obligation_id),
                Decimal(0),
            )
            committed += sum(
                (o.amount - paid_against[o.pk] for o in obligations if o.line_id == line.pk),
                Decimal(0),
            )
            balance = BudgetLine.objects.get(pk=line.pk).balance()
            assert (balance.paid, balance.committed) == (paid, committed)
            assert 0 <= balance.used <= balance.amount, "a line is over-obligated"
        assert balances_as_of(self.award.pk, clock.now()).lines == (
            current_balances(self.award).lines
        )


@pytest.mark.django_db
def test_random_obligation_sequences_count_each_obligation_once(finance, manager, roles):
    approver = make_user("gwen", GRANTS_MANAGER)

    @settings(
        max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
    )
    @given(steps=steps)
    def run(steps):
        books = Books(finance, manager, approver)
        for step in steps:
            books.run(*step)
            books.check()

    run()
