"""The shared rules for typed text (voca.text) and typed dollar amounts (voca.money)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from voca.money import MoneyField, parse_money, round_cents
from voca.text import clean_text, within_limit


def refusal(excinfo, field=None) -> str:
    error = excinfo.value
    return " ".join(error.message_dict[field] if field else error.messages)


def test_text_over_the_limit_is_refused_with_both_lengths():
    with pytest.raises(ValidationError) as excinfo:
        clean_text("x" * 1_000_000, field="reason", max_length=1000)
    assert refusal(excinfo, "reason") == "Keep this under 1000 characters (you entered 1000000)."


@pytest.mark.parametrize("char", ["\x0b", "\x1b", "\x00", "\x7f", "\x85"])
def test_control_characters_are_refused_by_name(char):
    with pytest.raises(ValidationError) as excinfo:
        clean_text(f"Check{char}1042", field="payee", max_length=200)
    code = f"U+{ord(char):04X}"
    assert refusal(excinfo, "payee") == (
        f"This contains a control character ({code}) that cannot be stored; remove it."
    )


def test_tabs_and_newlines_are_kept_and_crlf_becomes_newline():
    text = clean_text("  line one\r\n\tline two\rthree  ", field="notes", max_length=100)
    assert text == "line one\n\tline two\nthree"


def test_single_line_fields_refuse_a_line_break():
    with pytest.raises(ValidationError) as excinfo:
        clean_text("Acme\nPrint", field="payee", max_length=200, multiline=False)
    assert "one line" in refusal(excinfo, "payee")


@pytest.mark.parametrize(
    "text,amount",
    [
        ("123", "123.00"),
        ("$1,234.56", "1234.56"),
        ("1,234,567.5", "1234567.50"),
        (" 1250 ", "1250.00"),
        ("0.5", "0.50"),
        (".75", "0.75"),
    ],
)
def test_money_accepts_ascii_digits_one_point_and_grouped_thousands(text, amount):
    assert parse_money(text) == Decimal(amount)


@pytest.mark.parametrize(
    "text",
    [
        "١٢٣",  # Arabic-Indic digits
        "\uff11\uff12\uff13",  # fullwidth digits
        "1,23.4",
        "12,34",
        "1234,567",
        "1 234",
        "1e3",
        "NaN",
        "Infinity",
        "1.2.3",
        "$",
        "",
        "12.",
        "--5",
    ],
)
def test_money_refuses_anything_else_with_a_clear_message(text):
    with pytest.raises(ValidationError) as excinfo:
        parse_money(text)
    assert refusal(excinfo) == "Enter an amount in dollars, such as 1,250.00 or 1250.00."


def test_money_signs_and_cents():
    assert parse_money("-$5.25", allow_negative=True) == Decimal("-5.25")
    with pytest.raises(ValidationError, match="cannot be negative"):
        parse_money("-5")
    with pytest.raises(ValidationError, match="at most two decimals"):
        parse_money("12.345")


def test_money_field_gives_a_decimal_or_the_parsers_message():
    field = MoneyField(required=False)
    assert field.clean("$1,234.56") == Decimal("1234.56")
    assert field.clean("") is None
    with pytest.raises(ValidationError, match="Enter an amount in dollars"):
        field.clean("١٢٣")


def test_cents_round_half_up():
    assert round_cents(Decimal("0.125")) == Decimal("0.13")
    assert round_cents(Decimal("2.675")) == Decimal("2.68")
    assert round_cents(Decimal("-0.125")) == Decimal("-0.13")


@pytest.mark.parametrize("typed", ["١٢٣", "\uff11\uff12", "1e3", "²", "1.2.3", "12 3", "NaN"])
def test_numbers_take_ascii_digits_only(typed):
    from voca.parsing import DecimalNumberField, WholeNumberField

    for field in (WholeNumberField(), DecimalNumberField()):
        with pytest.raises(ValidationError):
            field.clean(typed)


def test_numbers_in_ascii_digits_are_read():
    from voca.parsing import DecimalNumberField, WholeNumberField

    assert WholeNumberField().clean(" 2027 ") == 2027
    assert DecimalNumberField().clean("0.2") == Decimal("0.2")
    assert DecimalNumberField().clean("-.5") == Decimal("-0.5")


@pytest.mark.parametrize("text", ["1" * 27, "-" + "9" * 40, "1,000,000,000,000.00"])
def test_money_above_the_largest_amount_is_refused_not_rounded(text):
    with pytest.raises(ValidationError) as excinfo:
        parse_money(text, allow_negative=True)
    assert refusal(excinfo) == "Enter an amount of at most $999,999,999,999.99."
    assert parse_money("999,999,999,999.99") == Decimal("999999999999.99")


def test_text_the_system_writes_over_a_limit_says_it_was_cut_and_how_long_it_was():
    error = "The export could not be built: " + "the period has no data. " * 40
    stored = within_limit(error, 300)
    assert len(stored) == 300
    assert stored.startswith("The export could not be built: the period has no data.")
    assert stored.endswith(f"… (truncated, {len(error)} characters)")


def test_text_the_system_writes_within_its_limit_is_kept_as_it_is():
    assert within_limit("chooser", 200) == "chooser"
    assert within_limit("x" * 200, 200) == "x" * 200
