"""Taking a step of a draw's or a budget revision's life (``grants.workflows``): the opening every
step shares, written once."""

from collections.abc import Callable
from typing import NamedTuple

from .. import permissions
from ..models import Award, BudgetLine
from ..workflows import Transition, Workflow
from .base import reason_text

# Locks a record's award, its lines and the record itself, in the fixed order, by primary key.
Lock = Callable[[object], tuple[Award, dict[int, BudgetLine], object]]


class Taken(NamedTuple):
    step: Transition
    record: object  # locked, in a state the step starts from
    award: Award  # locked
    lines: dict[int, BudgetLine]  # the record's lines, locked
    reason: str  # cleaned, never empty


def take_step(workflow: Workflow, lock: Lock, pk, step_name: str, actor, *, reason) -> Taken:
    """Open the step ``step_name`` of ``workflow`` on the record ``pk`` for ``actor``: the
    permission the table names (``permissions.can_take``), the reason (cleaned, required), the
    locks (``lock``), then the record's state and the separation of duties (``Workflow.check``).
    The caller makes the step's own checks and effect, then saves with history."""
    step = workflow[step_name]
    permissions.require(permissions.can_take(actor, step))
    reason = reason_text(reason)
    award, lines, record = lock(pk)
    workflow.check(record, step_name, actor)
    return Taken(step, record, award, lines, reason)
