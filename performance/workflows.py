"""The life of a subrecipient's quarterly performance report, one table (grants.workflows' shape).

The agency's director or finance prepares the figures (a draft), then submits them; the state's
grants manager accepts them or returns them with the reason; a returned report is corrected and
submitted again (a new round). Accepted figures are final and count in the state's roll-up.

This module imports no model (the models import it), so the states live here.
"""

from django.db import models

from grants.workflows import Transition, Workflow


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted, waiting for the state"
    RETURNED = "returned", "Returned for correction"
    ACCEPTED = "accepted", "Accepted"


class FiguresSource(models.TextChoices):
    COMPUTED = "computed", "Computed from the contacts logged in this system"
    ENTERED = "entered", "Entered as aggregates"


REVIEW = "performance.review_quarterly_report"
REPORTS = Workflow(
    noun="quarterly report",
    transitions={
        t.name: t
        for t in (
            Transition(
                "submit",
                "Submit to the state",
                frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED}),
                ReportStatus.SUBMITTED,
                "",
                done="submitted",
                icon="upload",
                refused="Only a draft or a returned report is submitted; this one is {status}.",
            ),
            Transition(
                "return",
                "Return for correction",
                frozenset({ReportStatus.SUBMITTED}),
                ReportStatus.RETURNED,
                REVIEW,
                done="returned",
                reason_required=True,
                icon="arrow-left",
            ),
            Transition(
                "accept",
                "Accept",
                frozenset({ReportStatus.SUBMITTED}),
                ReportStatus.ACCEPTED,
                REVIEW,
                done="accepted",
                icon="check",
            ),
        )
    },
    editable=frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED}),
    not_editable="A {status} report is not changed: the state returns it for correction first.",
    wrong_state_in={
        ReportStatus.ACCEPTED: "An accepted report is final, so it cannot be {done}.",
        ReportStatus.DRAFT: "This report is still a draft: it is {done} once it is submitted.",
        ReportStatus.RETURNED: "This report was returned to its subrecipient: it is {done} only "
        "once they submit it again.",
    },
)
# The agency's own step (its director or finance); the others are the state's.
AGENCY_STEPS = frozenset({"submit"})
# Reported: the state has it (submitted or accepted); not yet: due, or returned to the agency.
REPORTED = frozenset({ReportStatus.SUBMITTED, ReportStatus.ACCEPTED})
DUE_DAYS = 30  # a quarter's report is due 30 days after the quarter ends
