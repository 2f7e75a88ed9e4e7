"""Typed text and amounts reaching grants.operations: refused whole, with the field's message."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from grants import operations
from grants.forms import DrawForm
from grants.models import Award, BudgetLine, BudgetRevision, Draw, MatchContribution
from tests.factories import make_award, make_draw, make_line
from tests.helpers import at, login, moment

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


# --- amounts too large for the ledger (27+ digits answered 500 in round_cents) --------------------

HUGE = "1" * 27
AT_MOST = "Enter an amount of at most $999,999,999,999.99."


def field_errors(response, field) -> list[str]:
    assert response.status_code == 200, response.status_code
    return list(response.context["form"].errors.get(field, []))


@pytest.mark.parametrize("huge", [HUGE, "1000000000000.00", "9" * 40 + ".99"])
def test_a_huge_draw_amount_is_refused_on_its_field(client, finance, line, huge):
    login(client, finance)
    form = {
        "line": line.pk,
        "incurred_on": "2026-03-02",
        "amount": huge,
        "payee": "Acme Print",
        "description": "Flyers",
        "submit": "on",
        "reason": "Invoice 55",
    }
    with at(moment(2026, 3, 20)):
        response = client.post("/admin/grants_draws/new/", form)
    assert field_errors(response, "amount") == [AT_MOST]
    assert AT_MOST in response.content.decode()
    assert not Draw.objects.exists()


def test_a_huge_revision_amount_is_refused_on_its_field(client, finance, manager, award, line):
    other = make_line(manager, award, "0.00", category="travel", description="Mileage")
    login(client, finance)
    response = client.post(
        "/admin/grants_revisions/new/",
        {"from_line": line.pk, "to_line": other.pk, "amount": HUGE, "reason": "Move"},
    )
    assert field_errors(response, "amount") == [AT_MOST]
    assert not BudgetRevision.objects.exists()


@pytest.mark.parametrize("field", ["value", "hourly_rate"])
def test_a_huge_match_amount_is_refused_on_its_field(client, finance, award, field):
    login(client, finance)
    form = {
        "award": award.pk,
        "contributed_on": "2026-03-02",
        "kind": "cash",
        "hours": "",
        "hourly_rate": "",
        "value": "",
        "description": "County cash match",
        "reason": "Receipt",
    }
    if field == "hourly_rate":
        form.update(kind="volunteer", hours="10")
    form[field] = HUGE
    with at(moment(2026, 3, 20)):
        response = client.post("/admin/grants_match/new/", form)
    assert field_errors(response, field) == [AT_MOST]
    assert not MatchContribution.objects.exists()


def test_volunteer_hours_times_rate_above_the_largest_amount_is_refused(client, finance, award):
    login(client, finance)
    form = {
        "award": award.pk,
        "contributed_on": "2026-03-02",
        "kind": "volunteer",
        "hours": "999999999999",
        "hourly_rate": "999999999999.99",
        "value": "",
        "description": "Volunteers",
        "reason": "Sign-in sheets",
    }
    with at(moment(2026, 3, 20)):
        response = client.post("/admin/grants_match/new/", form)
    assert AT_MOST in " ".join(field_errors(response, "hours"))
    assert not MatchContribution.objects.exists()


def test_a_huge_award_total_is_refused_on_its_field(client, manager):
    login(client, manager)
    form = {
        "federal_award_number": "15POVC-26-GG-00009",
        "funder": "Office for Victims of Crime",
        "administering_agency": "State Department of Public Safety",
        "federal_fiscal_year": "2026",
        "total_amount": HUGE,
        "period_start": "2025-10-01",
        "period_end": "2027-09-30",
        "match_rate": "0.20",
        "match_waiver_percent": "0",
        "reason": "Award letter",
    }
    response = client.post("/admin/grants_awards/new/", form)
    assert field_errors(response, "total_amount") == [AT_MOST]
    assert not Award.objects.filter(federal_award_number="15POVC-26-GG-00009").exists()


def test_a_huge_budget_line_amount_is_refused_on_its_field(client, manager, award):
    login(client, manager)
    form = {
        "award": award.pk,
        "category": "personnel",
        "program": "Victim Advocates",
        "description": "Advocates",
        "amount": HUGE,
        "reason": "Budget",
    }
    response = client.post("/admin/grants_lines/new/", form)
    assert field_errors(response, "amount") == [AT_MOST]
    assert not BudgetLine.objects.exists()


def test_the_largest_amount_is_refused_whole_by_the_operations_too(manager, award):
    with pytest.raises(ValidationError) as excinfo:
        make_line(manager, award, amount=Decimal(HUGE))
    assert field_messages(excinfo, "amount") == AT_MOST
    assert not BudgetLine.objects.exists()
