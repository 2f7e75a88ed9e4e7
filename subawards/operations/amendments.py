"""Amendments: increase, decrease (de-obligation, with its reason), extension, budget revision.

Every amendment is a new version holding every data element; nothing is edited in place. The
state prepares increases, decreases, extensions and its own budget revisions as drafts and issues
them; the subrecipient requests a budget revision, which needs the state's approval when it moves
more than ``RULES.revision_share_needing_approval`` of the total, adds a line, adds equipment or
changes the indirect rate; none is made in the last ``RULES.no_revision_last_days`` days.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from grants.models import CostCategory
from voca import formats

from .. import permissions
from ..models import SubawardVersion
from ..rules import RULES
from ..workflows import VersionKind, VersionStatus
from .base import lock_subaward, now, reason_text, save, today, usd
from .documents import issue_document
from .making import add_version, build_terms, clean_conditions, put_in_force, take_step

ZERO = Decimal("0.00")

# The data elements an amendment carries over from the version in force unless it changes them.
CARRIED = (
    "period_start",
    "period_end",
    "budget_period_start",
    "budget_period_end",
    "federal_award_date",
    "project_description",
    "pass_through_contact",
    "is_research",
    "indirect_rate_kind",
    "indirect_rate",
    "match_waived",
    "match_waiver_reason",
    "match_waiver_decision",
)


def revision_window_refusal(current: SubawardVersion | None) -> str:
    """No budget revision in the last days of the subaward's period of performance."""
    if current is None:
        return ""
    last_days = RULES.no_revision_last_days
    cutoff = current.period_end - dt.timedelta(days=last_days)
    if today() > cutoff:
        return (
            f"No budget revision in the last {last_days} days of the period of performance "
            f"(it ends {formats.day(current.period_end)}; the last day for a revision was "
            f"{formats.day(cutoff)})."
        )
    return ""


def approval_reasons(current: SubawardVersion, new_budget: dict, kind, rate) -> list[str]:
    """Why a budget revision needs the state's prior approval (empty when it does not)."""
    old = current.budget()
    total = current.total_obligated
    moved = sum(
        (max(new_budget.get(c, ZERO) - old.get(c, ZERO), ZERO) for c in set(old) | set(new_budget)),
        start=ZERO,
    )
    share = RULES.revision_share_needing_approval
    reasons = []
    if total and moved > total * share:
        reasons.append(
            f"it moves {usd(moved)}, more than {share * 100:.0f}% of the total ({usd(total)})"
        )
    added = [c for c in new_budget if not old.get(c)]
    if added:
        labels = ", ".join(CostCategory(c).label for c in added)
        reasons.append(f"it adds a budget line ({labels})")
    if new_budget.get(CostCategory.EQUIPMENT, ZERO) > old.get(CostCategory.EQUIPMENT, ZERO):
        reasons.append("it adds equipment")
    if kind != current.indirect_rate_kind or rate != current.indirect_rate:
        reasons.append("it changes the indirect cost rate")
    return reasons


def _terms_from(current: SubawardVersion, changes: dict) -> dict:
    terms = {name: getattr(current, name) for name in CARRIED}
    terms["budget"] = current.budget()
    terms["total_committed"] = None
    terms.update({k: v for k, v in changes.items() if v is not None})
    return terms


def _check_kind(kind, current, fields, errors) -> None:
    old, new = current.total_obligated, fields["total_obligated"]
    if kind == VersionKind.INCREASE and not new > old:
        errors["budget"] = (
            f"An increase raises the total above {usd(old)}; this budget is {usd(new)}."
        )
    elif kind == VersionKind.DECREASE and not new < old:
        errors["budget"] = (
            f"A decrease lowers the total below {usd(old)}; this budget is {usd(new)}."
        )
    elif kind in (VersionKind.EXTENSION, VersionKind.BUDGET_REVISION) and new != old:
        errors["budget"] = (
            f"A {VersionKind(kind).label.lower()} keeps the total at {usd(old)} (this budget is "
            f"{usd(new)}): an increase or a decrease changes it."
        )
    if kind == VersionKind.EXTENSION and not fields["period_end"] > current.period_end:
        errors["period_end"] = f"An extension ends later than {formats.day(current.period_end)}."
    if kind != VersionKind.EXTENSION and fields["period_end"] != current.period_end:
        errors["period_end"] = "Only an extension changes the end of the period."
    if kind == VersionKind.BUDGET_REVISION:
        if fields_budget_same(current, fields):
            errors["budget"] = "The budget is the same as the one in force."
        if refusal := revision_window_refusal(current):
            errors["budget"] = refusal


def fields_budget_same(current, fields) -> bool:
    return current.budget() == fields.get("_budget")


