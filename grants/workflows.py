"""The life of a draw and of a budget revision, one table each: their states and steps.

Operations check every step through ``Workflow.check``; the admin's buttons and action views, the
"only drafts are edited" rule and the permission policy read the same tables, so no status set is
spelled anywhere else. What a draw's state means for the money (committed, spent, claimed) is
said here too, and the ledger's one line-balance rule (``grants.models.lines``) and every
report read it. Who may take a step is decided in ``permissions.can_take_step``, which adds the
role's permission to ``Workflow.refusal``.

This module imports no model (the models import it), so the states live here.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models


class DrawStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    APPROVED = "approved", "Approved"
    PAID = "paid", "Paid"
    REJECTED = "rejected", "Rejected"


class RevisionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Rejected"


@dataclass(frozen=True)
class Transition:
    name: str  # the action in the admin URL
    label: str  # the admin button and confirmation title
    sources: frozenset[str]  # the states it starts from
    target: str  # the state it ends in (a reversal is a new entry, already paid)
    permission: str  # the Django permission a role must hold
    done: str  # "... so it cannot be {done}."
    reason_required: bool = False
    icon: str = "arrow-right"
    refused: str = ""  # replaces the generic message when the record is in another state
    refused_final: str = ""  # replaces the workflow's ``final_message``
    # Segregation of duties: whoever is named by this attribute (e.g. who submitted) may not take
    # the step, with ``not_by_message``.
    not_by: str = ""
    not_by_message: str = ""


@dataclass(frozen=True)
class Workflow:
    noun: str
    transitions: dict[str, Transition]
    editable: frozenset[str] = frozenset()  # states in which the record itself may be edited
    not_editable: str = ""  # "{status}" is the record's status, lower case
    not_editable_in: dict[str, str] = field(default_factory=dict)  # per-state messages
    wrong_state_in: dict[str, str] = field(default_factory=dict)  # per-state refusals, "{done}"
    final_attribute: str = ""  # a record with this attribute true takes no step at all
    final_message: str = ""
    # What a state means for the money (draws): nothing else spells these sets.
    committed_states: frozenset[str] = frozenset()  # obligated, not yet paid
    spent_states: frozenset[str] = frozenset()  # paid (a reversal: paid, of the opposite sign)
    claimed_states: frozenset[str] = frozenset()  # owed: what the draw register counts

    def __getitem__(self, name: str) -> Transition:
        return self.transitions[name]

    def is_final(self, obj) -> bool:
        return bool(self.final_attribute and getattr(obj, self.final_attribute))

    def can_start(self, obj, name: str) -> bool:
        """Whether ``obj``'s state lets the step ``name`` begin (who may take it is separate)."""
        return not self.is_final(obj) and obj.status in self.transitions[name].sources

    def available(self, obj) -> list[Transition]:
        return [t for t in self.transitions.values() if self.can_start(obj, t.name)]

    def refusal(self, obj, name: str, actor=None) -> str:
        """Why ``obj``'s state, or the separation of duties, refuses ``actor`` the step ``name``;
        empty when neither does."""
        step = self.transitions[name]
        if self.is_final(obj):
            return step.refused_final or self.final_message
        if obj.status not in step.sources:
            status = obj.get_status_display().lower()
            message = (
                step.refused
                or self.wrong_state_in.get(obj.status)
                or (f"This {self.noun} is already {{status}}." if obj.status == step.target else "")
                or f"This {self.noun} is {{status}}, so it cannot be {{done}}."
            )
            return message.format(status=status, done=step.done)
        if step.not_by and actor is not None and getattr(obj, step.not_by) == actor.pk:
            return step.not_by_message
        return ""

    def check(self, obj, name: str, actor=None) -> Transition:
        """The step ``name`` for ``obj`` taken by ``actor``, or a ValidationError saying why its
        state, or the separation of duties, refuses it."""
        if refusal := self.refusal(obj, name, actor):
            raise ValidationError(refusal)
        return self.transitions[name]

    def is_editable(self, obj) -> bool:
        return obj.status in self.editable

    def edit_refusal(self, obj) -> str:
        """Why ``obj`` may not be edited in its state; empty when it may."""
        if self.is_editable(obj):
            return ""
        message = self.not_editable_in.get(obj.status, self.not_editable)
        return message.format(status=obj.get_status_display().lower())

    def check_editable(self, obj) -> None:
        if refusal := self.edit_refusal(obj):
            raise ValidationError(refusal)


