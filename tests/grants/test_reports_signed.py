"""An independent scenario for the exports a finance officer signs: every figure worked out by hand.

A client new in Q1 and back in Q2, a half-cent volunteer match, a claim generated a quarter later,
control characters (stored before clean_text existed) in every text field that reaches a workbook.
"""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection

from grants import operations
from grants.exports.operations import generate
from grants.models import BudgetLine, Draw, MatchContribution
from grants.reports import budget, claim, ffr, pmt
from grants.reports.period import Period
from grants.reports.registry import REPORTS, context_for
from tests.factories import make_award, make_draw, make_line, make_user
from tests.helpers import moment
from tests.support.reports_data import all_text, row, sheet
from voca import roles as R

pytestmark = pytest.mark.django_db

D = Decimal
Q1, Q2 = Period.from_quarter("FY2026Q1"), Period.from_quarter("FY2026Q2")
A_QUARTER_LATER = moment(2026, 4, 1)
CONTROLS = "\x0b\x1b\x07"


def num(value):
    return D(str(value)) if isinstance(value, int | float) else value


def _pay(finance, manager, line, amount, day, paid_at):
    with operations.clock_at(paid_at):
        draw = make_draw(finance, line, amount, submit=True, incurred_on=day)
        operations.approve_draw(actor=manager, draw_id=draw.pk)
        operations.pay_draw(actor=finance, draw_id=draw.pk)
    return draw


def _old_text(model, pk, **values):
    """Text written around the operations, as rows stored before clean_text refused controls."""
    for table in (model._meta.db_table, model.history.model._meta.db_table):
        for column, value in values.items():
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET {column} = %s WHERE id = %s",  # noqa: S608 (names from models)
                    [value, pk],
                )


@pytest.fixture
def scenario(finance, manager):
    with operations.clock_at(moment(2025, 10, 2)):
        award = make_award(
            manager, total="100000.02", match_rate=D("0.20"), indirect_cost_rate=D("10.00")
        )
        staff = make_line(manager, award, "50000.00", description="Advocates")
        indirect = make_line(manager, award, "5000.00", category="indirect", description="Admin")
    d1 = _pay(finance, manager, staff, "4000.00", dt.date(2025, 12, 1), moment(2025, 12, 10))
    _pay(finance, manager, indirect, "300.00", dt.date(2025, 12, 2), moment(2025, 12, 10))
    with operations.clock_at(moment(2025, 11, 3)):
        match = operations.record_match(
            actor=finance,
            award_id=award.pk,
            contributed_on=dt.date(2025, 11, 1),
            kind="volunteer",
            hours="12.50",
            hourly_rate="23.33",
            description="Hotline shifts",
        )
    # Q2, before the claim for Q1 is generated: more spending and a revision.
    _pay(finance, manager, staff, "3000.00", dt.date(2026, 2, 1), moment(2026, 2, 10))
    with operations.clock_at(moment(2026, 2, 11)):
        revision = operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=indirect.pk,
            to_line_id=staff.pk,
            amount="2000.00",
            reason="More advocates",
        )
        operations.approve_revision(actor=manager, revision_id=revision.pk)
    _old_text(Draw, d1.pk, payee=f"Acme{CONTROLS} Print", description=f"Rent{CONTROLS} Dec")
    _old_text(BudgetLine, staff.pk, description=f"Advo{CONTROLS}cates")
    _old_text(MatchContribution, match.pk, description=f"Hotline{CONTROLS} shifts")
    return award


@pytest.fixture
def served(roles):
    from services import operations as services

    advocate = make_user("adv", R.ADVOCATE)
    client = services.create_client(actor=advocate, race_ethnicity="white", age_group="25_59")
    services.log_contact(
        actor=advocate, date=dt.date(2025, 11, 5), services={"A1": 1}, client=client
    )
    services.log_contact(
        actor=advocate, date=dt.date(2026, 1, 20), services={"A1": 1}, client=client
    )
    return make_user("sup", R.SUPERVISOR)


