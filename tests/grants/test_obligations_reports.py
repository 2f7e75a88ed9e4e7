"""A subaward's obligation and its payment count once, in every figure that reads the ledger.

The scenario: an award of 250,000.00 with a Subawards line of 100,000.00 and a Personnel line of
50,000.00. In FY2026 Q4 (Jul-Sep 2026) a subaward obligates 40,000.00 of the Subawards line and
12,345.67 is paid against it; an ordinary draw of 2,000.50 is paid and one of 300.00 is approved
and unpaid on the Personnel line. After the quarter, the obligation is lowered to 30,000.00.
The expected figures are worked out here by hand, not by the code under test.
"""

import datetime as dt
from decimal import Decimal as D

import pytest

from grants import operations
from grants.closeout import checklist
from grants.exports.operations import generate
from grants.ledger import balances_as_of, current_balances
from grants.models import Draw, DrawStatus
from grants.portfolio import portfolio
from grants.reports.period import Period
from tests.factories import make_award, make_draw, make_line, make_user
from tests.helpers import at, moment
from tests.support.reports_data import row, sheet
from voca.roles import GRANTS_MANAGER

pytestmark = pytest.mark.django_db

Q4 = Period.from_quarter("FY2026Q4")

SUBAWARDS = D("100000.00")
OBLIGATED = D("40000.00")
PAYMENT = D("12345.67")
ORDINARY_PAID = D("2000.50")
ORDINARY_COMMITTED = D("300.00")
TOTAL = D("250000.00")


@pytest.fixture
def books(finance, manager, roles):
    approver = make_user("gwen", GRANTS_MANAGER)
    with at(moment(2026, 7, 1)):
        award = make_award(manager, total=str(TOTAL))
        subawards = make_line(
            manager, award, str(SUBAWARDS), category="subawards", program="Subawards"
        )
        staff = make_line(manager, award, "50000.00", description="Advocates")
        obligation = operations.obligate(
            manager, line=subawards, amount=OBLIGATED, reference="SUB-2026-001", reason="Signed"
        )
    with at(moment(2026, 8, 10)):
        draw = make_draw(
            finance, staff, ORDINARY_PAID, submit=True, incurred_on=dt.date(2026, 8, 5)
        )
        operations.approve_draw(actor=manager, draw_id=draw.pk)
        operations.pay_draw(actor=finance, draw_id=draw.pk, payment_reference="ACH 1")
    with at(moment(2026, 9, 15)):
        payment = operations.pay_obligation(
            finance,
            obligation,
            amount=PAYMENT,
            paid_on=dt.date(2026, 9, 15),
            payment_reference="EFT 77",
            reason="July-August claim",
            approved_by=approver,
        )
    with at(moment(2026, 9, 20)):
        pending = make_draw(
            finance, staff, ORDINARY_COMMITTED, submit=True, incurred_on=dt.date(2026, 9, 18)
        )
        operations.approve_draw(actor=manager, draw_id=pending.pk)
    with at(moment(2026, 10, 20)):  # after the quarter: the subaward is amended down
        operations.change_obligation(
            manager, obligation, amount="30000.00", reason="State award cut"
        )
    return {"award": award, "subawards": subawards, "staff": staff, "payment": payment}


def test_the_line_and_the_award_count_the_obligation_once(books):
    balances = current_balances(books["award"])
    sub, staff = balances.lines
    now_obligated = D("30000.00")
    assert (sub.paid, sub.committed, sub.obligated) == (
        PAYMENT,
        now_obligated - PAYMENT,  # 17,654.33 still owed to the subrecipient
        now_obligated,
    )
    assert sub.remaining == SUBAWARDS - now_obligated == D("70000.00")
    assert (staff.paid, staff.committed) == (ORDINARY_PAID, ORDINARY_COMMITTED)
    assert balances.paid == PAYMENT + ORDINARY_PAID == D("14346.17")
    assert balances.committed == D("17654.33") + ORDINARY_COMMITTED == D("17954.33")
    assert balances.remaining == TOTAL - now_obligated - ORDINARY_PAID - ORDINARY_COMMITTED
    assert balances.remaining == D("217699.50")
    # The portfolio and the dashboards read the same balances.
    (entry,) = [e for e in portfolio().open if e.award.pk == books["award"].pk]
    assert entry.balances.remaining == D("217699.50")


