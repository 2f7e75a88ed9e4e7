"""Cross-report reconciliation: the figures other reports give for the same award, period and as-of.

Each is computed its own way from the history tables (not through the ledger's balances) so a
report that reads the wrong moment, the wrong lines or the wrong draws is caught by its Checks.
"""

from dataclasses import dataclass, replace
from decimal import Decimal

from django.db.models import Sum

from voca.history import versions_as_of
from voca.money import round_cents

from ..models import (
    ZERO,
    Award,
    BudgetLine,
    MatchContribution,
    Obligation,
    paid_on_or_before,
)
from .context import ReportContext
from .cover import Check
from .draws import draws_in_period
from .period import Period


@dataclass(frozen=True)
class Figures:
    cut_label: str
    # SF-425 10e and budget vs actual "spent to date": paid per the ledger at the cut.
    ledger_paid: Decimal
    # The draw register's paid total over every draw incurred from the award's start to the
    # period end, as known at as-of, whose date paid is on or before the period end.
    register_paid: Decimal
    # Budget vs actual "approved budget": the budget lines as they stood at the cut.
    approved_budget: Decimal
    # Every match record as it stood at the cut, added one by one.
    match_records: Decimal
    # Every subaward obligation as it stood at the cut, added one by one: what the Subawards
    # lines have spent and still commit, each obligation once.
    obligations: Decimal = ZERO


def figures(ctx: ReportContext) -> Figures | None:
    if not ctx.award_id:
        return None
    award = versions_as_of(Award.history.model, ctx.cut, id=ctx.award_id).first()
    if award is None:
        return None
    balances = ctx.balances_to_date()
    # The register's draws incurred from the award's start, as known at as-of, paid by the end.
    whole = replace(ctx, period=Period(award.period_start, ctx.period.end))
    register = draws_in_period(whole).filter(paid_on_or_before(ctx.period.end))
    register = register.aggregate(s=Sum("amount"))
    lines = versions_as_of(BudgetLine.history.model, ctx.cut, award_id=ctx.award_id)
    match = versions_as_of(MatchContribution.history.model, ctx.cut, award_id=ctx.award_id)
    obligations = versions_as_of(Obligation.history.model, ctx.cut, award_id=ctx.award_id)
    return Figures(
        cut_label=f"{ctx.cut:%Y-%m-%d %H:%M}",
        ledger_paid=balances.paid if balances else ZERO,
        register_paid=round_cents(register["s"] or ZERO),
        approved_budget=sum((v for v in lines.values_list("amount", flat=True)), ZERO),
        match_records=sum((v for v in match.values_list("value", flat=True)), ZERO),
        obligations=sum((v for v in obligations.values_list("amount", flat=True)), ZERO),
    )


def checks(
    report: str,
    fig: Figures | None,
    *,
    paid_to_date: Decimal | None = None,
    approved: Decimal | None = None,
    match: Decimal | None = None,
    subawards_used: Decimal | None = None,
    labels: dict[str, tuple[str, str]] | None = None,
) -> list[Check]:
    """``report``'s own figures against the others' (each PASS/FAIL with both figures).
    ``labels`` names a figure (``"paid_to_date"``, ``"approved"``, ``"match"``) as the report
    shows it, with the formula of its cell; the other reports' figures are constants.
    ``subawards_used``: what the report counts as spent plus committed on Subawards lines."""
    if fig is None:
        return []
    labels = labels or {}

    def own(key, default):
        return labels.get(key, (f"{report} {default}", ""))

    out = []
    if paid_to_date is not None:
        name, cell = own("paid_to_date", "paid to date")
        out += [
            Check(
                f"Other reports: {name} = paid per the ledger at {fig.cut_label} (SF-425 10e, "
                "budget vs actual spent to date, claim paid to date)",
                fig.ledger_paid,
                paid_to_date,
                actual_formula=cell,
            ),
            Check(
                f"Other reports: {name} = draw register paid total (draws incurred from the "
                "award's start to the period end)",
                fig.register_paid,
                paid_to_date,
                actual_formula=cell,
            ),
        ]
    if approved is not None:
        name, cell = own("approved", "approved budget")
        out.append(
            Check(
                f"Other reports: {name} = budget lines as recorded at {fig.cut_label} (budget "
                "vs actual and claim approved budget)",
                fig.approved_budget,
                approved,
                actual_formula=cell,
            )
        )
    if subawards_used is not None:
        out.append(
            Check(
                f"Other reports: {report} paid and committed on Subawards lines = subaward "
                f"obligations recorded at {fig.cut_label}, each counted once",
                fig.obligations,
                subawards_used,
            )
        )
    if match is not None:
        name, cell = own("match", "match provided")
        out.append(
            Check(
                f"Other reports: {name} = sum of the match records",
                fig.match_records,
                match,
                actual_formula=cell,
            )
        )
    return out
