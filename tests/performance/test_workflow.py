"""Who may take which step of a quarterly report, from which state, with what message."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from performance import operations
from performance.models import QuarterlyReport
from tests.helpers import at

from .conftest import AFTER_Q2
from .test_figures import consistent

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(director, subaward):
    with at(AFTER_Q2):
        return operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )


def status(report) -> str:
    return QuarterlyReport.objects.get(pk=report.pk).status


def test_the_state_does_not_submit_and_the_agency_does_not_decide(
    draft, director, agency_finance, people, other_director
):
    with at(AFTER_Q2):
        for outsider in (people["gm"], other_director):
            with pytest.raises(ValidationError, match="Only the subrecipient's Agency Director"):
                operations.submit_report(outsider, report_id=draft.pk)
        with pytest.raises(ValidationError, match="still a draft"):
            operations.accept_report(people["gm"], report_id=draft.pk)
        operations.submit_report(agency_finance, report_id=draft.pk)
        for outsider in (director, agency_finance, people["finance"], people["auditor"]):
            with pytest.raises(PermissionDenied):
                operations.accept_report(outsider, report_id=draft.pk)
            with pytest.raises(PermissionDenied):
                operations.return_report(outsider, report_id=draft.pk, reason="No")
        with pytest.raises(ValidationError, match="Say what the subrecipient must correct"):
            operations.return_report(people["gm"], report_id=draft.pk, reason=" ")
    assert status(draft) == "submitted"


def test_a_submitted_or_accepted_report_is_not_changed_by_the_agency(draft, director, people):
    with at(AFTER_Q2):
        operations.submit_report(director, report_id=draft.pk)
        with pytest.raises(ValidationError, match="not changed"):
            operations.enter_figures(
                director,
                subaward_id=draft.subaward_id,
                fiscal_year=2027,
                quarter=2,
                values=consistent(served="4", continuing="2"),
            )
        operations.accept_report(people["gm"], report_id=draft.pk)
        with pytest.raises(ValidationError, match="Only a draft or a returned report"):
            operations.submit_report(director, report_id=draft.pk)
        with pytest.raises(ValidationError, match="accepted report is final"):
            operations.return_report(people["gm"], report_id=draft.pk, reason="Too late")
    report = QuarterlyReport.objects.get(pk=draft.pk)
    assert report.status == "accepted" and report.figures["served"] == 3
    assert [h.history_change_reason for h in report.history.order_by("history_id")][-1] == (
        "Accepted"
    )
