"""Issue 13: each numbered defect of the compliance exports, reproduced with the figures by hand."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from grants import operations
from grants.exports.operations import generate
from grants.models import Draw, MatchContribution
from grants.reports.period import Period, parse_as_of
from tests.factories import make_award, make_draw, make_line
from tests.helpers import moment
from tests.support.reports_data import pdf_text, row, sheet

pytestmark = pytest.mark.django_db

D = Decimal
Q1 = Period.from_quarter("FY2026Q1")


def num(value):
    return Decimal(str(value)) if isinstance(value, int | float) else value


# --- 1. a date alone is the end of that day ----------------------------------------------------


def test_a_date_alone_as_of_is_the_end_of_that_day_in_chicago():
    moment = parse_as_of("2025-12-31")
    local = timezone.localtime(moment)
    assert (local.date(), local.time()) == (dt.date(2025, 12, 31), dt.time(23, 59, 59, 999999))
    assert timezone.get_current_timezone_name() == "America/Chicago"
    assert parse_as_of("2025-12-31T10:30").hour == 10


def test_the_command_counts_a_contact_logged_at_2359_on_the_as_of_date(tmp_path, finance, manager):
    with operations.clock_at(moment(2025, 10, 2)):
        award = make_award(manager)
        line = make_line(manager, award, "5000.00")
    with operations.clock_at(moment(2025, 12, 31, 23) + dt.timedelta(minutes=59)):
        draw = make_draw(finance, line, "40.00", submit=True, incurred_on=dt.date(2025, 12, 30))
        operations.approve_draw(actor=manager, draw_id=draw.pk)
        operations.pay_draw(actor=finance, draw_id=draw.pk)
    out = tmp_path / "sf.xlsx"
    call_command(
        "voca_report",
        "sf425",
        "--quarter",
        "FY2026Q1",
        "--as-of",
        "2025-12-31",
        "--output",
        str(out),
        stdout=io.StringIO(),
    )
    assert num(row(sheet(out.read_bytes(), "SF-425"), "10e")[2]) == D("40.00")


def test_the_balances_page_and_report_form_read_a_date_as_end_of_day(finance, manager):
    from grants.exports.forms import ReportForm
    from grants.forms import AsOfForm
    from grants.reports.registry import REPORTS

    award = make_award(manager)
    form = AsOfForm({"award": award.pk, "at": "2025-12-31"})
    assert form.is_valid(), form.errors
    assert timezone.localtime(form.cleaned_data["at"]).time() == dt.time.max
    form = ReportForm(
        {"format": "xlsx", "quarter": "FY2026Q1", "as_of": "2025-12-31"},
        report=REPORTS["sf425"],
        today=dt.date(2026, 3, 1),
    )
    assert form.is_valid(), form.errors
    assert timezone.localtime(form.cleaned_data["as_of"]).time() == dt.time.max


# --- 2. half a cent rounds up --------------------------------------------------------------------


def test_half_cents_round_up_in_10i_and_in_volunteer_match(finance, manager):
    with operations.clock_at(moment(2025, 10, 2)):
        award = make_award(manager, total="100000.02", match_rate=D("0.20"))
    with operations.clock_at(moment(2025, 11, 3)):
        operations.record_match(
            actor=finance,
            award_id=award.pk,
            contributed_on=dt.date(2025, 11, 1),
            kind="volunteer",
            hours="12.50",
            hourly_rate="23.33",
            description="Hotline shifts",
        )
    # 100,000.02 / 0.8 = 125,000.025; x 0.2 = 25,000.005 -> 25,000.01 (half up)
    # 12.50 h x $23.33 = 291.625 -> 291.63 (half up)
    assert MatchContribution.objects.get().value == D("291.63")
    content = generate("sf425", "xlsx", actor=finance, period=Q1, as_of=moment(2026, 1, 5)).content
    lines = sheet(content, "SF-425")
    assert num(row(lines, "10i")[2]) == D("25000.01")
    assert num(row(lines, "10j")[2]) == D("291.63")
    assert num(row(lines, "10k")[2]) == D("24708.38")


# --- 3. the claim's "to date" figures stand at the period end ------------------------------------


def test_a_claim_generated_a_quarter_later_shows_to_date_figures_at_the_period_end(
    finance, manager
):
    with operations.clock_at(moment(2025, 10, 2)):
        award = make_award(manager)
        staff = make_line(manager, award, "50000.00", description="Advocates")
        other = make_line(manager, award, "10000.00", category="other", description="Rent")
    with operations.clock_at(moment(2025, 12, 10)):
        d1 = make_draw(finance, staff, "4000.00", submit=True, incurred_on=dt.date(2025, 12, 1))
        operations.approve_draw(actor=manager, draw_id=d1.pk)
        operations.pay_draw(actor=finance, draw_id=d1.pk)
    with operations.clock_at(moment(2026, 2, 10)):
        d2 = make_draw(finance, staff, "3000.00", submit=True, incurred_on=dt.date(2026, 2, 1))
        operations.approve_draw(actor=manager, draw_id=d2.pk)
        operations.pay_draw(actor=finance, draw_id=d2.pk)
        revision = operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=other.pk,
            to_line_id=staff.pk,
            amount="2000.00",
            reason="More advocates",
        )
        operations.approve_revision(actor=manager, revision_id=revision.pk)
    content = generate("claim", "xlsx", actor=finance, period=Q1, as_of=moment(2026, 4, 1)).content
    advocates = row(sheet(content, "Claim"), "Personnel - Victim Service Days: Advocates")
    # Spent by 31 Dec: 4,000.00 (not 4,000 + 3,000); approved then: 50,000.00 (not 52,000).
    assert (num(advocates[1]), num(advocates[2]), num(advocates[3])) == (
        D("50000.00"),
        D("4000.00"),
        D("4000.00"),
    )
    budget = generate("budget", "xlsx", actor=finance, period=Q1, as_of=moment(2026, 4, 1)).content
    line = next(r for r in sheet(budget, "Budget vs actual") if r[1] and "Advocates" in r[1])
    assert num(line[4]) == num(advocates[1])


# --- 4. SF-425 line 11 follows the form's instructions -------------------------------------------


def test_line_11_is_rate_times_base_and_indirect_paid_is_a_separate_check(finance, manager):
    with operations.clock_at(moment(2025, 10, 2)):
        award = make_award(manager, indirect_cost_rate=D("10.00"))
        staff = make_line(manager, award, "50000.00", description="Advocates")
        indirect = make_line(
            manager, award, "5000.00", category="indirect", description="Indirect costs"
        )
    with operations.clock_at(moment(2025, 11, 10)):
        for line, amount in ((staff, "1234.55"), (indirect, "100.00")):
            d = make_draw(finance, line, amount, submit=True, incurred_on=dt.date(2025, 11, 1))
            operations.approve_draw(actor=manager, draw_id=d.pk)
            operations.pay_draw(actor=finance, draw_id=d.pk)
    content = generate("sf425", "xlsx", actor=finance, period=Q1, as_of=moment(2026, 1, 5)).content
    lines = sheet(content, "SF-425")
    # base 1,234.55 (Indirect lines excluded); 11e = 10% x 1,234.55 = 123.455 -> 123.46
    assert row(lines, "11a")[3] and row(lines, "11b")[3] == "10.00%"
    assert row(lines, "11c")[3] == "2025-10-01 to 2027-09-30"
    assert num(row(lines, "11d")[2]) == D("1234.55")
    assert num(row(lines, "11e")[2]) == D("123.46")
    assert "rate" in row(lines, "11e")[4] and "base" in row(lines, "11e")[4]
    assert num(row(lines, "11f")[2]) == D("123.46")
    assert num(row(lines, "11g")[2]) == D("123.46")
    checks = sheet(content, "Checks")
    paid = next(c for c in checks if c[0] and c[0].startswith("Indirect cost actually paid"))
    assert (num(paid[1]), num(paid[2]), paid[3]) == (D("123.46"), D("100.00"), "PASS")


# --- 5. control characters already stored never stop a report ------------------------------------


def test_control_characters_stored_before_the_rule_never_stop_a_workbook(finance, manager):
    with operations.clock_at(moment(2025, 10, 2)):
        award = make_award(manager)
        line = make_line(manager, award, "5000.00")
    with operations.clock_at(moment(2025, 11, 10)):
        draw = make_draw(finance, line, "10.00", submit=True, incurred_on=dt.date(2025, 11, 1))
        operations.approve_draw(actor=manager, draw_id=draw.pk)
        operations.pay_draw(actor=finance, draw_id=draw.pk)  # a claim lists payments
    # Old data: written around the operation, as rows stored before clean_text existed.
    for model in (Draw, Draw.history.model):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {model._meta.db_table} SET payee = %s, description = %s WHERE id = %s",  # noqa: S608 (table name from the model)
                ["Acme\x1b Print", "Fly\x0bers", draw.pk],
            )
    for key, fmt in (("draws", "xlsx"), ("audit", "xlsx"), ("claim", "xlsx"), ("claim", "pdf")):
        content = generate(key, fmt, actor=finance, period=Q1, as_of=moment(2026, 1, 5)).content
        text = pdf_text(content) if fmt == "pdf" else str(sheet(content, sheet_name(key)))
        assert "Acme Print" in text and "Flyers" in text, key
        assert "\x1b" not in text and "\x0b" not in text


def sheet_name(key):
    return {"draws": "Draws", "audit": "Audit trail", "claim": "Draws claimed"}[key]