def checks_of(content):
    return {c[0]: c for c in sheet(content, "Checks")[1:]}


def test_the_q1_claim_a_quarter_later_sf425_and_budget_agree_to_the_cent(finance, scenario):
    claim_x = generate("claim", "xlsx", actor=finance, period=Q1, as_of=A_QUARTER_LATER).content
    lines = sheet(claim_x, "Claim")
    staff = row(lines, "Personnel - Victim Service Days: Advocates")
    admin = row(lines, "Indirect - Victim Service Days: Admin")
    # By 31 Dec: staff approved 50,000.00 (the +2,000.00 revision came in Feb), paid 4,000.00;
    # indirect approved 5,000.00, paid 300.00. Claimed this period = the same (all in Q1).
    assert tuple(map(num, staff[1:4])) == (D("50000.00"), D("4000.00"), D("4000.00"))
    assert tuple(map(num, admin[1:4])) == (D("5000.00"), D("300.00"), D("300.00"))
    total = lines[-1]
    assert tuple(map(num, total[1:4])) == (
        D("50000.00") + D("5000.00"),
        D("4000.00") + D("300.00"),
        D("4000.00") + D("300.00"),
    )
    match = dict(sheet(claim_x, "Match")[1:])
    # 10d / (1 - 0.20) x 0.20 = 100,000.02 / 0.8 x 0.2 = 25,000.005 -> 25,000.01 (half up)
    assert num(match["Match required"]) == D("25000.01")
    assert num(match["Match provided to date"]) == D("291.63")  # 12.50 x 23.33 = 291.625
    assert {c[3] for c in checks_of(claim_x).values()} == {"PASS"}

    sf = generate("sf425", "xlsx", actor=finance, period=Q1, as_of=A_QUARTER_LATER).content
    sf_lines = {r[0]: r for r in sheet(sf, "SF-425")[1:]}
    expected = {
        "10a": D("4300.00"),
        "10b": D("4300.00"),
        "10c": D("0.00"),
        "10d": D("100000.02"),
        "10e": D("4300.00"),
        "10f": D("0.00"),
        "10g": D("4300.00"),
        "10h": D("100000.02") - D("4300.00"),  # 95,700.02
        "10i": D("25000.01"),
        "10j": D("291.63"),
        "10k": D("25000.01") - D("291.63"),  # 24,708.38
        "11d": D("4000.00"),  # base: every line but Indirect
        "11e": D("400.00"),  # 10% x 4,000.00
        "11f": D("400.00"),
        "11g": D("400.00"),
    }
    assert {k: num(sf_lines[k][2]) for k in expected} == expected
    sf_checks = checks_of(sf)
    assert {c[3] for c in sf_checks.values()} == {"PASS"}
    paid = next(c for n, c in sf_checks.items() if n.startswith("Indirect cost actually paid"))
    assert (num(paid[1]), num(paid[2])) == (D("400.00"), D("300.00"))

    bva = generate("budget", "xlsx", actor=finance, period=Q1, as_of=A_QUARTER_LATER).content
    bva_total = sheet(bva, "Budget vs actual")[-1]
    assert (num(bva_total[4]), num(bva_total[6])) == (D("55000.00"), D("4300.00"))
    assert {c[3] for c in checks_of(bva).values()} == {"PASS"}


def test_control_characters_in_stored_text_never_stop_a_report(finance, scenario):
    for key, fmt in (
        ("claim", "xlsx"),
        ("claim", "pdf"),
        ("draws", "xlsx"),
        ("audit", "xlsx"),
        ("budget", "xlsx"),
        ("budget", "pdf"),
        ("sf425", "pdf"),
    ):
        content = generate(key, fmt, actor=finance, period=Q1, as_of=A_QUARTER_LATER).content
        text = all_text(content, fmt)
        assert not any(c in text for c in CONTROLS), key
    register = all_text(
        generate("draws", "xlsx", actor=finance, period=Q1, as_of=A_QUARTER_LATER).content, "xlsx"
    )
    assert "Acme Print" in register and "Rent Dec" in register


