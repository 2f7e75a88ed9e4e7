"""Two grants managers issue two subawards at the same moment that fit the Subawards line alone
but not together: on PostgreSQL's row locks exactly one is issued, the line never goes over."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from grants.models import BudgetLine
from subawards import operations
from subawards.models import SubawardVersion

from .conftest import terms


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_subawards_racing_for_one_line_never_exceed_it(people, line, agency):
    # 250,000 on the line; each subaward is 150,000: one fits, not both.
    drafts = [
        operations.create_subaward(
            people["gm"],
            subrecipient_id=agency.pk,
            line_id=line.pk,
            **terms(budget={"personnel": "150000.00"}),
        ).latest_version()
        for _ in range(2)
    ]
    issuers = [people["gm"], people["gm2"]]
    start = threading.Barrier(2)
    issued, refused, errors = [], [], []

    def worker(index):
        try:
            start.wait()
            operations.issue_version(issuers[index], version_id=drafts[index].pk)
            issued.append(index)
        except ValidationError as error:
            refused.append(" ".join(error.messages))
        except Exception as exc:  # a deadlock or a server error fails the test
            errors.append(repr(exc))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert len(issued) == 1 and len(refused) == 1
    assert "Only $100,000.00 is left" in refused[0]
    statuses = sorted(SubawardVersion.objects.values_list("status", flat=True))
    assert statuses == ["draft", "issued"]
    line = BudgetLine.objects.get(pk=line.pk)
    assert line.amount - line.balance().used == Decimal("100000.00")
