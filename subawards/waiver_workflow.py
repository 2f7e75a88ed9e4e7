"""The life of a match waiver request, one table (the shape of ``subawards.workflows``).

A subrecipient's Agency Director asks the state to waive part or all of a subaward's match
(28 CFR 94.118, citing the state's published waiver policy); the state's Grants Manager approves
it, in whole or in part, or denies it with a reason. Whoever requested a waiver never decides it.
An approval takes effect as a new subaward version (``operations.waivers``).

This module imports no model (the models import it), so the states live here.
"""

from django.db import models

from grants.workflows import Transition, Workflow


class WaiverStatus(models.TextChoices):
    REQUESTED = "requested", "Waiting for the state's decision"
    APPROVED = "approved", "Approved"
    DENIED = "denied", "Denied"


DECIDE_WAIVER = "subawards.decide_match_waiver"
NOT_BY_REQUESTER = "Whoever requested a match waiver may not decide it."

WAIVERS = Workflow(
    noun="match waiver request",
    transitions={
        t.name: t
        for t in (
            Transition(
                "approve",
                "Approve the waiver",
                frozenset({WaiverStatus.REQUESTED}),
                WaiverStatus.APPROVED,
                DECIDE_WAIVER,
                done="approved",
                reason_required=True,
                icon="check",
                refused="This request was already {status}.",
                not_by="requested_by_id",
                not_by_message=NOT_BY_REQUESTER,
            ),
            Transition(
                "deny",
                "Deny the waiver",
                frozenset({WaiverStatus.REQUESTED}),
                WaiverStatus.DENIED,
                DECIDE_WAIVER,
                done="denied",
                reason_required=True,
                icon="cross",
                refused="This request was already {status}.",
                not_by="requested_by_id",
                not_by_message=NOT_BY_REQUESTER,
            ),
        )
    },
)
# A request still waiting: a subaward has at most one at a time.
WAITING = frozenset({WaiverStatus.REQUESTED})
