"""Money paid is claimed once, the date paid places a payment in its period, reversals show their
own status and date, and files name their award (issue 25, reports)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from grants import operations
from grants.exports.operations import generate
from grants.reports.period import Period, parse_as_of
from tests.factories import make_award, make_draw, make_line
from tests.helpers import at, login, moment
from tests.support.reports_data import row, sheet

pytestmark = pytest.mark.django_db

D = Decimal
Q3 = Period.from_quarter("FY2026Q3")  # 1 Apr - 30 Jun 2026
Q4 = Period.from_quarter("FY2026Q4")  # 1 Jul - 30 Sep 2026
NUMBER = "15POVC-TEST-0001"


def num(value):
    return D(str(value)) if isinstance(value, int | float) else value


def pay(finance, manager, line, amount, *, incurred, requested, approved, recorded, paid_on):
    """A draw requested, approved and paid on the days given (the payment recorded on
    ``recorded`` with its own date paid ``paid_on``)."""
    with at(requested):
        draw = make_draw(finance, line, amount, submit=True, incurred_on=incurred)
    with at(approved):
        operations.approve_draw(actor=manager, draw_id=draw.pk)
    with at(recorded):
        operations.pay_draw(actor=finance, draw_id=draw.pk, paid_on=paid_on)
    return draw


@pytest.fixture
def books(finance, manager):
    with at(moment(2025, 10, 2)):
        award = make_award(manager)
        line = make_line(manager, award, "50000.00", description="Advocates")
    # Incurred, approved and paid in Q3.
    in_q3 = pay(
        finance,
        manager,
        line,
        "500.00",
        incurred=dt.date(2026, 5, 4),
        requested=moment(2026, 5, 5),
        approved=moment(2026, 5, 6),
        recorded=moment(2026, 6, 25),
        paid_on=dt.date(2026, 6, 25),
    )
    # Incurred in Q3, approved and paid in Q4: in neither claim before.
    late = pay(
        finance,
        manager,
        line,
        "3000.03",
        incurred=dt.date(2026, 6, 15),
        requested=moment(2026, 6, 20),
        approved=moment(2026, 7, 2),
        recorded=moment(2026, 7, 2),
        paid_on=dt.date(2026, 7, 2),
    )
    # Paid on 28 Jun, entered on 3 Jul.
    entered_late = pay(
        finance,
        manager,
        line,
        "1234.56",
        incurred=dt.date(2026, 6, 20),
        requested=moment(2026, 6, 21),
        approved=moment(2026, 6, 22),
        recorded=moment(2026, 7, 3),
        paid_on=dt.date(2026, 6, 28),
    )
    return {"award": award, "line": line, "draws": (in_q3, late, entered_late)}


def results(content):
    """Every PASS/FAIL of a workbook's Checks sheet."""
    return {r[3] for r in sheet(content, "Checks")[1:] if r and r[0]}


def claim_total(content):
    return num(row(sheet(content, "Claim"), "Total claimed")[2])


def claimed_ids(content):
    return {r[0] for r in sheet(content, "Draws claimed")[1:] if isinstance(r[0], int)}


def test_each_payment_is_claimed_once_whenever_the_claims_are_run(finance, books):
    in_q3, late, entered_late = books["draws"]
    end_of_q3, end_of_q4 = parse_as_of("2026-06-30"), parse_as_of("2026-09-30")
    with at(moment(2026, 10, 1)):
        q3 = generate("claim", "xlsx", actor=finance, period=Q3, as_of=end_of_q3).content
        q3_later = generate(
            "claim", "xlsx", actor=finance, period=Q3, as_of=moment(2026, 7, 15)
        ).content
        q4 = generate("claim", "xlsx", actor=finance, period=Q4, as_of=end_of_q4).content
    # Q3's claim: the payment of 25 Jun only, whether run on 30 Jun or on 15 Jul (the payments
    # recorded in July belong to Q4's claim, so a later run does not change it).
    assert claimed_ids(q3) == claimed_ids(q3_later) == {in_q3.pk}
    assert claim_total(q3) == claim_total(q3_later) == D("500.00")
    # Q4's claim: approved and paid in July (incurred in June), and paid 28 Jun but entered 3 Jul.
    assert claimed_ids(q4) == {late.pk, entered_late.pk}
    assert claim_total(q4) == D("3000.03") + D("1234.56")
    # Together: every payment once, and all that was paid.
    assert claim_total(q3) + claim_total(q4) == D("500.00") + D("3000.03") + D("1234.56")
    drawn = {r[0]: r for r in sheet(q4, "Draws claimed")[1:] if isinstance(r[0], int)}
    assert drawn[entered_late.pk][3] == "Paid"
    assert drawn[entered_late.pk][7].date() == dt.date(2026, 6, 28)  # date paid shown
    assert results(q4) == {"PASS"}


