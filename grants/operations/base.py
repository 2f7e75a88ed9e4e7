"""What money operations add to the kit (voca.operations): the clock, amounts, the reason's
limit, the award and line locks."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection

from voca import clock, formats
from voca import operations as kit
from voca.money import parse_money, refuse_too_large, round_cents

from ..models import CENT, REASON_MAX, ZERO, Award, BudgetLine

# The one clock (voca.clock): costs and match count from the day they were incurred.
now = clock.now
today = clock.local_today
clock_at = clock.clock_at


def not_future(day, field: str, what: str) -> dict[str, str]:
    """A field error when ``day`` is after today (money is recorded once incurred), else none."""
    return kit.future_refusal(day, field, f"{what} cannot be in the future (today is {{today}}).")


# --- validation helpers -------------------------------------------------------------------------


def money(value, field: str = "amount", allow_zero: bool = False) -> Decimal:
    """An amount of dollars: typed text goes through voca.money; above zero, whole cents."""
    try:
        if isinstance(value, str):
            amount = parse_money(value, allow_negative=True)  # the sign is refused below
        else:
            amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: "Enter an amount in dollars, such as 1250.00."}) from None
    if not amount.is_finite():
        raise ValidationError({field: "Enter an amount in dollars, such as 1250.00."})
    try:
        refuse_too_large(amount)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    if amount != amount.quantize(CENT, rounding="ROUND_DOWN"):
        raise ValidationError({field: "Amounts have at most two decimals (whole cents)."})
    if amount < 0 and allow_zero:
        # Where $0.00 is accepted, "must be more than $0.00" would wrongly refuse it too.
        raise ValidationError({field: "The amount cannot be negative."})
    if amount < 0 or (amount == 0 and not allow_zero):
        raise ValidationError({field: "The amount must be more than $0.00."})
    return round_cents(amount)


def reason_text(reason: str) -> str:
    """Every money operation records why, within the grants' limit."""
    return kit.reason_text(
        reason, max_length=REASON_MAX, required="Give a reason: it is kept in the audit trail."
    )


# Dollars in a refusal, written the one way (voca.formats.money): $1,234.56, -$1,234.56.
_usd = formats.money


def save(obj, actor, reason: str) -> None:
    """Saved with who and why; the field rules (lengths, choices) checked first, as related rows
    were locked above and CHECKs back the rest."""
    kit.save_with_history(obj, actor=actor, reason=reason, check_fields=True)


def _lock_award(award_id, *, shared: bool = False) -> Award:
    """Lock the award row: exclusively to change its budget, shared to charge one of its lines.
    A closed-out award is refused here, so no operation writes to it.

    Draws on different lines then run in parallel, while a budget change waits for them (and
    they for it). SQLite has no row locks; its IMMEDIATE transactions serialize every writer.
    """
    if shared and connection.vendor == "postgresql":
        sql = "SELECT * FROM grants_award WHERE id = %s FOR SHARE"
        found = next(iter(Award.objects.raw(sql, [award_id])), None)
    else:
        found = Award.objects.select_for_update().filter(pk=award_id).first()
    if found is None:
        raise ValidationError("That award does not exist.")
    refuse_if_closed(found)
    return found


def refuse_if_closed(award: Award) -> None:
    """A closed-out award is read-only: every money operation locks it first, so stops here."""
    if award.is_closed:
        raise ValidationError(
            f"Award {award.federal_award_number} was closed out on {formats.day(award.closed_at)}"
            ": it is read-only (no draws, payments, revisions, match or budget changes)."
        )


LINE_OF_AWARD = "Choose a budget line of this award."


def _lock_lines(
    award: Award, *line_ids, field: str = "line", message: str = LINE_OF_AWARD
) -> dict[int, BudgetLine]:
    ids = sorted({i for i in line_ids if i is not None})
    lines = {
        line.pk: line
        for line in BudgetLine.objects.select_for_update().filter(pk__in=ids).order_by("pk")
    }
    for line_id in ids:
        if line_id not in lines or lines[line_id].award_id != award.pk:
            raise ValidationError({field: message})
    return lines


def room_refusal(line: BudgetLine, more, what: str) -> str:
    """Why ``more`` does not fit in what is left on ``line`` (``what`` says what asks for it:
    a draw, an obligation or its increase, a subaward's budget when it is drafted); empty when it
    fits. The one overdraw rule: what is left is ``line.balance().remaining``."""
    left = line.balance().remaining
    if more <= left:
        return ""
    return (
        f"Only {_usd(max(left, ZERO))} is left on the budget line "
        f"{line.short_label} ({line.description}); {what}."
    )


def check_room(line: BudgetLine, more, what: str) -> None:
    """``more`` must fit in what is left on the (locked) line: ``room_refusal`` on the amount."""
    if refusal := room_refusal(line, more, what):
        raise ValidationError({"amount": refusal})
