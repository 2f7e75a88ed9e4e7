"""Subawards: the identity of each (``Subaward``) and its append-only versions, each holding every
data element of 2 CFR 200.332(b)(1) and the budget by federal cost category."""

from ..workflows import VersionKind, VersionStatus
from .conditions import SpecialCondition
from .subawards import Subaward, SubawardQuerySet
from .versions import IndirectRateKind, SubawardBudgetLine, SubawardVersion

__all__ = [
    "IndirectRateKind",
    "SpecialCondition",
    "Subaward",
    "SubawardBudgetLine",
    "SubawardQuerySet",
    "SubawardVersion",
    "VersionKind",
    "VersionStatus",
]