def test_the_unclaimed_report_lists_paid_draws_no_claim_lists(finance, books):
    _, late, entered_late = books["draws"]
    with at(moment(2026, 7, 1)):
        generate("claim", "xlsx", actor=finance, period=Q3, as_of=parse_as_of("2026-06-30"))
    with at(moment(2026, 10, 1, 9)):
        content = generate("unclaimed", "xlsx", actor=finance, period=Q4).content
    rows = [r for r in sheet(content, "Not yet claimed")[1:] if isinstance(r[1], int)]
    by_draw = {r[1]: r for r in rows}
    assert set(by_draw) == {late.pk, entered_late.pk}
    award, _, _, line, amount, incurred, paid, *_ = by_draw[late.pk]
    assert (award, line, num(amount)) == (
        NUMBER,
        "Personnel - Victim Service Days: Advocates",
        D("3000.03"),
    )
    assert (incurred.date(), paid.date()) == (dt.date(2026, 6, 15), dt.date(2026, 7, 2))
    assert by_draw[entered_late.pk][6].date() == dt.date(2026, 6, 28)
    total = row(sheet(content, "Not yet claimed"), "Total not yet claimed")
    assert num(total[4]) == D("4234.59")
    assert results(content) == {"PASS"}
    # Once Q4's claim is generated nothing is left unclaimed.
    with at(moment(2026, 10, 1, 10)):
        generate("claim", "xlsx", actor=finance, period=Q4, as_of=parse_as_of("2026-09-30"))
    with at(moment(2026, 10, 1, 11)):
        again = generate("unclaimed", "xlsx", actor=finance, period=Q4).content
    assert num(row(sheet(again, "Not yet claimed"), "Total not yet claimed")[4]) == D("0")


def test_sf425_places_a_payment_by_its_date_paid_as_known_at_the_as_of(finance, books):
    def lines(as_of):
        with at(moment(2026, 7, 20)):
            content = generate("sf425", "xlsx", actor=finance, period=Q3, as_of=as_of).content
        rows = sheet(content, "SF-425")
        return num(row(rows, "10e")[2]), num(row(rows, "10f")[2]), results(content)

    # 15 Jul: the payment dated 28 Jun (entered 3 Jul) is known and is Q3's; the one paid on
    # 2 Jul is not, and stays what it was at the end of Q3: submitted, an obligation.
    e, f, checks = lines(moment(2026, 7, 15))
    assert e == D("500.00") + D("1234.56")
    assert f == D("3000.03")  # submitted by 30 Jun, not paid by then
    assert checks == {"PASS"}
    # 1 Jul: the 28 Jun payment was not yet entered: approved, so an unliquidated obligation.
    e, f, checks = lines(moment(2026, 7, 1))
    assert e == D("500.00")
    assert f == D("1234.56") + D("3000.03")
    assert checks == {"PASS"}


def test_a_reversal_shows_its_own_status_and_date_paid_in_the_register(finance, manager, books):
    _, _, entered_late = books["draws"]
    with at(moment(2026, 8, 10)):
        reversal = operations.reverse_draw(actor=finance, draw_id=entered_late.pk, reason="Twice")
    with at(moment(2026, 10, 1)):
        content = generate("draws", "xlsx", actor=finance, period=Q3).content
    rows = {r[0]: r for r in sheet(content, "Draws")[1:] if isinstance(r[0], int)}
    header = sheet(content, "Draws")[0]
    status, date_paid = header.index("Status"), header.index("Date paid")
    assert rows[reversal.pk][status] == "Reversal"
    assert rows[reversal.pk][date_paid].date() == dt.date(2026, 8, 10)
    assert rows[entered_late.pk][status] == "Paid"
    assert results(content) == {"PASS"}
    # The reversal is claimed with its own period (Q4), taking the money back once.
    with at(moment(2026, 10, 1)):
        q4 = generate("claim", "xlsx", actor=finance, period=Q4).content
    assert reversal.pk in claimed_ids(q4)
    assert claim_total(q4) == D("3000.03")


def test_file_names_and_recent_files_name_the_award(client, finance, manager, books):
    with at(moment(2025, 10, 2)):
        other = make_award(manager, number="15POVC-26-GG-2")
    with at(moment(2026, 10, 15, 17)):
        first = generate(
            "sf425",
            "xlsx",
            actor=finance,
            period=Q4,
            as_of=moment(2026, 10, 15, 17),
            award_number=NUMBER,
        )
        second = generate(
            "sf425",
            "xlsx",
            actor=finance,
            period=Q4,
            as_of=moment(2026, 10, 15, 17),
            award_number=other.federal_award_number,
        )
        assert first.filename == f"sf425-{NUMBER}-FY2026Q4-asof-20261015-1700.xlsx"
        assert second.filename == "sf425-15POVC-26-GG-2-FY2026Q4-asof-20261015-1700.xlsx"
        login(client, finance)
        data = {"format": "xlsx", "quarter": "FY2026Q4", "award": other.federal_award_number}
        assert client.post(reverse("grants_report", args=["sf425"]), data).status_code == 302
        page = client.get(reverse("grants_reports")).content.decode()
    assert "<th>Award</th>" in page
    assert "<td>15POVC-26-GG-2</td>" in page
