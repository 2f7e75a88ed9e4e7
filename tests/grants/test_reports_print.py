"""What a finance officer prints and signs: rows that stay whole, a certification that stays with
its signature lines, totals that say what they count, checks that recompute in a copy."""

import dataclasses
import datetime as dt
import io
import re
from decimal import Decimal as D

import pytest
from pypdf import PdfReader

from grants.reports import claim
from tests.grants.test_reports_render import hand_built
from tests.helpers import at, moment


def pdf_pages(content: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def claim_with_draws(count: int, day=dt.date(2026, 9, 17)):
    data = hand_built()["claim"]
    draws = tuple(
        (
            100 + n,
            "Personnel - Victim Service Days: Program representatives",
            day,
            "Approved",
            "Acme Staffing LLC",
            "Advocate hours, week",
            D("1250.00"),
        )
        for n in range(count)
    )
    return dataclasses.replace(data, draws=draws)


def test_claim_rows_stay_whole_and_the_certification_is_signed_on_its_own_page():
    """Enough draws that the certification lands near a page break, for each row count in a
    range: every date and status whole on one line, the certification on the page of the two
    signature lines."""
    for count in range(18, 42):
        pages = pdf_pages(claim.render_pdf(claim_with_draws(count)))
        text = "\n".join(pages)
        lines = text.splitlines()
        assert lines.count("2026-09-17") == count, count
        assert lines.count("Approved") == count, count
        assert not [li for li in lines if re.fullmatch(r"\d{4}-\d{2}-\d?", li)], count
        certified = [i for i, page in enumerate(pages) if "By signing this claim" in page]
        prepared = [i for i, page in enumerate(pages) if "Prepared by (name, title)" in page]
        authorized = [
            i for i, page in enumerate(pages) if "Authorized official (name, title)" in page
        ]
        assert certified == prepared == authorized and len(certified) == 1, count
        assert "administrative penalties" in pages[certified[0]], count


def test_draw_register_totals_each_status_and_counts_only_approved_and_paid():
    from grants.reports import draws
    from tests.support.reports_data import sheet

    data = hand_built()["draws"]
    template = next(iter(data.rows))
    amounts = {
        "Draft": "100.00",
        "Rejected": "50.00",
        "Submitted": "20.00",
        "Approved": "30.00",
        "Reversal": "-500.00",
    }
    rows = [template]  # Paid 2,500.50
    for number, (status, amount) in enumerate(amounts.items(), start=8):
        rows.append([number, *template[1:5], D(amount), status, *template[7:]])
    register = sheet(draws.render_xlsx(dataclasses.replace(data, rows=rows)), "Draws")
    totals = {r[0]: r[5] for r in register[len(rows) + 1 :] if r and r[0]}
    assert totals == {
        "Total draft": D("100.00"),
        "Total submitted": D("20.00"),
        "Total approved": D("30.00"),
        "Total paid": D("2500.50"),
        "Total rejected": D("50.00"),
        "Total reversal": D("-500.00"),
        # 2,500.50 paid + 30.00 approved - 500.00 reversed
        "Total approved + paid, less reversals (what is claimed; draft, submitted and rejected "
        "not counted)": D("2030.50"),
    }


WIDE_SHEETS = {
    "Services",
    "Draws",
    "Draws claimed",
    "Budget vs actual",
    "SF-425",
    "Audit trail",
    "Checks",
}


def test_every_sheet_of_every_workbook_prints_fitted_to_the_page_with_its_header_repeated():
    from openpyxl import load_workbook

    from tests.grants.test_reports_render import MODULES

    for key, data in hand_built().items():
        book = load_workbook(io.BytesIO(MODULES[key].render_xlsx(data)))
        for ws in book.worksheets:
            where = (key, ws.title)
            setup = ws.page_setup
            assert ws.sheet_properties.pageSetUpPr.fitToPage, where
            assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), where  # 1 wide, n tall
            assert str(setup.paperSize) == ws.PAPERSIZE_LETTER, where
            wide = ws.title in WIDE_SHEETS
            assert setup.orientation == ("landscape" if wide else "portrait"), where
            assert "15POVC-26-GG-00001" in ws.oddHeader.center.text, where
            assert ws.oddFooter.right.text == "Page &P of &N", where
            if ws.title == "Cover":
                # The title spans both columns and every value wraps: nothing is cut.
                assert "A1:B1" in {str(r) for r in ws.merged_cells.ranges}, where
                assert ws["A1"].value == data.meta.title
                assert ws["B3"].value == data.meta.title and ws["B3"].alignment.wrap_text
                continue
            header = next(
                r[0].row for r in ws.iter_rows(max_col=1) if r[0].fill.fgColor.rgb == "00DDE4EE"
            )
            assert ws.print_title_rows == f"$1:${header}", where
    certification = load_workbook(io.BytesIO(claim.render_xlsx(hand_built()["claim"])))
    assert certification["Certification"]["A2"].alignment.wrap_text


