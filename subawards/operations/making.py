"""Making a subaward: its first version prepared as a draft, then issued (its money obligated on
the state award's Subawards line, its document issued)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from grants.models import BudgetLine, CostCategory
from grants.operations.base import refuse_if_closed
from grants.operations.obligations import change_obligation, obligate, room_refusal
from organizations.models import Organization, OrganizationKind
from voca.operations import field_text

from .. import permissions
from ..models import SpecialCondition, Subaward, SubawardBudgetLine, SubawardVersion
from ..rules import RULES
from ..workflows import VERSIONS, ClaimFrequency, VersionKind, VersionStatus
from .base import lock_subaward, money, now, reason_text, save, today, usd
from .documents import issue_document
from .exclusion import exclusion_refusal
from .terms import check_indirect, check_periods, check_waiver, clean_budget, required_match

SUBAWARDS_LINE = "Choose the Subawards line of a federal award that is not closed out."


def next_number(year: int) -> str:
    """SUB-<year>-<nnn>, numbered in order within the year (the caller holds the unit's lock)."""
    prefix = f"SUB-{year}-"
    taken = Subaward.objects.filter(number__startswith=prefix).values_list("number", flat=True)
    last = max(
        (int(n.removeprefix(prefix)) for n in taken if n.removeprefix(prefix).isdigit()), default=0
    )
    return f"{prefix}{last + 1:03d}"


def _subrecipient(subrecipient_id, errors) -> Organization | None:
    org = Organization.objects.filter(
        pk=subrecipient_id, kind=OrganizationKind.SUBRECIPIENT
    ).first()
    if org is None or not org.is_active:
        errors["subrecipient"] = "Choose an active subrecipient."
        return None
    if not (org.uei and org.legal_name):
        errors["subrecipient"] = (
            f"{org} has no UEI or legal name on record: a subaward prints both (2 CFR 200.332)."
        )
        return None
    if refusal := exclusion_refusal(org, today()):
        errors["subrecipient"] = refusal
    return org


def _line(line_id, errors) -> BudgetLine | None:
    line = BudgetLine.objects.select_related("award").filter(pk=line_id).first()
    if line is None or line.category != CostCategory.SUBAWARDS or line.award.is_closed:
        errors["line"] = SUBAWARDS_LINE
        return None
    return line


def build_terms(award, terms: dict, errors: dict, *, actor) -> tuple[dict, dict]:
    """The data elements of a version from ``terms`` (what a form or a caller gives), checked:
    periods, budget, indirect rate, committed total, match and its waiver. Returns the version's
    fields and its budget {category: amount}."""
    budget = clean_budget(terms.get("budget"), errors)
    total = sum(budget.values(), start=money(0, allow_zero=True))
    start, end = terms.get("period_start"), terms.get("period_end")
    budget_start = terms.get("budget_period_start") or start
    budget_end = terms.get("budget_period_end") or end
    check_periods(award, start, end, budget_start, budget_end, errors)
    kind, rate = check_indirect(
        award, terms.get("indirect_rate_kind"), terms.get("indirect_rate"), budget, errors
    )
    committed = terms.get("total_committed")
    if committed in (None, ""):
        committed = total
    else:
        try:
            committed = money(committed, "total_committed", allow_zero=True)
        except ValidationError as error:
            errors.update(error.message_dict)
            committed = total
        if committed < total:
            errors["total_committed"] = (
                f"The total committed is at least the total obligated ({usd(total)})."
            )
    required = required_match(total)
    waiver_reason = field_text(
        terms.get("match_waiver_reason", ""),
        SubawardVersion,
        "match_waiver_reason",
        multiline=True,
        errors=errors,
    )
    waiver_decision = field_text(
        terms.get("match_waiver_decision", ""),
        SubawardVersion,
        "match_waiver_decision",
        multiline=True,
        errors=errors,
    )
    waived = check_waiver(
        required, terms.get("match_waived"), waiver_reason, waiver_decision, errors
    )
    texts = {}
    for name, message in (
        ("project_description", "Describe the project (what the subaward pays for)."),
        ("pass_through_contact", "Name the state's contact for this subaward."),
    ):
        texts[name] = field_text(
            terms.get(name, ""), SubawardVersion, name, multiline=True, errors=errors
        )
        if not texts[name] and name not in errors:
            errors[name] = message
    award_date = terms.get("federal_award_date") or award.period_start
    if not isinstance(award_date, dt.date):
        errors["federal_award_date"] = "Enter the date of the federal award."
    fields = {
        "fain": award.federal_award_number,
        "federal_award_date": award_date,
        "period_start": start,
        "period_end": end,
        "budget_period_start": budget_start,
        "budget_period_end": budget_end,
        "total_obligated": total,
        "total_committed": committed,
        "awarding_agency": award.funder,
        "pass_through_entity": award.administering_agency,
        "assistance_listing": RULES.assistance_listing,
        "is_research": bool(terms.get("is_research")),
        "indirect_rate_kind": kind,
        "indirect_rate": rate,
        "match_required": required,
        "match_waived": waived,
        "match_waiver_reason": waiver_reason if waived else "",
        "match_waiver_decision": waiver_decision if waived else "",
        "match_waiver_decided_by": actor if waived else None,
        **texts,
    }
    return fields, budget


def add_version(subaward, fields: dict, budget: dict, actor, reason: str, conditions=()):
    """The next version of ``subaward`` (locked) with its budget rows and new conditions."""
    last = subaward.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = SubawardVersion(
        subaward=subaward, number=last + 1, reason=reason, prepared_by=actor, **fields
    )
    version.subrecipient_name = subaward.subrecipient.legal_name
    version.subrecipient_uei = subaward.subrecipient.uei
    save(version, actor, reason)
    for category, amount in budget.items():
        SubawardBudgetLine.objects.create(version=version, category=category, amount=amount)
    numbered = subaward.conditions.count()
    for offset, text in enumerate(conditions, start=1):
        condition = SpecialCondition(
            subaward=subaward, number=numbered + offset, text=text, added_in=version
        )
        save(condition, actor, reason)
    return version


def clean_conditions(conditions, errors) -> list[str]:
    texts = []
    for raw in conditions or ():
        text = field_text(raw, SpecialCondition, "text", multiline=True, errors=errors)
        if text:
            texts.append(text)
    return texts


@transaction.atomic
def create_subaward(
    actor,
    *,
    subrecipient_id,
    line_id,
    reason: str,
    conditions=(),
    claim_frequency=ClaimFrequency.MONTHLY,
    **terms,
):
    """Prepare a subaward from exactly one federal award (the Subawards line ``line_id``) as a
    draft: every data element of 2 CFR 200.332(b)(1) checked, nothing obligated until issued;
    the subrecipient claims monthly or quarterly (``claim_frequency``)."""
    permissions.require(permissions.can_make_subawards(actor))
    reason = reason_text(reason)
    errors = {}
    if claim_frequency not in ClaimFrequency.values:
        errors["claim_frequency"] = "Choose monthly or quarterly."
    org = _subrecipient(subrecipient_id, errors)
    line = _line(line_id, errors)
    if line is None:
        raise ValidationError(errors)
    fields, budget = build_terms(line.award, terms, errors, actor=actor)
    texts = clean_conditions(conditions, errors)
    if not errors and (
        refusal := room_refusal(
            line,
            fields["total_obligated"],
            f"this subaward's budget is {usd(fields['total_obligated'])}",
        )
    ):
        errors["budget"] = refusal
    if errors:
        raise ValidationError(errors)
    Organization.objects.select_for_update().filter(kind=OrganizationKind.UNIT).first()
    subaward = Subaward(
        number=next_number(today().year),
        subrecipient=org,
        line=line,
        created_by=actor,
        claim_frequency=claim_frequency,
    )
    save(subaward, actor, reason)
    fields.update(
        kind=VersionKind.ORIGINAL,
        status=VersionStatus.DRAFT,
        amount_this_action=fields["total_obligated"],
    )
    add_version(subaward, fields, budget, actor, reason, texts)
    return subaward


def issue_refusal(version) -> str:
    """Why ``version`` may not be issued (or approved) today beyond its workflow state; empty
    when it may: an award closed out, or for the subaward and any increase the exclusion rule."""
    subaward = version.subaward
    award = subaward.line.award
    if award.is_closed:
        return f"Award {award.federal_award_number} is closed out: no subaward changes."
    if version.kind in (VersionKind.ORIGINAL, VersionKind.INCREASE):
        return exclusion_refusal(subaward.subrecipient, today())
    return ""


def _lock_version(version_id):
    keys = SubawardVersion.objects.filter(pk=version_id).values("subaward_id").first()
    if keys is None:
        raise ValidationError("That subaward version does not exist.")
    subaward = lock_subaward(keys["subaward_id"])
    version = SubawardVersion.objects.select_for_update().get(pk=version_id)
    return subaward, version


def take_step(actor, version_id, step_name: str, reason: str):
    """Open a step of ``VERSIONS``: permission, reason, locks, state, separation of duties."""
    step = VERSIONS[step_name]
    permissions.require(
        permissions.holds_state_permission(actor, step.permission),
        f"Your role does not let you take this step ({step.label}).",
    )
    reason = reason_text(reason if step.reason_required else (reason or step.label))
    subaward, version = _lock_version(version_id)
    VERSIONS.check(version, step_name, actor)
    return step, subaward, version, reason


def put_in_force(actor, subaward, version, step, reason: str):
    """The money and the document of a version coming into force (issued or approved)."""
    if refusal := issue_refusal(version):
        raise ValidationError(refusal)
    refuse_if_closed(subaward.line.award)
    current = subaward.current_version()
    if version.kind == VersionKind.ORIGINAL:
        subaward.obligation = obligate(
            actor,
            line=subaward.line,
            amount=version.total_obligated,
            reference=subaward.number,
            reason=f"{subaward.number} issued: {reason}",
        )
        save(subaward, actor, reason)
    elif current is not None and version.total_obligated != current.total_obligated:
        change_money(actor, subaward, version, reason)
    version.status = step.target
    version.effective_on = today()
    version.decided_by, version.decided_at = actor, now()
    if step.reason_required or step.name != "issue":
        version.decision_reason = reason
    save(version, actor, reason)
    issue_document(version, actor)
    return version


def change_money(actor, subaward, version, reason: str) -> None:
    try:
        change_obligation(
            actor,
            subaward.obligation,
            amount=version.total_obligated,
            reason=f"{subaward.number} v{version.number}: {reason}",
        )
    except ValidationError as error:
        messages = error.message_dict.get("amount") if hasattr(error, "error_dict") else None
        raise ValidationError({"budget": messages or error.messages}) from None


@transaction.atomic
def issue_version(actor, *, version_id, reason: str = "Issued") -> SubawardVersion:
    """Issue a draft the state prepared: the subaward itself (its money obligated), an increase
    or decrease (the obligation changed), an extension or a budget revision."""
    step, subaward, version, reason = take_step(actor, version_id, "issue", reason)
    return put_in_force(actor, subaward, version, step, reason)
