"""The only writers of monitoring records; screens, the demo and tests call these with the acting
user. Each runs in one transaction, checks who may, and saves nothing on bad input."""

from .audits import record_audit_report, record_audit_year, record_management_decision
from .findings import close_finding, record_finding, respond_to_finding
from .reviews import (
    conclude_desk_review,
    plan_site_visit,
    receive_documents,
    record_site_visit,
    start_desk_review,
)
from .risk import assess_risk

__all__ = [
    "assess_risk",
    "close_finding",
    "conclude_desk_review",
    "plan_site_visit",
    "receive_documents",
    "record_audit_report",
    "record_audit_year",
    "record_finding",
    "record_management_decision",
    "record_site_visit",
    "respond_to_finding",
    "start_desk_review",
]
