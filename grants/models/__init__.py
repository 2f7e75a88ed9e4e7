"""The VOCA award and the money charged to it.

Every row here is written only by ``grants.operations``: one transaction, locks, validation,
the acting user and a reason. Rows are never deleted and paid draws never change; history lives in
the django-simple-history tables, which ``grants.ledger`` reads to reconstruct past balances.
"""

from ..exports.models import ExportLog, GeneratedExport
from .award import (
    RULES,
    Award,
    AwardQuerySet,
    GuidanceRules,
    IndirectRateType,
    UniformGuidance,
)
from .base import (
    CENT,
    REASON_MAX,
    ZERO,
    AppendOnlyModel,
    AppendOnlyQuerySet,
    MoneyField,
    private_storage,
)
from .closeout import AwardCloseOut
from .draws import (
    COMMITTED_STATUSES,
    USING_STATUSES,
    Draw,
    DrawQuerySet,
    DrawStatus,
    claim_date,
    claimed_between,
    date_paid,
    paid_on_or_before,
)
from .funding import ContactFunding
from .lines import BudgetLine, BudgetLineQuerySet, CostCategory, LineChoice
from .match import MatchContribution, MatchKind
from .revisions import BudgetRevision, RevisionStatus

__all__ = [
    "CENT",
    "COMMITTED_STATUSES",
    "REASON_MAX",
    "RULES",
    "USING_STATUSES",
    "ZERO",
    "AppendOnlyModel",
    "AppendOnlyQuerySet",
    "Award",
    "AwardCloseOut",
    "AwardQuerySet",
    "BudgetLine",
    "BudgetLineQuerySet",
    "BudgetRevision",
    "ContactFunding",
    "CostCategory",
    "Draw",
    "DrawQuerySet",
    "DrawStatus",
    "ExportLog",
    "GeneratedExport",
    "GuidanceRules",
    "IndirectRateType",
    "LineChoice",
    "MatchContribution",
    "MatchKind",
    "MoneyField",
    "RevisionStatus",
    "UniformGuidance",
    "claim_date",
    "claimed_between",
    "date_paid",
    "paid_on_or_before",
    "private_storage",
]