DRAWS = Workflow(
    noun="draw",
    transitions={
        t.name: t
        for t in (
            Transition(
                "submit",
                "Submit",
                frozenset({DrawStatus.DRAFT}),
                DrawStatus.SUBMITTED,
                "grants.submit_draw",
                done="submitted",
            ),
            Transition(
                "approve",
                "Approve",
                frozenset({DrawStatus.SUBMITTED}),
                DrawStatus.APPROVED,
                "grants.approve_draw",
                done="approved",
                not_by="submitted_by_id",
                not_by_message="You submitted this draw, so someone else must approve it.",
            ),
            Transition(
                "reject",
                "Reject",
                frozenset({DrawStatus.SUBMITTED, DrawStatus.APPROVED}),
                DrawStatus.REJECTED,
                "grants.approve_draw",
                done="rejected",
                reason_required=True,
                not_by="submitted_by_id",
                not_by_message="You submitted this draw, so someone else must decide on it.",
            ),
            Transition(
                "pay",
                "Record payment",
                frozenset({DrawStatus.APPROVED}),
                DrawStatus.PAID,
                "grants.pay_draw",
                done="paid",
            ),
            Transition(
                "reverse",
                "Reverse",
                frozenset({DrawStatus.PAID}),
                DrawStatus.PAID,
                "grants.reverse_draw",
                done="reversed",
                reason_required=True,
                refused="Only paid draws are reversed; reject a draw that has not been paid yet.",
                refused_final="A reversal entry cannot itself be reversed.",
            ),
        )
    },
    editable=frozenset({DrawStatus.DRAFT}),
    not_editable="Only draft draws can be edited; this one is {status}.",
    not_editable_in={DrawStatus.PAID: "A paid draw is never edited; record a reversal instead."},
    wrong_state_in={
        DrawStatus.DRAFT: "This draw is still a draft: it is {done} only once it is submitted.",
        DrawStatus.PAID: "A paid draw is never changed, so it cannot be {done}.",
    },
    final_attribute="is_reversal",
    final_message="A reversal entry is final; it cannot be changed.",
    committed_states=frozenset({DrawStatus.SUBMITTED, DrawStatus.APPROVED}),
    spent_states=frozenset({DrawStatus.PAID}),
    # A submitted draw is not yet approved; a draft or rejected one was never owed.
    claimed_states=frozenset({DrawStatus.APPROVED, DrawStatus.PAID}),
)


REVISIONS = Workflow(
    noun="revision",
    transitions={
        t.name: t
        for t in (
            Transition(
                "approve",
                "Approve",
                frozenset({RevisionStatus.REQUESTED}),
                RevisionStatus.APPROVED,
                "grants.approve_budgetrevision",
                done="approved",
                icon="check",
                refused="This revision was already {status}.",
                not_by="requested_by_id",
                not_by_message="Whoever requested a budget revision may not decide it.",
            ),
            Transition(
                "reject",
                "Reject",
                frozenset({RevisionStatus.REQUESTED}),
                RevisionStatus.REJECTED,
                "grants.approve_budgetrevision",
                done="rejected",
                reason_required=True,
                icon="cross",
                refused="This revision was already {status}.",
                not_by="requested_by_id",
                not_by_message="Whoever requested a budget revision may not decide it.",
            ),
        )
    },
)


def workflow_of(obj) -> Workflow:
    """The table whose steps ``obj`` (a draw or a budget revision) takes."""
    return {"draw": DRAWS, "budgetrevision": REVISIONS}[obj._meta.model_name]
