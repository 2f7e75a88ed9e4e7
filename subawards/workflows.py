"""The life of a subaward version, one table: its states and steps (the shape of grants.workflows).

The state issues a version it prepared (the original subaward, an increase, a decrease, an
extension); a subrecipient requests a budget revision, which the state approves or rejects unless
it is small enough to need no approval. The current version of a subaward is its latest issued or
approved one; nothing is edited in place, every change is a new version.

This module imports no model (the models import it), so the states live here.
"""

from django.db import models

from grants.workflows import Transition, Workflow


class VersionStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    ISSUED = "issued", "Issued"
    REQUESTED = "requested", "Requested by the subrecipient"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


class VersionKind(models.TextChoices):
    ORIGINAL = "original", "Subaward"
    INCREASE = "increase", "Increase"
    DECREASE = "decrease", "Decrease (de-obligation)"
    EXTENSION = "extension", "Extension"
    BUDGET_REVISION = "budget_revision", "Budget revision"


VERSIONS = Workflow(
    noun="subaward version",
    transitions={
        t.name: t
        for t in (
            Transition(
                "issue",
                "Issue",
                frozenset({VersionStatus.DRAFT}),
                VersionStatus.ISSUED,
                "subawards.issue_subaward",
                done="issued",
                icon="check",
                refused="Only a draft is issued; this version is {status}.",
            ),
            Transition(
                "approve",
                "Approve",
                frozenset({VersionStatus.REQUESTED}),
                VersionStatus.APPROVED,
                "subawards.decide_subaward_revision",
                done="approved",
                icon="check",
                refused="This version was already {status}.",
                not_by="requested_by_id",
                not_by_message="Whoever requested a budget revision may not decide it.",
            ),
            Transition(
                "reject",
                "Reject",
                frozenset({VersionStatus.REQUESTED}),
                VersionStatus.REJECTED,
                "subawards.decide_subaward_revision",
                done="rejected",
                reason_required=True,
                icon="cross",
                refused="This version was already {status}.",
                not_by="requested_by_id",
                not_by_message="Whoever requested a budget revision may not decide it.",
            ),
        )
    },
    editable=frozenset({VersionStatus.DRAFT}),
    not_editable="A {status} version is never edited: amend the subaward instead.",
)

# The states whose version is (or was) in force; the current version is the latest of them.
IN_FORCE = frozenset({VersionStatus.ISSUED, VersionStatus.APPROVED})
# A version in one of these is still being decided: no second one is started meanwhile.
PENDING = frozenset({VersionStatus.DRAFT, VersionStatus.REQUESTED})
