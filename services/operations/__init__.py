"""The only functions that write clients, contacts, staffing and the access log.

Each runs in one transaction, locks what it changes, validates, and records the acting user
(``actor``) and, where the rules ask for one, the reason. They take plain values, never a request.
One module per record; every public name is importable from here.
"""

from services.operations.access import record_access
from services.operations.base import REASON_MAX_LENGTH
from services.operations.clients import create_client, find_client, update_client
from services.operations.contact_rules import MAX_TIMES, MIN_TIMES, contact_refusals
from services.operations.contacts import (
    log_contact,
    register_client_and_log_contact,
    update_contact,
    void_contact,
)
from services.operations.retention import RetentionResult, retention_cutoff, strip_identifiers
from services.operations.staffing import assign_staff, set_staffing
from voca.operations import EditConflict

__all__ = [
    "MAX_TIMES",
    "MIN_TIMES",
    "REASON_MAX_LENGTH",
    "EditConflict",
    "RetentionResult",
    "assign_staff",
    "contact_refusals",
    "create_client",
    "find_client",
    "log_contact",
    "record_access",
    "register_client_and_log_contact",
    "retention_cutoff",
    "set_staffing",
    "strip_identifiers",
    "update_client",
    "update_contact",
    "void_contact",
]
