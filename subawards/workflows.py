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
    # An approved match waiver request (operations.waivers): only the match waived changes.
    MATCH_WAIVER = "match_waiver", "Match waiver"


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


# --- reimbursement claims (subawards.models.claims) ---------------------------------------------


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", "Waiting for program approval"
    PROGRAM_APPROVED = "program_approved", "Waiting for finance approval"
    APPROVED = "approved", "Approved, waiting for payment"
    PAID = "paid", "Paid"
    SENT_BACK = "sent_back", "Sent back for changes"
    REJECTED = "rejected", "Rejected"


class ClaimFrequency(models.TextChoices):
    MONTHLY = "monthly", "Monthly"
    QUARTERLY = "quarterly", "Quarterly"


# Who takes a step: the subrecipient's finance (``AGENCY_STEPS``) or a state role holding the
# step's permission. A claim is made by ``operations.submit_claim`` (round 1, submitted); every
# resubmission after a send-back is a new round.
CLAIM_REVIEW = "subawards.review_claim"  # send back or reject: program and finance reviewers
CLAIMS = Workflow(
    noun="claim",
    transitions={
        t.name: t
        for t in (
            Transition(
                "resubmit",
                "Resubmit",
                frozenset({ClaimStatus.SENT_BACK}),
                ClaimStatus.SUBMITTED,
                "",
                done="resubmitted",
                icon="upload",
                refused="Only a claim sent back for changes is resubmitted; this one is {status}.",
            ),
            Transition(
                "program_approve",
                "Program approval",
                frozenset({ClaimStatus.SUBMITTED}),
                ClaimStatus.PROGRAM_APPROVED,
                "subawards.approve_claim_program",
                done="given program approval",
                icon="check",
                not_by="submitted_by_id",
                not_by_message="You submitted this claim, so someone else must approve it.",
            ),
            Transition(
                "finance_approve",
                "Finance approval",
                frozenset({ClaimStatus.PROGRAM_APPROVED}),
                ClaimStatus.APPROVED,
                "subawards.approve_claim_finance",
                done="given finance approval",
                icon="check",
                refused="Finance approves a claim after its program approval; this one is "
                "{status}.",
                not_by="program_approved_by_id",
                not_by_message="You gave this claim its program approval, so someone else must "
                "give the finance approval.",
            ),
            Transition(
                "send_back",
                "Send back for changes",
                frozenset({ClaimStatus.SUBMITTED, ClaimStatus.PROGRAM_APPROVED}),
                ClaimStatus.SENT_BACK,
                CLAIM_REVIEW,
                done="sent back",
                reason_required=True,
                icon="arrow-left",
            ),
            Transition(
                "reject",
                "Reject",
                frozenset({ClaimStatus.SUBMITTED, ClaimStatus.PROGRAM_APPROVED}),
                ClaimStatus.REJECTED,
                CLAIM_REVIEW,
                done="rejected",
                reason_required=True,
                icon="cross",
            ),
            Transition(
                "pay",
                "Record payment",
                frozenset({ClaimStatus.APPROVED}),
                ClaimStatus.PAID,
                "subawards.pay_claim",
                done="paid",
                icon="doc-full",
                not_by="finance_approved_by_id",
                not_by_message="You gave this claim its finance approval, so someone else must "
                "record its payment.",
            ),
        )
    },
    editable=frozenset({ClaimStatus.SENT_BACK}),
    not_editable="A {status} claim is not changed by its subrecipient.",
    wrong_state_in={
        ClaimStatus.PAID: "A paid claim is final, so it cannot be {done}.",
        ClaimStatus.REJECTED: "A rejected claim is final, so it cannot be {done}.",
        ClaimStatus.SENT_BACK: "This claim was sent back to its subrecipient: it is {done} only "
        "once they resubmit it.",
    },
)
AGENCY_STEPS = frozenset({"resubmit"})
# What a claim's state means for the subaward's categories: a submitted claim holds what it asks
# for, an approved one what was approved; a claim sent back or rejected holds nothing.
CLAIM_REQUESTED = frozenset({ClaimStatus.SUBMITTED})
CLAIM_APPROVED = frozenset({ClaimStatus.PROGRAM_APPROVED, ClaimStatus.APPROVED, ClaimStatus.PAID})
# The review queue: the claims the state still acts on.
CLAIM_QUEUE = (ClaimStatus.SUBMITTED, ClaimStatus.PROGRAM_APPROVED, ClaimStatus.APPROVED)