AWARD_FORM = {
    "federal_award_number": "15POVC-26-GG-00077",
    "funder": "Office for Victims of Crime",
    "administering_agency": "State Department of Public Safety",
    "federal_fiscal_year": "2026",
    "total_amount": "50000.00",
    "period_start": "2025-10-01",
    "period_end": "2027-09-30",
    "match_rate": "0.20",
    "match_waiver_percent": "0",
    "indirect_cost_rate": "22.50",
    "reason": "Award letter",
}


def sf425_line_11a(finance, number):
    from grants.exports.operations import generate
    from grants.reports.period import Period
    from tests.support.reports_data import pdf_text, row, sheet

    with at(moment(2026, 1, 10)):
        made = [
            generate(
                "sf425",
                fmt,
                actor=finance,
                period=Period.from_quarter("FY2026Q1"),
                award_number=number,
            ).content
            for fmt in ("xlsx", "pdf")
        ]
    return row(sheet(made[0], "SF-425"), "11a")[3], " ".join(pdf_text(made[1]).split())


@pytest.mark.django_db
def test_sf425_line_11a_names_the_awards_type_of_rate_which_finance_sets_on_the_award_form(
    client, finance, manager
):
    from grants.models import Award
    from tests.factories import make_award
    from tests.helpers import login

    with at(moment(2025, 10, 2)):
        make_award(manager, number="15POVC-26-GG-00001", indirect_cost_rate=D("10.00"))
        login(client, manager)
        # A type that needs an agreement, without one: a message on the field, no award.
        response = client.post(
            "/admin/grants_awards/new/", {**AWARD_FORM, "indirect_rate_type": "predetermined"}
        )
        assert "A predetermined rate comes from a negotiated agreement" in response.content.decode()
        assert not Award.objects.filter(federal_award_number="15POVC-26-GG-00077").exists()
        response = client.post(
            "/admin/grants_awards/new/",
            {**AWARD_FORM, "indirect_rate_type": "predetermined", "negotiated_indirect_rate": "on"},
        )
        assert response.status_code == 302
    cell, text = sf425_line_11a(finance, "15POVC-26-GG-00001")
    assert cell == "De minimis (no negotiated agreement)"
    assert "De minimis (no negotiated agreement)" in text and "Indirect cost rate" not in text
    cell, text = sf425_line_11a(finance, "15POVC-26-GG-00077")
    assert cell == "Predetermined" and "Predetermined" in text


@pytest.mark.django_db
def test_the_migration_makes_awards_with_a_negotiated_agreement_provisional(manager):
    import importlib

    from django.db import connection

    from grants.models import Award
    from tests.factories import make_award
    from tests.helpers import migration_loader

    with at(moment(2025, 10, 2)):
        agreed = make_award(
            manager,
            number="15POVC-26-GG-2",
            indirect_cost_rate=D("22.00"),
            negotiated_indirect_rate=True,
        )
        minimis = make_award(manager, number="15POVC-26-GG-3", indirect_cost_rate=D("10.00"))
    with connection.cursor() as cursor:  # as the new column's default left every award
        for model in (Award, Award.history.model):
            cursor.execute(f"UPDATE {model._meta.db_table} SET indirect_rate_type = 'de_minimis'")  # noqa: S608 (table name from the model)
    name = "0006_award_indirect_rate_type"
    migration = importlib.import_module(f"grants.migrations.{name}")
    state = migration_loader().project_state(("grants", name))
    migration.negotiated_is_provisional(state.apps, None)
    for award, kind in ((agreed, "provisional"), (minimis, "de_minimis")):
        award.refresh_from_db()
        assert award.indirect_rate_type == kind
        assert award.history.get().indirect_rate_type == kind


