"""Claim approvals and payments at once, on PostgreSQL row locks: together they never exceed what
is left on the subaward's category, and a claim is paid once. Shown to fail without the locks
(``lock_claim`` reading the subaward and the claim unlocked): both approvals and both payments
went through, (2, 0) instead of (1, 1)."""

import datetime as dt
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grants.models import Draw
from subawards import operations
from subawards.models import Claim
from tests.factories import make_user
from tests.helpers import at

from .test_claims import MARCH, submit

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def race(*calls):
    """Run ``calls`` at once on their own connections: (successes, refusals, errors)."""
    done, refused, errors = [], [], []
    start = threading.Barrier(len(calls))

    def run(call):
        try:
            start.wait()
            done.append(call())
        except ValidationError as error:
            refused.append(error)
        except Exception as exc:  # a deadlock or server error fails the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done, refused, errors


def test_two_program_approvals_at_once_never_exceed_what_is_left(
    people, agency_finance, make_subaward
):
    subaward = make_subaward()  # personnel 80,000
    with at(MARCH):
        january = submit(
            agency_finance, subaward, dt.date(2027, 1, 1), lines={"personnel": "40000"}
        )
        february = submit(
            agency_finance, subaward, dt.date(2027, 2, 1), lines={"personnel": "40000"}
        )
        # The budget is cut to 50,000 for personnel: only one of the two 40,000 claims fits.
        version = operations.amend_subaward(
            people["gm"],
            subaward_id=subaward.pk,
            kind="decrease",
            reason="Federal award cut",
            budget={"personnel": "50000.00", "supplies": "20000.00"},
        )
        operations.issue_version(people["gm"], version_id=version.pk, reason="Signed")
        done, refused, errors = race(
            lambda: operations.approve_program(people["gm"], claim_id=january.pk),
            lambda: operations.approve_program(people["gm2"], claim_id=february.pk),
        )
    assert errors == []
    assert (len(done), len(refused)) == (1, 1)
    assert "Only $10,000.00 is left" in refused[0].message_dict["personnel"][0]
    approved = [c.approved_total for c in Claim.objects.filter(status="program_approved")]
    assert approved == [Decimal("40000.00")]


def test_two_payments_of_one_claim_at_once_pay_it_once(people, agency_finance, make_subaward):
    subaward = make_subaward()
    payers = [make_user(f"payer{i}", "Finance") for i in range(2)]
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        operations.approve_program(people["gm"], claim_id=claim.pk)
        operations.approve_finance(people["finance"], claim_id=claim.pk)
        done, refused, errors = race(
            *(
                lambda payer=payer: operations.pay_claim(
                    payer, claim_id=claim.pk, paid_on=dt.date(2027, 3, 10), payment_reference="EFT"
                )
                for payer in payers
            )
        )
    assert errors == []
    assert (len(done), len(refused)) == (1, 1)
    # 6,000 personnel + 1,500 supplies, paid once
    draws = Draw.objects.filter(obligation_id=subaward.obligation_id)
    assert [d.amount for d in draws] == [Decimal("7500.00")]
