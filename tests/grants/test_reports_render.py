"""Each report renders its file from a plain Data object alone, and the as-of rule is one rule."""

import dataclasses
import datetime as dt
import io
from decimal import Decimal as D

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from openpyxl import load_workbook

from grants.reports import audit, budget, claim, draws, ffr, pmt
from grants.reports.cover import Meta
from grants.reports.period import Period
from tests.support.reports_data import CANARY_PAYEE, pdf_text, row, sheet

Q4 = Period.from_quarter("FY2026Q4")
MOMENT = timezone.make_aware(dt.datetime(2026, 10, 15, 17, 0))


DRAW_DATES = (7, None, "Personnel - Advocates", dt.date(2026, 7, 3), dt.date(2026, 7, 1))
DRAW_PEOPLE = ("fran", MOMENT, "fran", MOMENT, "gale", MOMENT, "fran", MOMENT, "", None, "")


AUDIT_CHANGE = (MOMENT, "fran", "Draw #7", "Changed", "payee", "ACME", CANARY_PAYEE, "@more")


def meta(title):
    return Meta(
        title, "test/1", "State Unit", "15POVC-26-GG-00001", "OVC", Q4, MOMENT, "fran", MOMENT
    )


def hand_built():
    """One Data object per report, written out by hand: no database behind any of them."""
    return {
        "pmt": pmt.PmtData(
            meta(pmt.TITLE),
            served=3,
            new=2,
            continuing=1,
            contacts=5,
            demographics=[("Age", [("18-24", 2)])],
            victimizations=[("Assault", 3)],
            special=[("Veteran", 1)],
            services=[("Info", "A", "Info", 2, 3, True), ("Info", "A1", "Referral", 2, 3, False)],
            funding=[("15POVC-24-GG-00001", 3), ("15POVC-25-GG-00002", 2)],
            read_as_of=MOMENT,
        ),
        "sf425": ffr.FfrData(
            meta(ffr.TITLE),
            tuple(
                ffr.Line(number, "Line", D(amount), "By hand.")
                for number, amount in (
                    ("10a", "2800.75"),
                    ("10b", "2800.75"),
                    ("10c", "0"),
                    ("10d", "100000"),
                    ("10e", "2800.75"),
                    ("10f", "200"),
                    ("10g", "3000.75"),
                    ("10h", "96999.25"),
                    ("10i", "25000.00"),
                    ("10j", "1000"),
                    ("10k", "24000.00"),
                )
            ),
            match_rate=D("0.20"),
        ),
        "budget": budget.BudgetData(
            meta(budget.TITLE),
            (
                budget.Row(
                    "Personnel - Advocates",
                    "Personnel",
                    D("40000"),
                    D("0"),
                    D("40000"),
                    D("2500.50"),
                    D("3500.50"),
                    D("200"),
                ),
            ),
            D("100000"),
            D("25000"),
            D("1000"),
            D("3500.50"),
            D("200"),
        ),
        "claim": claim.ClaimData(
            meta(claim.TITLE),
            (claim.ClaimLine("Personnel - Advocates", D("40000"), D("2500.50"), D("3500.50")),),
            (
                (
                    2,
                    "Personnel - Advocates",
                    dt.date(2026, 7, 3),
                    "Paid",
                    CANARY_PAYEE,
                    "",
                    D("2500.50"),
                ),
            ),
            D("25000"),
            D("1000"),
        ),
        "draws": draws.DrawsData(
            meta(draws.TITLE),
            [
                [*DRAW_DATES, D("2500.50"), "Paid", CANARY_PAYEE, "+1 mileage", *DRAW_PEOPLE],
            ],
            db_count=1,
            db_total=D("2500.50"),
            db_paid=D("2500.50"),
        ),
        "audit": audit.AuditData(
            meta(audit.TITLE),
            [(*AUDIT_CHANGE, "Draw", 1)],  # record type, 1 on the version's first row
            versions={"Draw": 1},
            listed={"Draw": 1},
        ),
    }


MODULES = {
    "pmt": pmt,
    "sf425": ffr,
    "budget": budget,
    "claim": claim,
    "draws": draws,
    "audit": audit,
}


@pytest.mark.parametrize("key", sorted(MODULES))
def test_every_report_renders_from_its_data_without_touching_the_database(key):
    # No django_db mark: pytest-django fails any query made while rendering.
    data = hand_built()[key]
    content = MODULES[key].render_xlsx(data)
    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames[0] == "Cover"
    assert row(sheet(content, "Cover"), "Agency")[1] == "State Unit"
    assert {r[3] for r in sheet(content, "Checks")[1:]} == {"PASS"}
    if hasattr(MODULES[key], "render_pdf"):
        pdf = MODULES[key].render_pdf(data)
        assert pdf.startswith(b"%PDF") and "Page 1 of" in pdf_text(pdf)


def test_rendered_text_that_a_spreadsheet_would_evaluate_is_escaped():
    data = hand_built()
    register = sheet(draws.render_xlsx(data["draws"]), "Draws")
    assert register[1][7] == "'" + CANARY_PAYEE and register[1][8] == "'+1 mileage"
    trail = sheet(audit.render_xlsx(data["audit"]), "Audit trail")
    assert trail[1][6] == "'" + CANARY_PAYEE and trail[1][7] == "'@more"


def test_a_render_that_lists_fewer_rows_than_the_database_shows_a_failed_check():
    data = hand_built()["draws"]
    short = draws.DrawsData(data.meta, [], data.db_count, data.db_total, data.db_paid)
    results = {r[0]: r[3] for r in sheet(draws.render_xlsx(short), "Checks")[1:]}
    assert results["Rows in the register = draws in the database for the period"] == "FAIL"


@pytest.mark.django_db
def test_an_as_of_ahead_of_now_is_refused_by_the_command_and_the_builder_alike(
    tmp_path, roles, finance
):
    from grants.exports.operations import generate

    with pytest.raises(ValueError, match="cannot be in the future"):
        generate(
            "budget",
            "xlsx",
            actor=finance,
            period=Q4,
            as_of=timezone.now() + dt.timedelta(minutes=2),
        )
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    with pytest.raises(CommandError, match="cannot be in the future"):
        call_command(
            "voca_report",
            "budget",
            "--quarter",
            "FY2026Q4",
            "--as-of",
            tomorrow,
            "--output",
            str(tmp_path / "x.xlsx"),
        )


def test_a_budget_with_many_lines_still_renders_its_chart_on_a_page():
    """Several awards' worth of lines (40): the chart shrinks its bars instead of outgrowing
    the page (reportlab raised LayoutError from about 11 lines)."""
    data = hand_built()["budget"]
    rows = tuple(
        budget.Row(
            f"Line {n} - Victim Service Days", "Personnel", *(D("1000"),) * 3, *(D("10"),) * 3
        )
        for n in range(40)
    )
    many = dataclasses.replace(data, rows=rows)
    pdf = budget.render_pdf(many)
    assert "Line 39 - Victim Service Days" in pdf_text(pdf)