def recalculate(book, sheet: str, coordinate: str):
    """A tiny spreadsheet engine for the formula shapes the Checks sheet writes (references,
    ranges, + - * /, SUM, SUMIF, COUNT, ROUND, ABS, IF and comparisons), as Excel and
    LibreOffice evaluate them when the copy is opened."""
    from openpyxl.utils import range_boundaries

    value = book[sheet][coordinate].value
    if not (isinstance(value, str) and value.startswith("=")):
        return float(value) if isinstance(value, int | float | D) else value

    def cells(where, span):
        low_col, low_row, high_col, high_row = range_boundaries(span.replace("$", ""))
        ws = book[where]
        return [
            recalculate(book, where, ws.cell(r, c).coordinate)
            for r in range(low_row, high_row + 1)
            for c in range(low_col, high_col + 1)
        ]

    def replace(match):
        where, span, single = match.group(1) or sheet, match.group(2), match.group(3)
        if span:
            return repr(cells(where, span))
        return repr(recalculate(book, where, single.replace("$", "")))

    reference = re.compile(
        r"(?:'([^']+)'!)?(?:(\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)|(\$?[A-Z]+\$?\d+))"
    )
    text = re.sub(
        r'"[^"]*"|' + reference.pattern,
        lambda m: m.group(0) if m.group(0).startswith('"') else replace(m),
        value[1:],
    )
    text = text.replace("<>", "!=")
    text = re.sub(r"(?<![<>!=])=(?!=)", "==", text)
    numbers = lambda values: [v for v in values if isinstance(v, int | float)]  # noqa: E731
    functions = {
        "SUM": lambda values: sum(numbers(values)),
        "COUNT": lambda values: len(numbers(values)),
        "SUMIF": lambda keys, key, values: sum(
            v for k, v in zip(keys, values, strict=True) if k == key and isinstance(v, float)
        ),
        "ROUND": lambda x, places: float(D(str(x)).quantize(D(1).scaleb(-places), "ROUND_HALF_UP")),
        "ABS": abs,
        "IF": lambda test, yes, no: yes if test else no,
        "datetime": dt,  # a date cell's value, as repr() wrote it
    }
    return eval(text, {"__builtins__": {}}, functions)  # noqa: S307 (formulas this file wrote)


def recalculated_results(book) -> dict[str, str]:
    ws = book["Checks"]
    return {
        ws.cell(r, 1).value: recalculate(book, "Checks", f"G{r}") for r in range(2, ws.max_row + 1)
    }


