"""subawards.due: the SARs and FFATA actions not yet reported, with their deadlines, and the
claims waiting on the state since their submission (no date)."""

import datetime as dt

import pytest

from subawards import operations
from subawards.due import CLAIM_KIND, FFATA_KIND, SAR_KIND, due_items
from tests.helpers import at, moment

from .test_claims import MARCH, submit
from .test_sar import PART

pytestmark = pytest.mark.django_db


def test_what_is_owed_on_subawards(people, director, agency_finance, make_subaward):
    with at(moment(2026, 12, 15)):
        subaward = make_subaward()
    with at(MARCH):
        submit(agency_finance, subaward)
        items = {i.kind: i for i in due_items(dt.date(2027, 3, 10))}
    assert items[SAR_KIND].due_on == dt.date(2027, 4, 1)  # 1 January + 90 days
    assert items[FFATA_KIND].due_on == dt.date(2027, 1, 31)  # issued 15 December 2026
    assert items[FFATA_KIND].status(dt.date(2027, 3, 10)) == "overdue"
    claim = items[CLAIM_KIND]
    assert (claim.due_on, claim.waiting_since) == (None, dt.date(2027, 3, 10))
    assert all(i.organization_id == subaward.subrecipient_id for i in items.values())
    # Reported, they are no longer owed.
    with at(moment(2027, 3, 12)):
        operations.submit_sar_part(director, subaward_id=subaward.pk, values=PART)
        operations.report_sar(
            people["gm"], subaward_id=subaward.pk, reported_on=dt.date(2027, 3, 12)
        )
        operations.report_ffata(
            people["gm"],
            version_id=subaward.current_version().pk,
            reported_on=dt.date(2027, 3, 12),
        )
    assert {i.kind for i in due_items(dt.date(2027, 3, 12))} == {CLAIM_KIND}
