"""The award and its approved budget lines."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction

from voca.operations import field_text

from .. import permissions
from ..admin_share import cap_refusal
from ..models import RULES, ZERO, Award, BudgetLine, IndirectRateType, UniformGuidance
from .base import _lock_award, _usd, money, reason_text, save


@transaction.atomic
def create_award(
    *,
    actor,
    federal_award_number: str,
    administering_agency: str,
    federal_fiscal_year: int,
    total_amount,
    period_start: dt.date,
    period_end: dt.date,
    reason: str,
    funder: str | None = None,
    match_rate: Decimal = Decimal("0.2000"),
    match_waiver_percent: Decimal = ZERO,
    match_waiver_reference: str = "",
    indirect_cost_rate: Decimal | None = None,
    uniform_guidance: str | None = None,
    negotiated_indirect_rate: bool = False,
    indirect_rate_type: str | None = None,
) -> Award:
    """A new award; ``uniform_guidance`` defaults from the start date (see UniformGuidance)."""
    permissions.require(permissions.can_create_award(actor))
    reason = reason_text(reason)
    total = money(total_amount, "total_amount")
    errors = {}
    if period_end <= period_start:
        errors["period_end"] = "The period of performance must end after it starts."
    rates = _rates(
        match_rate=match_rate,
        match_waiver_percent=match_waiver_percent,
        indirect_cost_rate=indirect_cost_rate,
        errors=errors,
    )
    guidance = _guidance(uniform_guidance, period_start, errors)
    indirect_rate_type = _rate_type(indirect_rate_type, bool(negotiated_indirect_rate), errors)
    if errors:
        raise ValidationError(errors)
    match_rate, match_waiver_percent, indirect_cost_rate = rates
    check_indirect_rate(guidance, indirect_cost_rate, negotiated=bool(negotiated_indirect_rate))
    federal_award_number = field_text(federal_award_number, Award, "federal_award_number")
    administering_agency = field_text(administering_agency, Award, "administering_agency")
    match_waiver_reference = field_text(match_waiver_reference, Award, "match_waiver_reference")
    funder = field_text(funder, Award, "funder")
    if Award.objects.filter(federal_award_number=federal_award_number).exists():
        raise ValidationError(
            {"federal_award_number": "An award with this federal award number already exists."}
        )
    award = Award(
        federal_award_number=federal_award_number,
        administering_agency=administering_agency,
        federal_fiscal_year=federal_fiscal_year,
        total_amount=total,
        period_start=period_start,
        period_end=period_end,
        match_rate=match_rate,
        match_waiver_percent=match_waiver_percent,
        match_waiver_reference=match_waiver_reference,
        indirect_cost_rate=indirect_cost_rate,
        uniform_guidance=guidance,
        negotiated_indirect_rate=bool(negotiated_indirect_rate),
        indirect_rate_type=indirect_rate_type,
    )
    if funder:
        award.funder = funder
    save(award, actor, reason)
    return award


def _guidance(value, period_start, errors) -> str | None:
    if value in (None, ""):
        if isinstance(period_start, dt.date):
            return UniformGuidance.for_start(period_start)
        return None
    if value not in UniformGuidance.values:
        errors["uniform_guidance"] = "Choose which Uniform Guidance applies to this award."
    return value


def _rate_type(value, negotiated: bool, errors) -> str:
    """SF-425 11a's type of rate: de minimis without an agreement, any other type with one;
    left out, it follows the agreement box (an agreement's rate is provisional until final)."""
    if value in (None, ""):
        return IndirectRateType.PROVISIONAL if negotiated else IndirectRateType.DE_MINIMIS
    if value not in IndirectRateType.values:
        errors["indirect_rate_type"] = "Choose the type of indirect rate."
    elif negotiated and value == IndirectRateType.DE_MINIMIS:
        errors["indirect_rate_type"] = (
            "A rate from a negotiated agreement is provisional, predetermined, final or fixed, "
            "not de minimis."
        )
    elif not negotiated and value != IndirectRateType.DE_MINIMIS:
        errors["indirect_rate_type"] = (
            f"A {IndirectRateType(value).label.lower()} rate comes from a negotiated agreement: "
            "tick “Indirect rate from a negotiated agreement”, or choose de minimis."
        )
    return value


def check_indirect_rate(guidance: str, rate: Decimal | None, *, negotiated: bool) -> None:
    """Above the de minimis rate of the award's rules, only with a negotiated agreement."""
    de_minimis = RULES[UniformGuidance(guidance)].de_minimis_rate
    if rate is not None and rate > de_minimis and not negotiated:
        raise ValidationError(
            {
                "indirect_cost_rate": f"Without a negotiated indirect cost rate agreement the "
                f"rate is at most the de minimis {de_minimis}% under "
                f"{UniformGuidance(guidance).label}."
            }
        )


def _rates(*, match_rate, match_waiver_percent, indirect_cost_rate, errors):
    """The award's rates as Decimals in their ranges (commands and tests call without a form)."""

    def number(name, value, ok, message, places):
        # Checked as stored: the columns keep ``places`` decimals, so more would be rounded.
        try:
            value = Decimal(str(value))
        except (InvalidOperation, ValueError, TypeError):
            value = None
        if value is None or not value.is_finite() or not ok(value):
            errors[name] = message
        elif value != value.quantize(Decimal(1).scaleb(-places)):
            errors[name] = f"Use at most {places} decimal places."
        return value

    rate = number(
        "match_rate",
        match_rate,
        lambda v: 0 <= v < 1,
        "The required match is a share of total project cost from 0 to less than 1, e.g. 0.20.",
        4,
    )
    waiver = number(
        "match_waiver_percent",
        match_waiver_percent,
        lambda v: 0 <= v <= 100,
        "The match waived is a percentage from 0 to 100.",
        2,
    )
    indirect = None
    if indirect_cost_rate not in (None, ""):
        indirect = number(
            "indirect_cost_rate",
            indirect_cost_rate,
            lambda v: 0 <= v <= 100,
            "The indirect cost rate is a percentage from 0 to 100.",
            2,
        )
    return rate, waiver, indirect


@transaction.atomic
def add_budget_line(
    *,
    actor,
    award_id,
    category: str,
    program: str,
    description: str,
    amount,
    reason: str,
    administration: bool = False,
) -> BudgetLine:
    """A new line of the approved budget; all lines together never exceed the award, and lines
    for the state's administration and training never exceed 5% of it (28 CFR 94.107)."""
    permissions.require(permissions.can_add_budget_line(actor))
    reason = reason_text(reason)
    amount = money(amount, allow_zero=True)
    program = field_text(program, BudgetLine, "program")
    description = field_text(description, BudgetLine, "description")
    award = _lock_award(award_id)
    unbudgeted = award.unbudgeted()
    if amount > unbudgeted:
        raise ValidationError(
            {
                "amount": f"The budget lines would exceed the award: only {_usd(unbudgeted)} "
                "of the award is not yet budgeted."
            }
        )
    if administration and (refusal := cap_refusal(award, amount)):
        raise ValidationError({"amount": refusal})
    line = BudgetLine(
        award=award,
        category=category,
        program=program,
        description=description,
        amount=amount,
        is_administration=bool(administration),
    )
    save(line, actor, reason)
    return line