def test_the_ledger_as_of_any_moment_counts_the_obligations_history(books):
    before_payment = balances_as_of(books["award"].pk, moment(2026, 9, 1))
    sub = before_payment.lines[0]
    assert (sub.paid, sub.committed, sub.remaining) == (0, OBLIGATED, D("60000.00"))
    end_of_q4 = balances_as_of(books["award"].pk, moment(2026, 9, 30, 23))
    sub = end_of_q4.lines[0]
    assert (sub.paid, sub.committed, sub.remaining) == (PAYMENT, D("27654.33"), D("60000.00"))
    assert balances_as_of(books["award"].pk, moment(2026, 10, 21)).lines == (
        current_balances(books["award"]).lines
    )


def nums(values):
    return tuple(D(str(v)) if isinstance(v, int | float) else v for v in values)


def test_sf425_counts_the_unpaid_obligation_in_10f_and_its_payment_in_10e(finance, books):
    content = generate("sf425", "xlsx", actor=finance, period=Q4).content
    lines = {r[0]: nums(r)[2] for r in sheet(content, "SF-425")[1:]}
    # As recorded at the end of Q4: 40,000.00 obligated, 12,345.67 of it paid.
    expected_10e = PAYMENT + ORDINARY_PAID  # 14,346.17
    expected_10f = (OBLIGATED - PAYMENT) + ORDINARY_COMMITTED  # 27,654.33 + 300.00
    assert (lines["10e"], lines["10f"]) == (D("14346.17"), D("27954.33"))
    assert (lines["10e"], lines["10f"]) == (expected_10e, expected_10f)
    assert lines["10g"] == D("42300.50")
    assert lines["10h"] == TOTAL - D("42300.50") == D("207699.50")
    checks = sheet(content, "Checks")[1:]
    assert checks and all(c[3] == "PASS" for c in checks)


def test_budget_vs_actual_shows_the_subawards_line_once(finance, books):
    content = generate("budget", "xlsx", actor=finance, period=Q4).content
    rows = sheet(content, "Budget vs actual")
    sub = nums(row(rows, "Subawards (Subgrants)"))
    # approved, spent this period, spent to date, committed, remaining
    assert sub[4:9] == (SUBAWARDS, PAYMENT, PAYMENT, D("27654.33"), D("60000.00"))
    total = nums(rows[-1])
    assert total[4:9] == (
        D("150000.00"),
        D("14346.17"),
        D("14346.17"),
        D("27954.33"),
        D("150000.00") - D("14346.17") - D("27954.33"),
    )
    checks = sheet(content, "Checks")[1:]
    assert checks and all(c[3] == "PASS" for c in checks)


def test_the_draw_register_lists_the_payment_once(finance, books):
    rows = sheet(generate("draws", "xlsx", actor=finance, period=Q4).content, "Draws")
    payment = row(rows, books["payment"].pk)
    assert nums(payment)[5] == PAYMENT and payment[6] == "Paid"
    assert nums(row(rows, "Total paid"))[5] == PAYMENT + ORDINARY_PAID


def test_close_out_waits_for_the_obligation_to_be_paid_or_lowered(finance, manager, books):
    award = books["award"]
    pending = books["staff"].draws.get(status="approved")
    with at(moment(2027, 11, 1)):
        operations.pay_draw(actor=finance, draw_id=pending.pk, paid_on=dt.date(2027, 11, 1))
        item = {i.key: i for i in checklist(award, dt.date(2028, 2, 1)).items}["committed"]
        assert not item.holds
        assert item.detail == (
            "1 subaward obligation(s) not paid in full ($17,654.33): pay the obligations or "
            "lower them to what was paid (de-obligate)"
        )
        obligation = award.obligations.get()
        operations.change_obligation(manager, obligation, amount=PAYMENT, reason="Close-out")
    item = {i.key: i for i in checklist(award, dt.date(2028, 2, 1)).items}["committed"]
    assert item.holds


