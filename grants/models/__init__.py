"""The VOCA award and the money charged to it.

Every row here is written only by ``grants.operations``: one transaction, locks, validation,
the acting user and a reason. Rows are never deleted and paid draws never change; history lives in
the django-simple-history tables, which ``grants.ledger`` reads to reconstruct past balances.
"""

from ..exports.models import ExportLog, GeneratedExport
from ..workflows import DrawStatus, RevisionStatus
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
    Draw,
    DrawQuerySet,
    claim_date,
    claimed_between,
    date_paid,
    paid_on_or_before,
)
from .funding import ContactFunding
from .lines import (
    BudgetLine,
    BudgetLineQuerySet,
    CostCategory,
    LineBalance,
    LineChoice,
    draw_sums,
    obligated_sums,
    unliquidated,
)
from .match import MatchContribution, MatchKind
from .obligations import Obligation, ObligationQuerySet
from .revisions import BudgetRevision

__all__ = [
    "CENT",
    "REASON_MAX",
    "RULES",
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
    "LineBalance",
    "LineChoice",
    "MatchContribution",
    "MatchKind",
    "MoneyField",
    "Obligation",
    "ObligationQuerySet",
    "RevisionStatus",
    "UniformGuidance",
    "claim_date",
    "claimed_between",
    "date_paid",
    "draw_sums",
    "obligated_sums",
    "paid_on_or_before",
    "private_storage",
    "unliquidated",
]
