"""The demo: two quarters of the shelter's hotline reports, one late, one returned and corrected."""

import pytest

from performance.models import QuarterlyReport

pytestmark = pytest.mark.django_db


def test_demo_has_a_late_report_and_a_returned_then_accepted_one(demo):
    reports = list(QuarterlyReport.objects.order_by("fiscal_year", "quarter"))
    assert len(reports) == 2
    older, later = reports
    assert older.late and older.status == "accepted" and older.round_number == 1
    assert not later.late and later.status == "accepted" and later.round_number == 2
    first, second = later.rounds.order_by("number")
    assert "Robbery" in first.returned_reason and not second.returned_reason
    assert dict(first.figures["victimizations"])["Robbery"] == 2
    assert dict(second.figures["victimizations"])["Robbery"] == 1
    # Aggregates only, from the subrecipient's own people.
    assert later.subaward.subrecipient.short_name.startswith("Safe")