def test_pmt_a_client_new_in_q1_is_continuing_in_q2(served):
    # Contacts are recorded now (dated in the past), so these read the records as of now.
    q1 = generate("pmt", "xlsx", actor=served, period=Q1).content
    q2 = generate("pmt", "xlsx", actor=served, period=Q2).content
    for content, (total, new, continuing) in ((q1, (1, 1, 0)), (q2, (1, 0, 1))):
        summary = dict(sheet(content, "Summary")[1:])
        assert summary["Individuals served this period"] == total
        assert summary["New individuals (first served this federal fiscal year)"] == new
        assert summary["Continuing individuals (served earlier this fiscal year)"] == continuing
        assert {c[3] for c in checks_of(content).values()} == {"PASS"}


# --- a deliberate error in the Data turns the relevant check to FAIL ----------------------------


def _data(module, key, award, user, period=Q1):
    ctx = context_for(REPORTS[key], run_by="t", period=period, as_of=A_QUARTER_LATER, award=award)
    return module.collect(ctx)


def _failed(content):
    return {name for name, c in checks_of(content).items() if c[3] == "FAIL"}


def test_a_claim_paid_to_date_off_by_a_cent_fails_against_sf425_and_the_register(finance, scenario):
    data = _data(claim, "claim", scenario, finance)
    assert not _failed(claim.render_xlsx(data))
    first = data.lines[0]
    wrong = dataclasses.replace(first, paid_to_date=first.paid_to_date + D("0.01"))
    failed = _failed(claim.render_xlsx(dataclasses.replace(data, lines=(wrong, *data.lines[1:]))))
    assert any("SF-425 10e" in n for n in failed) and any("draw register" in n for n in failed)
    wrong = dataclasses.replace(first, budget=first.budget + D("2000.00"))
    failed = _failed(claim.render_xlsx(dataclasses.replace(data, lines=(wrong, *data.lines[1:]))))
    assert any("approved budget" in n for n in failed)
    failed = _failed(claim.render_xlsx(dataclasses.replace(data, match_provided=D("291.62"))))
    assert any("sum of the match records" in n for n in failed)


def test_an_sf425_10i_rounded_half_to_even_fails_its_recomputation(finance, scenario):
    data = _data(ffr, "sf425", scenario, finance)
    lines = tuple(
        dataclasses.replace(li, amount=D("25000.00")) if li.number == "10i" else li
        for li in data.lines
    )
    failed = _failed(ffr.render_xlsx(dataclasses.replace(data, lines=lines)))
    assert any(n.startswith("10i recomputed") for n in failed)


def test_budget_vs_actual_spent_off_fails_against_the_other_reports(finance, scenario):
    data = _data(budget, "budget", scenario, finance)
    first = data.rows[0]
    wrong = dataclasses.replace(first, spent_to_date=first.spent_to_date + D("3000.00"))
    failed = _failed(budget.render_xlsx(dataclasses.replace(data, rows=(wrong, *data.rows[1:]))))
    assert any("SF-425 10e" in n for n in failed)


def test_pmt_checks_fail_on_a_wrong_count_or_a_cover_as_of_other_than_the_one_used(served):
    from django.utils import timezone

    ctx = context_for(REPORTS["pmt"], run_by="t", period=Q1, as_of=timezone.now(), award=None)
    data = pmt.collect(ctx)
    assert not _failed(pmt.render_xlsx(data))
    assert (data.served, data.new) == (1, 1)
    data.continuing = 1
    failed = _failed(pmt.render_xlsx(data))
    assert any("demographics total + continuing" in n for n in failed)
    data.continuing = 0
    data.meta = dataclasses.replace(data.meta, as_of=data.meta.as_of - dt.timedelta(hours=1))
    assert any("as-of moment on the cover" in n for n in _failed(pmt.render_xlsx(data)))
