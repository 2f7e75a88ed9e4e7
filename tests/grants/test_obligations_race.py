"""Obligations and their payments racing on PostgreSQL row locks: a line is never over-obligated
and an obligation never overpaid.

Each check is slowed down (the balance is read, then the thread waits) so that without the locks
both threads would read the same balance and both would write: the locks make the second wait
until the first has committed, and then read the new balance.
"""

import datetime as dt
import threading
import time
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grants import operations
from grants.models import Draw, Obligation
from grants.operations import obligations as obligation_operations
from tests.factories import make_award, make_line, make_user
from voca.roles import FINANCE, GRANTS_MANAGER

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PAUSE = 0.3  # seconds between reading a balance and writing


def race(*jobs):
    """Run the jobs at once, each on its own connection; (results, refusals, errors)."""
    done, refused, errors = [], [], []
    start = threading.Barrier(len(jobs))

    def run(job):
        try:
            start.wait()
            done.append(job())
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except Exception as exc:  # a deadlock or a server error fails the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, refused, errors


def test_two_obligations_that_together_exceed_the_line_one_succeeds(roles, monkeypatch):
    managers = [make_user(f"gale{i}", GRANTS_MANAGER) for i in range(2)]
    award = make_award(managers[0], total="100000.00")
    slow_check = obligation_operations.check_room

    def check_then_wait(*args):
        slow_check(*args)
        time.sleep(PAUSE)

    monkeypatch.setattr(obligation_operations, "check_room", check_then_wait)
    for round_ in range(3):
        line = make_line(managers[0], award, "10000.00", category="subawards")

        def obligate(i, line=line, round_=round_):
            return operations.obligate(
                managers[i],
                line=line,
                amount="6000.00",
                reference=f"SUB-{round_}-{i}",
                reason="Subaward signed",
            )

        done, refused, errors = race(lambda: obligate(0), lambda: obligate(1))
        assert errors == []
        assert len(done) == 1 and len(refused) == 1
        assert "Only $4,000.00 is left on the budget line" in refused[0]
        assert line.balance().committed == D("6000.00")
        assert line.balance().remaining == D("4000.00")
        assert Obligation.objects.filter(line=line).count() == 1


def test_an_increase_racing_a_new_obligation_never_overfills_the_line(roles, monkeypatch):
    manager, other = make_user("gale", GRANTS_MANAGER), make_user("gwen", GRANTS_MANAGER)
    award = make_award(manager, total="100000.00")
    line = make_line(manager, award, "10000.00", category="subawards")
    first = operations.obligate(
        manager, line=line, amount="4000.00", reference="SUB-1", reason="Signed"
    )
    slow_check = obligation_operations.check_room

    def check_then_wait(*args):
        slow_check(*args)
        time.sleep(PAUSE)

    monkeypatch.setattr(obligation_operations, "check_room", check_then_wait)
    done, refused, errors = race(
        lambda: operations.change_obligation(manager, first, amount="9000.00", reason="Amended"),
        lambda: operations.obligate(
            other, line=line, amount="5000.00", reference="SUB-2", reason="Signed"
        ),
    )
    assert errors == []
    assert len(done) == 1 and len(refused) == 1
    assert line.balance().used <= line.amount
    assert line.balance().obligated == D("9000.00")


def test_two_payments_racing_against_one_obligation_never_overpay_it(roles, monkeypatch):
    manager = make_user("gale", GRANTS_MANAGER)
    clerks = [make_user(f"fran{i}", FINANCE) for i in range(2)]
    award = make_award(manager, total="100000.00")
    line = make_line(manager, award, "10000.00", category="subawards")
    obligation = operations.obligate(
        manager, line=line, amount="5000.00", reference="SUB-1", reason="Signed"
    )
    slow_unpaid = Obligation.unpaid

    def unpaid_then_wait(self):
        left = slow_unpaid(self)
        time.sleep(PAUSE)
        return left

    monkeypatch.setattr(Obligation, "unpaid", unpaid_then_wait)

    def pay(i):
        return operations.pay_obligation(
            clerks[i],
            obligation,
            amount="3000.00",
            paid_on=dt.date(2026, 12, 7),
            payment_reference=f"EFT {i}",
            reason="Claim approved",
            approved_by=manager,
        )

    done, refused, errors = race(lambda: pay(0), lambda: pay(1))
    assert errors == []
    assert len(done) == 1 and len(refused) == 1
    assert "Only $2,000.00 of obligation SUB-1 is unpaid" in refused[0]
    monkeypatch.undo()
    obligation.refresh_from_db()
    assert obligation.unpaid() == D("2000.00")
    assert Draw.objects.filter(obligation=obligation).count() == 1
    balance = line.balance()
    assert (balance.paid, balance.committed, balance.remaining) == (
        D("3000.00"),
        D("2000.00"),
        D("5000.00"),
    )