def test_checks_recalculate_from_the_cells_so_an_edited_copy_shows_fail():
    from openpyxl import load_workbook

    from grants.reports import budget, draws, ffr

    data = hand_built()
    sf425 = load_workbook(io.BytesIO(ffr.render_xlsx(data["sf425"])))
    results = recalculated_results(sf425)
    assert set(results.values()) == {"PASS"} and len(results) == 6
    # A copy whose 10e (federal share of expenditures) was raised by a dollar.
    tenth = next(r[0].row for r in sf425["SF-425"].iter_rows() if r[0].value == "10e")
    sf425["SF-425"][f"C{tenth}"] = 2801.75
    results = recalculated_results(sf425)
    assert results["10g = 10e + 10f"] == "FAIL"
    assert results["10c = 10a - 10b"] == "PASS"  # 10a, 10b and 10c were not touched
    # The built figures stay beside the formulas: the copy still says what was filed.
    assert [r[3] for r in sf425["Checks"].iter_rows(min_row=2, values_only=True)] == ["PASS"] * 6

    claimed = load_workbook(io.BytesIO(claim.render_xlsx(data["claim"])))
    assert set(recalculated_results(claimed).values()) == {"PASS"}
    claimed["Draws claimed"]["G2"] = 2600.50
    assert recalculated_results(claimed)["Claim total = sum of the draws listed"] == "FAIL"

    spending = load_workbook(io.BytesIO(budget.render_xlsx(data["budget"])))
    assert set(recalculated_results(spending).values()) == {"PASS"}
    spending["Budget vs actual"]["G2"] = 3600.50  # the line's spent to date, $100 more
    results = recalculated_results(spending)
    line = "Personnel - Advocates: spent + committed + remaining = approved budget"
    assert results[line] == "FAIL"
    assert results["Personnel - Advocates: original + revisions = approved"] == "PASS"

    register = load_workbook(io.BytesIO(draws.render_xlsx(data["draws"])))
    assert set(recalculated_results(register).values()) == {"PASS"}
    register["Draws"]["F2"] = 2500.00
    results = recalculated_results(register)
    assert results["Paid and reversal rows total = database paid total for the period"] == "FAIL"


def row_of(ws, first) -> int:
    """The row whose first cell reads ``first``."""
    return next(r[0].row for r in ws.iter_rows() if r[0].value == first)


def test_pmt_checks_recalculate_from_the_cells_so_an_edited_copy_shows_fail():
    from openpyxl import load_workbook

    from grants.reports import pmt

    def edited(sheet, first, column, value):
        book = load_workbook(io.BytesIO(pmt.render_xlsx(hand_built()["pmt"])))
        book[sheet].cell(row_of(book[sheet], first), column).value = value
        return recalculated_results(book)

    book = load_workbook(io.BytesIO(pmt.render_xlsx(hand_built()["pmt"])))
    results = recalculated_results(book)
    assert set(results.values()) == {"PASS"} and len(results) == 8
    # Every check reads the cells of the copy (a formula), not only the figures as built.
    rows = list(book["Checks"].iter_rows(min_row=2, values_only=True))
    assert all(str(r[4]).startswith("=") or str(r[5]).startswith("=") for r in rows)

    served = "New + continuing individuals = individuals served"
    age_new = "Age: rows sum to new individuals"
    age_served = "Age: demographics total + continuing individuals = individuals served"
    # Continuing individuals 1 -> 2 on the Summary sheet: the served equations no longer hold.
    results = edited("Summary", "Continuing individuals (served earlier this fiscal year)", 2, 2)
    assert results[served] == results[age_served] == "FAIL"
    assert results[age_new] == "PASS"
    # One more 18-24 new individual in the Age table than there are new individuals.
    book = load_workbook(io.BytesIO(pmt.render_xlsx(hand_built()["pmt"])))
    demographics = book["Demographics (new)"]
    demographics.cell(row_of(demographics, "Age"), 3).value = 3
    results = recalculated_results(book)
    assert results[age_new] == results[age_served] == "FAIL" and results[served] == "PASS"
    # The sub-service A1 provided 4 times, its category A still 3.
    results = edited("Services", "Info", 5, 4)  # the first Info row is the category's
    assert results["Services A: category times = sum of its sub-services' times"] == "FAIL"
    book = load_workbook(io.BytesIO(pmt.render_xlsx(hand_built()["pmt"])))
    services = book["Services"]
    services.cell(row_of(services, "Info") + 1, 5).value = 4
    services.cell(row_of(services, "Info") + 1, 4).value = 1
    results = recalculated_results(book)
    assert results["Services A: category times = sum of its sub-services' times"] == "FAIL"
    individuals = "Services A: category individuals no more than the sum of its sub-services'"
    assert results[individuals] == "FAIL"
    # An award's contacts 2 -> 3: the funding rows add up to 6 of the period's 5 contacts.
    results = edited("Funding awards", "15POVC-25-GG-00002", 2, 3)
    assert results["Contacts by funding award sum to the contacts of the period"] == "FAIL"
    # A cover whose as-of moment was moved a day: not the moment the records were read at.
    results = edited("Cover", "Data as of", 2, dt.datetime(2026, 10, 16, 17, 0))
    assert results["The as-of moment on the cover is the one the records were read at"] == "FAIL"
    assert results[served] == "PASS"


