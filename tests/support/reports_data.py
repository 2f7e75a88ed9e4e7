"""Known records for the report tests: a small FY2026 ledger and a handful of contacts."""

import datetime as dt
import io
from decimal import Decimal

from tests.factories import make_award, make_draw, make_line, make_match, make_revision
from tests.helpers import at, moment

CANARY_NAME = "Zebediah Canaryfield"
CANARY_NOTE = "CANARY-NOTE-7731 lives behind the laundromat"
CANARY_PAYEE = "=HYPERLINK(evil)"


def ledger(finance, manager):
    """FY2026 award; Q4 (Jul-Sep 2026) has paid, committed and reversed draws and some match."""
    from grants import operations

    with at(moment(2025, 10, 2)):
        award = make_award(manager, total="100000.00", indirect_cost_rate=Decimal("10.00"))
        staff = make_line(manager, award, "40000.00", description="Advocates")
        travel = make_line(manager, award, "5000.00", category="travel", description="Mileage")
    # Q3: one paid draw (before the period).
    with at(moment(2026, 4, 10)):
        d1 = make_draw(finance, staff, "1000.00", submit=True, incurred_on=dt.date(2026, 4, 5))
    with at(moment(2026, 4, 12)):
        operations.approve_draw(actor=manager, draw_id=d1.pk)
        operations.pay_draw(actor=finance, draw_id=d1.pk)
    # Q4: paid 2500.50 + 300.25 on two lines, one approved-not-paid 200.00, one payee to escape.
    with at(moment(2026, 7, 10)):
        d2 = make_draw(finance, staff, "2500.50", submit=True, incurred_on=dt.date(2026, 7, 3))
    with at(moment(2026, 8, 5)):  # recorded once incurred
        d3 = make_draw(
            finance,
            travel,
            "300.25",
            submit=True,
            incurred_on=dt.date(2026, 8, 1),
            payee=CANARY_PAYEE,
            description="+1 mileage",
        )
    with at(moment(2026, 9, 5)):  # recorded once incurred: no cost is dated after its recording
        d4 = make_draw(finance, travel, "200.00", submit=True, incurred_on=dt.date(2026, 9, 2))
    with at(moment(2026, 9, 20)):
        for d in (d2, d3, d4):
            operations.approve_draw(actor=manager, draw_id=d.pk)
        operations.pay_draw(actor=finance, draw_id=d2.pk, payment_reference="ACH 4471")
        operations.pay_draw(actor=finance, draw_id=d3.pk)
        make_revision(finance, staff, travel, "1000.00", approver=manager, reason="@more travel")
        make_match(
            finance,
            award,
            contributed_on=dt.date(2026, 9, 1),
            kind="cash",
            value="750.00",
            description="County cash match",
        )
    return {"award": award, "staff": staff, "travel": travel, "draws": (d1, d2, d3, d4)}


def contacts(advocate, supervisor):
    """Q4 FY2026: clients A (continuing), B and C (new), D (voided only), two anonymous contacts."""
    from services import operations

    def client(**kw):
        return operations.create_client(actor=advocate, **kw)

    a = client(
        race_ethnicity="black",
        gender_identity="female",
        age_group="25_59",
        special_classifications=[_special("homeless")],
        first_name=CANARY_NAME,
        consent_given_on=dt.date(2026, 1, 5),
        consent_scope="call back about compensation",
    )
    b = client(race_ethnicity="white", gender_identity="male", age_group="18_24")
    c = client()
    d = client(race_ethnicity="asian")

    def log(day, services, **kw):
        return operations.log_contact(actor=advocate, date=day, services=services, **kw)

    log(dt.date(2026, 2, 10), {"C1": 1}, client=a)  # Q2: makes A continuing in Q4
    log(
        dt.date(2026, 8, 1),
        {"C1": 2, "A1": 1},
        client=a,
        victimizations=[
            _victimization("domestic_family_violence"),
            _victimization("stalking_harassment"),
        ],
        compensation_help=True,
        notes=CANARY_NOTE,
    )
    log(dt.date(2025, 9, 15), {"A1": 1}, client=b)  # FY2025: B is still new in FY2026
    b_q4 = log(
        dt.date(2026, 7, 15),
        {"C1": 1, "E1": 1},
        client=b,
        victimizations=[_victimization("robbery")],
    )
    log(dt.date(2026, 9, 30), {"A1": 3}, client=c)
    void_c = log(dt.date(2026, 9, 1), {"B9": 1}, client=c)
    void_d = log(dt.date(2026, 8, 1), {"B9": 1}, client=d)
    for contact in (void_c, void_d):
        operations.void_contact(contact.pk, actor=supervisor, reason="Entered twice")
    log(dt.date(2026, 8, 20), {"C2": 1})
    log(dt.date(2026, 8, 21), {"C2": 1}, compensation_help=True)
    return {"a": a, "b": b, "c": c, "d": d, "b_q4": b_q4}


def _special(code):
    from services.models import SpecialClassification

    return SpecialClassification.objects.current().get(code=code)


def _victimization(code):
    from services.models import VictimizationType

    return VictimizationType.objects.current().get(code=code)


def sheet(content: bytes, name: str) -> list[tuple]:
    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(content))[name].iter_rows(values_only=True))


def row(rows, first) -> tuple:
    return next(r for r in rows if r and r[0] == first)


def pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def all_text(content: bytes, fmt: str) -> str:
    """Every string in a file, for "never appears" checks."""
    if fmt == "pdf":
        return pdf_text(content)
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(v)
        for ws in book.worksheets
        for r in ws.iter_rows(values_only=True)
        for v in r
        if v is not None
    )
