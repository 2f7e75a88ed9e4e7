"""Subawards: the identity of each (``Subaward``) and its append-only versions, each holding every
data element of 2 CFR 200.332(b)(1) and the budget by federal cost category."""

from ..workflows import ClaimFrequency, ClaimStatus, VersionKind, VersionStatus
from .claims import (
    Claim,
    ClaimComment,
    ClaimDocument,
    ClaimLine,
    ClaimRound,
    left_by_category,
    taken_by_category,
)
from .conditions import SpecialCondition
from .ffata import ExecutiveCompensation, ExecutiveOfficer, FfataReport
from .sar import SubgrantAwardReport
from .subawards import Subaward, SubawardQuerySet
from .versions import IndirectRateKind, SubawardBudgetLine, SubawardVersion
from .volunteers import VolunteerMonth, VolunteerWaiver
from .waivers import WaiverPolicy, WaiverRequest

__all__ = [
    "Claim",
    "ClaimComment",
    "ClaimDocument",
    "ClaimFrequency",
    "ClaimLine",
    "ClaimRound",
    "ClaimStatus",
    "ExecutiveCompensation",
    "ExecutiveOfficer",
    "FfataReport",
    "IndirectRateKind",
    "SpecialCondition",
    "Subaward",
    "SubawardBudgetLine",
    "SubawardQuerySet",
    "SubawardVersion",
    "SubgrantAwardReport",
    "VersionKind",
    "VersionStatus",
    "VolunteerMonth",
    "VolunteerWaiver",
    "WaiverPolicy",
    "WaiverRequest",
    "left_by_category",
    "taken_by_category",
]