def test_audit_trail_checks_count_the_versions_listed_in_the_copy():
    from openpyxl import load_workbook

    from grants.reports import audit
    from tests.grants.test_reports_render import MOMENT, meta

    later = MOMENT + dt.timedelta(hours=1)
    rows = [
        (MOMENT, "fran", "Draw #7", "Created", "amount", None, 25, "", "Draw", 1),
        (MOMENT, "fran", "Draw #7", "Created", "payee", None, "ACME", "", "Draw", None),
        (later, "gale", "Draw #7", "Changed", "status", "Draft", "Paid", "", "Draw", 1),
        (later, "gale", "Budget line #3", "Deleted", None, None, None, "Typo", "Budget line", 1),
    ]
    data = audit.AuditData(
        meta(audit.TITLE), rows, {"Draw": 2, "Budget line": 1}, {"Draw": 2, "Budget line": 1}
    )
    book = load_workbook(io.BytesIO(audit.render_xlsx(data)))
    trail = book["Audit trail"]
    assert [c.value for c in trail[1]][-2:] == ["Record type", "Versions"]
    draws = "Draw: history versions in the period = versions listed"
    lines = "Budget line: history versions in the period = versions listed"
    assert recalculated_results(book) == {draws: "PASS", lines: "PASS"}
    # A copy with the status change cut out: one Draw version fewer than the database held.
    trail.delete_rows(4)
    assert recalculated_results(book) == {draws: "FAIL", lines: "PASS"}


def test_check_labels_say_what_is_compared_and_show_figures_not_true_and_false():
    from grants.reports import budget, pmt
    from grants.reports.reconcile import Figures

    others = Figures("2026-10-15 17:00", D("2800.75"), D("2800.75"), D("45000"), D("1000"))
    data = hand_built()
    checks = [
        *dataclasses.replace(data["sf425"], others=others).checks(),
        *budget.BudgetData.checks(data["budget"]),
        *pmt.PmtData.checks(data["pmt"]),
    ]
    names = [c.name for c in checks]
    assert not [n for n in names if "SF-425 10e paid to date = SF-425 10e" in n]
    assert not [n for n in names if "10e match" in n]
    assert any(n.startswith("Other reports: SF-425 10j recipient share") for n in names)
    assert not [
        c.name for c in checks if isinstance(c.expected, bool) or isinstance(c.actual, bool)
    ]


@pytest.mark.django_db
def test_export_log_shows_parameters_in_words_the_date_on_one_line_and_a_short_sha(client, finance):
    from django.urls import reverse

    from tests.factories import make_export_log
    from tests.helpers import login

    sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
    parameters = {
        "quarter": "FY2026Q4",
        "as_of": "2026-12-06T18:27:49.043785-06:00",
        "award": "15POVC-25-GG-00417-ASSI",
    }
    make_export_log(finance, parameters=parameters, sha256=sha)
    login(client, finance)
    html = client.get(reverse("grants_export_log")).content.decode()
    assert "as_of=" not in html and "quarter=" not in html
    assert "<dt>Period</dt><dd>FY2026 Q4 (1 Jul 2026 \u2013 30 Sep 2026)</dd>" in html
    assert "<dt>Data as of</dt><dd>6 Dec 2026 18:27</dd>" in html
    assert "<dt>Award</dt><dd>15POVC-25-GG-00417-ASSI</dd>" in html
    # The hash: its first 12 characters on the line, the whole of it a click (or hover) away.
    assert f'<code title="{sha}">9f86d081884c…</code>' in html
    assert f"<code>{sha}</code></details>" in html
    assert re.search(r'<td class="export-log__when">\d{1,2} \w{3} \d{4} \d{2}:\d{2}</td>', html)
    assert ".export-log__when { white-space: nowrap; }" in html
