"""Monitoring records: risk assessments (append-only), desk reviews, site visits, findings with
their corrective-action plans, and single audits. Each names an organization, never a victim."""

from .audits import SingleAudit
from .findings import Finding, FindingQuerySet
from .reviews import ChecklistAnswer, DeskReview, DocumentRequest, SiteVisit
from .risk import FactorScore, RiskAssessment

__all__ = [
    "ChecklistAnswer",
    "DeskReview",
    "DocumentRequest",
    "FactorScore",
    "Finding",
    "FindingQuerySet",
    "RiskAssessment",
    "SingleAudit",
    "SiteVisit",
]
