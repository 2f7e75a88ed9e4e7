"""Typed text and amounts reaching grants.operations: refused whole, with the field's message."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from grants import operations
from grants.forms import DrawForm
from grants.models import Award, BudgetLine, BudgetRevision, Draw, MatchContribution
from tests.factories import make_award, make_draw, make_line

pytestmark = pytest.mark.django_db

MEGABYTE = "x" * 1_000_000


def field_messages(excinfo, field) -> str:
    return " ".join(excinfo.value.message_dict[field])


def test_a_megabyte_reason_on_a_budget_revision_is_refused_and_nothing_is_written(
    manager, award, line
):
    with pytest.raises(ValidationError) as excinfo:
        operations.request_revision(
            actor=manager,
            award_id=award.pk,
            from_line_id=None,
            to_line_id=line.pk,
            amount="10.00",
            reason=MEGABYTE,
        )
    assert field_messages(excinfo, "reason") == (
        "Keep this under 1000 characters (you entered 1000000)."
    )
    assert not BudgetRevision.objects.exists()
    assert not BudgetRevision.history.exists()


def test_a_megabyte_reason_on_a_draw_is_refused_and_nothing_is_written(finance, line):
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, reason=MEGABYTE)
    assert "Keep this under 1000 characters" in field_messages(excinfo, "reason")
    assert not Draw.objects.exists() and not Draw.history.exists()


def test_a_long_rejection_reason_is_refused_and_the_draw_stays_submitted(finance, manager, line):
    draw = make_draw(finance, line, submit=True)
    with pytest.raises(ValidationError) as excinfo:
        operations.reject_draw(actor=manager, draw_id=draw.pk, reason="no " * 400)
    assert "Keep this under 1000 characters (you entered 1199)" in field_messages(excinfo, "reason")
    draw.refresh_from_db()
    assert draw.status == "submitted" and draw.history.count() == 1


@pytest.mark.parametrize("field", ["payee", "description"])
def test_a_control_character_in_a_draw_is_refused_on_its_field(finance, line, field):
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, **{field: "Acme\x0bPrint"})
    assert field_messages(excinfo, field) == (
        "This contains a control character (U+000B) that cannot be stored; remove it."
    )
    assert not Draw.objects.exists()


def test_over_long_names_get_the_text_rule_message(manager, award):
    with pytest.raises(ValidationError) as excinfo:
        make_line(manager, award, program="p" * 101)
    assert field_messages(excinfo, "program") == (
        "Keep this under 100 characters (you entered 101)."
    )
    with pytest.raises(ValidationError) as excinfo:
        make_award(manager, number="15POVC-OTHER", administering_agency="\x1bAgency")
    assert "U+001B" in field_messages(excinfo, "administering_agency")
    assert BudgetLine.objects.count() == 0 and Award.objects.count() == 1


def test_match_description_and_reason_follow_the_text_rule(finance, award):
    with pytest.raises(ValidationError) as excinfo:
        operations.record_match(
            actor=finance,
            award_id=award.pk,
            contributed_on=dt.date(2026, 3, 1),
            kind="cash",
            description="d" * 301,
            value="50.00",
        )
    assert "Keep this under 300 characters (you entered 301)" in field_messages(
        excinfo, "description"
    )
    assert not MatchContribution.objects.exists()


def test_arabic_indic_digits_are_not_an_amount(finance, line):
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, "١٢٣")
    assert "Enter an amount in dollars" in field_messages(excinfo, "amount")
    assert not Draw.objects.exists()


def test_dollar_sign_and_thousands_separators_are_accepted(manager, award):
    line = make_line(manager, award, amount="$1,234.56")
    assert line.amount == Decimal("1234.56")
    with pytest.raises(ValidationError) as excinfo:
        make_line(manager, award, amount="1,23.4", description="Other")
    assert "Enter an amount in dollars" in field_messages(excinfo, "amount")


def test_the_draw_form_refuses_unicode_digits_on_the_amount_field(line):
    form = DrawForm(
        {
            "line": line.pk,
            "incurred_on": "2026-03-15",
            "amount": "١٢٣",
            "payee": "Acme Print",
            "description": "Flyers",
            "reason": "Invoice received",
        }
    )
    assert not form.is_valid()
    assert form.errors["amount"] == ["Enter an amount in dollars, such as 1,250.00 or 1250.00."]
