"""The only writers of money. Admin views, commands, the demo and tests all call these.

Every operation runs in one transaction, locks the award and then the line(s) it touches in a fixed
order (award, then lines by primary key, then the draw; budget changes take the award exclusively,
draws share it and take their line exclusively), validates against the locked rows, records
the acting user and a reason in django-simple-history, and raises ``ValidationError`` with a message
meant for the person at the keyboard. On PostgreSQL the locks are row locks; on SQLite the settings
open every transaction with BEGIN IMMEDIATE, so writers are serialized.
"""

from voca.money import MAX_AMOUNT

from .awards import add_budget_line, create_award
from .base import clock_at, money, now, refuse_if_closed
from .closeout import close_out_award
from .draws import (
    approve_draw,
    edit_draft_draw,
    pay_draw,
    reject_draw,
    request_draw,
    reverse_draw,
    submit_draw,
)
from .match import record_match
from .obligations import change_obligation, obligate, pay_obligation
from .revisions import approve_revision, reject_revision, request_revision

__all__ = [
    "MAX_AMOUNT",
    "add_budget_line",
    "approve_draw",
    "approve_revision",
    "change_obligation",
    "clock_at",
    "close_out_award",
    "create_award",
    "edit_draft_draw",
    "money",
    "now",
    "obligate",
    "pay_draw",
    "pay_obligation",
    "record_match",
    "refuse_if_closed",
    "reject_draw",
    "reject_revision",
    "request_draw",
    "request_revision",
    "reverse_draw",
    "submit_draw",
]