def _prepare(actor, subaward, kind, reason, changes, conditions, status, requested_by=None):
    current = subaward.current_version()
    if (
        kind == VersionKind.EXTENSION
        and changes.get("budget_period_end") in (None, current.budget_period_end)
        and current.budget_period_end == current.period_end
    ):
        # A budget period that ran to the end of the period runs to its new end.
        changes = {**changes, "budget_period_end": changes.get("period_end")}
    errors = {}
    fields, budget = build_terms(
        subaward.line.award, _terms_from(current, changes), errors, actor=actor
    )
    # A waiver carried over keeps who decided it; a new one is decided by the actor.
    if (
        fields["match_waived"]
        and fields["match_waived"] == current.match_waived
        and (fields["match_waiver_decision"] == current.match_waiver_decision)
    ):
        fields["match_waiver_decided_by"] = current.match_waiver_decided_by
    texts = clean_conditions(conditions, errors)
    if "period_end" not in errors and not any(k.startswith("budget") for k in errors):
        _check_kind(kind, current, {**fields, "_budget": budget}, errors)
    if errors:
        raise ValidationError(errors)
    fields.update(
        kind=kind,
        status=status,
        amount_this_action=fields["total_obligated"] - current.total_obligated,
        requested_by=requested_by,
    )
    if kind == VersionKind.BUDGET_REVISION:
        reasons = approval_reasons(
            current, budget, fields["indirect_rate_kind"], fields["indirect_rate"]
        )
        fields["needs_state_approval"] = bool(reasons)
        fields["approval_reasons"] = "; ".join(reasons)
    return add_version(subaward, fields, budget, actor, reason, texts)


@transaction.atomic
def amend_subaward(
    actor, *, subaward_id, kind: str, reason: str, conditions=(), **changes
) -> SubawardVersion:
    """The state prepares an amendment as a draft: ``changes`` are the data elements it changes
    (``budget`` for an increase, decrease or revision; ``period_end`` for an extension). A
    decrease gives its reason (e.g. the federal award was cut)."""
    subaward = lock_subaward(subaward_id)
    permissions.require(permissions.can_amend(actor, subaward))
    reason = reason_text(reason)
    if kind not in VersionKind.values or kind == VersionKind.ORIGINAL:
        raise ValidationError({"kind": "Choose the kind of amendment."})
    return _prepare(actor, subaward, kind, reason, changes, conditions, VersionStatus.DRAFT)


@transaction.atomic
def request_budget_revision(actor, *, subaward_id, budget: dict, reason: str, **changes):
    """The subrecipient asks to move money between its budget's categories (the total stays).
    Within the rules it is approved at once and the document re-issued; otherwise the state
    decides it (``approve_version`` / ``reject_version``)."""
    subaward = lock_subaward(subaward_id)
    permissions.require(permissions.can_request_revision(actor, subaward))
    reason = reason_text(reason)
    changes = {k: v for k, v in changes.items() if k in ("indirect_rate_kind", "indirect_rate")}
    version = _prepare(
        actor,
        subaward,
        VersionKind.BUDGET_REVISION,
        reason,
        {**changes, "budget": budget},
        (),
        VersionStatus.REQUESTED,
        requested_by=actor,
    )
    if version.needs_state_approval:
        return version
    # Within what the subrecipient may move alone: in force at once, said so in the record.
    version.status = VersionStatus.APPROVED
    version.decision_reason = (
        "No prior approval needed: within the share the subrecipient may move, no new line, "
        "no equipment, no indirect change."
    )
    version.effective_on = today()
    save(version, actor, reason)
    issue_document(version, actor)
    return version


@transaction.atomic
def approve_version(actor, *, version_id, reason: str = "Approved") -> SubawardVersion:
    step, subaward, version, reason = take_step(actor, version_id, "approve", reason)
    if refusal := revision_window_refusal(subaward.current_version()):
        raise ValidationError(refusal)
    return put_in_force(actor, subaward, version, step, reason)


@transaction.atomic
def reject_version(actor, *, version_id, reason: str) -> SubawardVersion:
    step, _subaward, version, reason = take_step(actor, version_id, "reject", reason)
    version.status = step.target
    version.decided_by, version.decided_at, version.decision_reason = actor, now(), reason
    save(version, actor, f"Rejected: {reason}")
    return version


def prepare_amendment(actor, subaward, kind, reason, changes, *, status, requested_by=None):
    """A new version of ``subaward`` (locked) carrying the version in force but for ``changes``,
    checked as every amendment is (other kinds of change: ``operations.waivers``)."""
    return _prepare(actor, subaward, kind, reason, changes, (), status, requested_by)
