"""The terms of a subaward version, checked once for the subaward and every amendment: periods,
budget by federal cost category, indirect rate, match and its waiver."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError

from grants.models import CostCategory
from voca import formats
from voca.money import round_cents

from ..models import IndirectRateKind
from ..rules import RULES
from .base import money, usd

ZERO = Decimal("0.00")
# A subrecipient's budget uses the federal cost categories, but never passes money further down.
BUDGET_CATEGORIES = tuple(c for c in CostCategory.values if c != "subawards")


def budget_field(category: str) -> str:
    """The form field (and error key) of one category of the budget."""
    return f"budget_{category}"


def clean_budget(budget: dict, errors: dict) -> dict[str, Decimal]:
    """{category: amount} in whole cents, categories the federal ones, zero lines left out."""
    cleaned = {}
    for category, raw in (budget or {}).items():
        if category not in BUDGET_CATEGORIES:
            errors["budget"] = f"“{category}” is not a federal cost category of a subaward budget."
            continue
        if raw in (None, ""):
            continue
        try:
            amount = money(raw, budget_field(category), allow_zero=True)
        except ValidationError as error:
            errors.update(error.message_dict)
            continue
        if amount:
            cleaned[category] = amount
    if not cleaned and not any(k.startswith("budget") for k in errors):
        errors["budget"] = "Give the budget: an amount in at least one federal cost category."
    return cleaned


def check_periods(award, start, end, budget_start, budget_end, errors: dict) -> None:
    """The subaward's period lies within the federal award's; the budget period within it."""
    for name, value in (
        ("period_start", start),
        ("period_end", end),
        ("budget_period_start", budget_start),
        ("budget_period_end", budget_end),
    ):
        if not isinstance(value, dt.date):
            errors[name] = "Enter a date."
    if any(k in errors for k in ("period_start", "period_end")):
        return
    if end < start:
        errors["period_end"] = "The period of performance must end after it starts."
    elif start < award.period_start or end > award.period_end:
        errors["period_end" if end > award.period_end else "period_start"] = (
            f"A subaward's period lies within award {award.federal_award_number}'s period of "
            f"performance ({formats.day(award.period_start)} to {formats.day(award.period_end)})."
        )
    if any(k in errors for k in ("budget_period_start", "budget_period_end")):
        return
    if budget_end < budget_start:
        errors["budget_period_end"] = "The budget period must end after it starts."
    elif budget_start < start or budget_end > end:
        errors["budget_period_end"] = "The budget period lies within the period of performance."


def check_indirect(award, kind, rate, budget: dict, errors: dict) -> tuple[str, Decimal]:
    """No indirect costs; the de minimis rate of the federal award's Uniform Guidance at most
    (``award.rules.de_minimis_rate``: 15% from the 2024 revision, 10% before); or a negotiated
    rate. An Indirect line in the budget needs a rate."""
    if kind not in IndirectRateKind.values:
        errors["indirect_rate_kind"] = (
            "Choose the indirect cost rate: none, de minimis or negotiated."
        )
        return kind, ZERO
    if kind == IndirectRateKind.NONE:
        if budget.get(CostCategory.INDIRECT):
            errors[budget_field(CostCategory.INDIRECT)] = (
                "The budget has indirect costs: choose the de minimis or a negotiated rate."
            )
        return kind, ZERO
    try:
        rate = Decimal(str(rate))
    except (InvalidOperation, ValueError, TypeError):
        rate = None
    if rate is None or not rate.is_finite() or not 0 < rate <= 100:
        errors["indirect_rate"] = "The indirect cost rate is a percentage above 0 and at most 100."
        return kind, ZERO
    if rate != rate.quantize(Decimal("0.01")):
        errors["indirect_rate"] = "Use at most 2 decimal places."
        return kind, ZERO
    de_minimis = award.rules.de_minimis_rate
    if kind == IndirectRateKind.DE_MINIMIS and rate > de_minimis:
        errors["indirect_rate"] = (
            f"The de minimis rate is at most {de_minimis}% of modified total direct costs under "
            f"award {award.federal_award_number}'s rules ({award.get_uniform_guidance_display()}); "
            "a higher rate needs a negotiated indirect cost rate agreement."
        )
    return kind, rate


def required_match(total_federal: Decimal) -> Decimal:
    """28 CFR 94.118: match is 20% of total project cost, so federal / 0.8 x 0.2, half-up."""
    share = RULES.match_share
    return round_cents(total_federal / (1 - share) * share)


def check_waiver(required: Decimal, waived, reason: str, decision: str, errors: dict) -> Decimal:
    """A waiver (whole or part) of the match: at most what is required, with its reason and the
    state's decision recorded."""
    try:
        waived = money(
            waived if waived not in (None, "") else ZERO, "match_waived", allow_zero=True
        )
    except ValidationError as error:
        errors.update(error.message_dict)
        return ZERO
    if waived > required:
        errors["match_waived"] = (
            f"At most the whole match can be waived: {usd(required)} is required "
            "(20% of total project cost)."
        )
    if waived and not reason:
        errors["match_waiver_reason"] = "Say why the match is waived: OVC is told of every waiver."
    if waived and not decision:
        errors["match_waiver_decision"] = (
            "Record the state's decision on the waiver (e.g. the waiver policy section applied)."
        )
    return waived