def checks_of(content):
    return {c[0]: c[3] for c in sheet(content, "Checks")[1:]}


RECONCILED = (
    "Other reports: SF-425 paid and committed on Subawards lines = subaward obligations "
    "recorded at 2026-09-30 23:59, each counted once"
)


def test_the_subawards_reconciliation_passes_and_fails_on_a_payment_beyond_its_obligation(
    finance, manager, books
):
    before = generate("sf425", "xlsx", actor=finance, period=Q4).content
    assert checks_of(before)[RECONCILED] == "PASS"
    # Tampered: a payment written straight to the table, past the operations' refusal.
    Draw.objects.create(
        award=books["award"],
        line=books["subawards"],
        obligation=books["payment"].obligation,
        incurred_on=dt.date(2026, 9, 20),
        month=dt.date(2026, 9, 1),
        amount=D("30000.00"),
        payee="Subaward SUB-2026-001",
        description="Second payment",
        status=DrawStatus.PAID,
        requested_by=finance,
        requested_at=moment(2026, 9, 25),
        paid_by=finance,
        paid_at=moment(2026, 9, 25),
        paid_on=dt.date(2026, 9, 25),
    )
    content = generate("sf425", "xlsx", actor=finance, period=Q4).content
    assert checks_of(content)[RECONCILED] == "FAIL"
    budget = generate("budget", "xlsx", actor=finance, period=Q4).content
    assert "FAIL" in [
        status for name, status in checks_of(budget).items() if "Subawards lines" in name
    ]


def test_sf425_line_11_counts_only_the_first_50000_of_each_subaward(finance, manager, roles):
    approver = make_user("gwen", GRANTS_MANAGER)
    with at(moment(2026, 7, 1)):
        award = make_award(manager, total="300000.00", indirect_cost_rate=D("10.00"))
        subawards = make_line(manager, award, "100000.00", category="subawards")
        staff = make_line(manager, award, "50000.00", description="Advocates")
        big, small = (
            operations.obligate(
                manager, line=subawards, amount=amount, reference=ref, reason="Signed"
            )
            for amount, ref in (("70000.00", "SUB-A"), ("20000.00", "SUB-B"))
        )
    with at(moment(2026, 8, 10)):
        draw = make_draw(finance, staff, "2000.50", submit=True, incurred_on=dt.date(2026, 8, 5))
        operations.approve_draw(actor=manager, draw_id=draw.pk)
        operations.pay_draw(actor=finance, draw_id=draw.pk)
        for obligation, amount in ((big, "60000.00"), (small, "5000.00")):
            operations.pay_obligation(
                finance,
                obligation,
                amount=amount,
                paid_on=dt.date(2026, 8, 10),
                payment_reference="EFT",
                reason="Claim",
                approved_by=approver,
            )
    content = generate("sf425", "xlsx", actor=finance, period=Q4).content
    lines = {r[0]: nums(r)[2] for r in sheet(content, "SF-425")[1:]}
    # Awards from 1 Oct 2024: the first 50,000.00 of each subaward is in the base.
    assert lines["10e"] == D("67000.50")
    assert lines["11d"] == D("2000.50") + D("50000.00") + D("5000.00") == D("57000.50")
    assert lines["11e"] == D("5700.05")
    assert all(c == "PASS" for c in checks_of(content).values())


def test_the_audit_trail_lists_an_obligations_changes_with_who_and_why(finance, books):
    quarter = Period.from_quarter("FY2027Q1")
    content = generate("audit", "xlsx", actor=finance, period=quarter).content
    obligation = books["payment"].obligation
    rows = [r for r in sheet(content, "Audit trail")[1:] if r[2] == f"Obligation #{obligation.pk}"]
    assert [(r[1], r[3], r[4], r[5], r[6], r[7]) for r in rows] == [
        ("gale", "Changed", "amount obligated", 40000, 30000, "State award cut")
    ]
    assert all(c[3] == "PASS" for c in sheet(content, "Checks")[1:])
