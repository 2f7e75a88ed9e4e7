"""Dollar amounts typed by a person: the one parser, its form field, and the one cent rounding."""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.core.exceptions import ValidationError

CENT = Decimal("0.01")
# The largest amount a ledger column holds (14 digits, 2 of them cents); larger is refused on the
# field before rounding, which would need more digits than Decimal's default precision.
MAX_AMOUNT = Decimal("999999999999.99")
TOO_LARGE = f"Enter an amount of at most ${MAX_AMOUNT:,.2f}."
MONEY_HELP = "Dollars and cents, e.g. 1,250.00"

# ASCII digits only (re's \d would take any script's digits); commas only in groups of three.
_MONEY = re.compile(
    r"(?P<sign>-?)\$?(?P<whole>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.(?P<cents>[0-9]{1,2}))?",
    re.ASCII,
)
_INVALID = "Enter an amount in dollars, such as 1,250.00 or 1250.00."


def parse_money(text, *, allow_negative: bool = False) -> Decimal:
    """``text`` as dollars: optional "$", commas between groups of three, at most two decimals."""
    raw = "" if text is None else str(text).strip()
    match = _MONEY.fullmatch(raw)
    if not match or not (match["whole"] or match["cents"]):
        if re.fullmatch(r"-?\$?[0-9,]*\.[0-9]{3,}", raw, re.ASCII):
            raise ValidationError("Amounts have at most two decimals (whole cents).")
        raise ValidationError(_INVALID)
    if match["sign"] and not allow_negative:
        raise ValidationError("The amount cannot be negative.")
    amount = Decimal(
        f"{match['sign']}{match['whole'].replace(',', '') or '0'}.{match['cents'] or '0'}"
    )
    refuse_too_large(amount)
    return round_cents(amount)


def refuse_too_large(amount: Decimal) -> None:
    """The one ceiling on amounts: above ``MAX_AMOUNT`` (either sign) is refused, never rounded."""
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError(TOO_LARGE)


def round_cents(amount: Decimal) -> Decimal:
    """Round to whole cents, halves away from zero (as people and the OVC forms round)."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


class MoneyField(forms.CharField):
    """A text box for dollars; its value is a Decimal parsed by ``parse_money``."""

    def __init__(self, *, allow_negative: bool = False, **kwargs):
        self.allow_negative = allow_negative
        kwargs.setdefault("help_text", MONEY_HELP)
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_money(value, allow_negative=self.allow_negative)
