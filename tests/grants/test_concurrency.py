"""Many finance clerks and managers hitting one budget line at once, on PostgreSQL row locks."""

import random
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grants import operations
from grants.models import Draw, DrawStatus
from tests.factories import make_award, make_draw, make_line, make_user
from voca.roles import FINANCE, GRANTS_MANAGER

WORKERS = 8
REQUESTS_PER_WORKER = 30


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_draws_never_overdraw_a_line(roles):
    manager = make_user("gale", GRANTS_MANAGER)
    clerks = [make_user(f"clerk{i}", FINANCE) for i in range(WORKERS)]
    award = make_award(manager, total="50000.00")
    line = make_line(manager, award, "10000.00")
    # A few paid draws from before, so reversals and payments race too.
    for _ in range(3):
        draw = make_draw(clerks[0], line, "500.00", submit=True)
        operations.approve_draw(actor=manager, draw_id=draw.pk)
        operations.pay_draw(actor=clerks[0], draw_id=draw.pk)

    accepted, refused, errors = [], [], []
    start = threading.Barrier(WORKERS)

    def worker(index):
        rng = random.Random(index)
        clerk = clerks[index]
        try:
            start.wait()
            for _ in range(REQUESTS_PER_WORKER):
                amount = Decimal(rng.randrange(2000, 15000)) / 100
                try:
                    draw = make_draw(clerk, line, amount, submit=True)
                except ValidationError:
                    refused.append(amount)
                    continue
                accepted.append(draw.pk)
                operations.approve_draw(actor=manager, draw_id=draw.pk)
                if rng.random() < 0.5:
                    operations.pay_draw(actor=clerk, draw_id=draw.pk)
        except Exception as exc:  # any server error or deadlock fails the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(accepted) + len(refused) == WORKERS * REQUESTS_PER_WORKER >= 200
    assert accepted and refused, "the line should afford some draws but not all"
    line.refresh_from_db()
    used = line.paid() + line.committed()
    assert used <= line.amount
    # The line was driven close to full: what is left is less than the largest request.
    assert line.amount - used < Decimal("150.00")
    # Every accepted draw has its history (created, then approved); refused ones left nothing.
    history = Draw.history.model.objects
    for pk in accepted:
        assert history.filter(id=pk, status=DrawStatus.SUBMITTED).exists()
        assert history.filter(id=pk, status=DrawStatus.APPROVED).exists()
    assert Draw.objects.count() == 3 + len(accepted)
    assert set(history.values_list("id", flat=True)) == set(
        Draw.objects.values_list("pk", flat=True)
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_draws_and_budget_revisions_keep_every_line_within_budget(roles):
    manager = make_user("gale", GRANTS_MANAGER)
    clerks = [make_user(f"clerk{i}", FINANCE) for i in range(WORKERS)]
    award = make_award(manager, total="20000.00")
    lines = [make_line(manager, award, "5000.00", description=f"Line {i}") for i in range(2)]
    errors, refused = [], []
    start = threading.Barrier(WORKERS)

    def worker(index):
        rng = random.Random(100 + index)
        clerk = clerks[index]
        try:
            start.wait()
            for _ in range(REQUESTS_PER_WORKER):
                source, target = rng.sample(lines, 2)
                try:
                    if index % 4 == 0:  # two workers move budget between the lines
                        revision = operations.request_revision(
                            actor=clerk,
                            award_id=award.pk,
                            from_line_id=source.pk,
                            to_line_id=target.pk,
                            amount=Decimal(rng.randrange(100, 800)),
                            reason="rebalance",
                        )
                        operations.approve_revision(actor=manager, revision_id=revision.pk)
                    else:
                        amount = Decimal(rng.randrange(2000, 30000)) / 100
                        make_draw(clerk, source, amount, submit=True)
                except ValidationError:
                    refused.append(index)
        except Exception as exc:
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert refused, "some requests should have been refused"
    total = Decimal(0)
    for line in lines:
        line.refresh_from_db()
        assert line.paid() + line.committed() <= line.amount
        total += line.amount
    assert total == Decimal("10000.00"), "revisions move money; they never create it"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_parallel_draws_on_two_awards_never_overdraw_either_or_deadlock(roles):
    manager = make_user("gale", GRANTS_MANAGER)
    clerks = [make_user(f"clerk{i}", FINANCE) for i in range(4)]
    lines = [
        make_line(
            manager, make_award(manager, total="5000.00", number=f"15POVC-2{i}-GG"), "2000.00"
        )
        for i in (5, 6)
    ]
    errors, start = [], threading.Barrier(len(clerks))

    def worker(index):
        rng = random.Random(index)
        try:
            start.wait()
            for _ in range(20):
                # Each clerk charges both awards in turn, in a different order than its neighbour.
                line = lines[(index + rng.randrange(2)) % 2]
                try:
                    draw = make_draw(clerks[index], line, Decimal(rng.randrange(5000, 20000)) / 100)
                    operations.submit_draw(actor=clerks[index], draw_id=draw.pk)
                    operations.approve_draw(actor=manager, draw_id=draw.pk)
                except ValidationError:
                    continue
        except Exception as exc:  # a deadlock or server error fails the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(clerks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    for line in lines:
        line.refresh_from_db()
        used = line.paid() + line.committed()
        assert line.amount - Decimal("200.00") < used <= line.amount
        assert set(Draw.objects.filter(line=line).values_list("award_id", flat=True)) == {
            line.award_id
        }
