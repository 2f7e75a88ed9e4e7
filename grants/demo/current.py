"""The current demo award: $2,000,000.00 of FY2026, spent month by month since October 2025.

Written through grants.operations (with the clock set to each past day), so the history tables hold
a realistic audit trail and "balances as of" a past date shows what it showed then.
"""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.utils import timezone

from voca import clock, site
from voca.money import round_cents

from .. import operations

AWARD_NUMBER = "15POVC-25-GG-00417-ASSI"
PERIOD_START = dt.date(2025, 10, 1)
PERIOD_END = dt.date(2027, 9, 30)

# (category, program, description, approved amount, payee): adds up to $2,000,000.00.
LINES = (
    ("personnel", "Victim Service Days", "Program representatives (2 FTE)", "620000.00", "Payroll"),
    ("personnel", "Victim Advocates", "Victim advocates (3 FTE)", "450000.00", "Payroll"),
    ("fringe", "All programs", "Fringe benefits at 30%", "330000.00", "Payroll"),
    ("travel", "Victim Service Days", "Mileage to service-day sites", "60000.00", "Staff mileage"),
    ("equipment", "Victim Advocates", "Mobile advocacy vans", "50000.00", "Fleet Motors"),
    (
        "supplies",
        "Victim Service Days",
        "Outreach materials and supplies",
        "70000.00",
        "Gateway Print",
    ),
    (
        "contractual",
        "Victim Service Days",
        "Social workers under contract",
        "250000.00",
        "Midwest Family Services",
    ),
    ("other", "Victim Service Days", "Interpreters and venue costs", "90000.00", "Language Link"),
    ("indirect", "Administration", "Indirect costs (de minimis)", "80000.00", "Indirect"),
)
VAN_PRICE = Decimal("12400.00")
# Share of a line's monthly budget drawn in a typical month: spending runs a little slow.
PACE = Decimal("0.82")


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _months(until: dt.date, start: dt.date = PERIOD_START):
    month = start
    while month <= until:
        yield month
        month = (month + dt.timedelta(days=32)).replace(day=1)


def load(stdout):
    users = get_user_model().objects.in_bulk(["finance", "grantsmanager"], field_name="username")
    finance, manager = users["finance"], users["grantsmanager"]
    today = clock.local_today()
    rng = random.Random(2026)  # noqa: S311 - deterministic demo data, not security
    agency = site.agency_name()

    with operations.clock_at(_moment(dt.date(2025, 9, 26))):
        award = operations.create_award(
            actor=manager,
            federal_award_number=AWARD_NUMBER,
            administering_agency=agency or "State Department of Public Safety",
            federal_fiscal_year=2026,
            total_amount="2000000.00",
            period_start=PERIOD_START,
            period_end=PERIOD_END,
            indirect_cost_rate=Decimal("10.00"),
            reason="Award letter from OVC, accepted by the agency director",
        )
        lines = [
            operations.add_budget_line(
                actor=manager,
                award_id=award.pk,
                category=category,
                program=program,
                description=description,
                amount=amount,
                reason="Approved budget (award letter, attachment B)",
                # The state's own administration (28 CFR 94.107): within 5% of the award.
                administration=program == "Administration",
            )
            for category, program, description, amount, _payee in LINES
        ]
    payees = {line.pk: spec[4] for line, spec in zip(lines, LINES, strict=True)}
    monthly = {line.pk: line.amount / 24 for line in lines}

    draws = 0
    last_month = today.replace(day=1)
    for month in _months(last_month):
        age = (last_month.year - month.year) * 12 + last_month.month - month.month
        for line in lines:
            # Equipment is bought twice; every other line draws most months.
            if line.category == "equipment" and month.month not in (11, 4):
                continue
            if line.category in ("travel", "other", "supplies") and rng.random() < 0.2:
                continue
            share = PACE * Decimal(rng.randrange(80, 120)) / 100
            amount = round_cents(monthly[line.pk] * share)
            if line.category == "equipment":
                amount = VAN_PRICE  # one item each time, above the award's equipment threshold
            _draw(finance, manager, line, month, amount, payees[line.pk], age, rng, today)
            draws += 1
        # A few small extra costs each month.
        for _ in range(rng.randrange(1, 5)):
            line = lines[rng.choice((3, 5, 7))]
            amount = Decimal(rng.randrange(4000, 90000)) / 100
            _draw(finance, manager, line, month, amount, payees[line.pk], age, rng, today)
            draws += 1

    _corrections(finance, manager, lines, today)
    _revisions(finance, manager, award, lines)
    _match(finance, award, today, rng)
    stdout.write(f"  VOCA ledger: award {AWARD_NUMBER}, {len(lines)} budget lines, {draws} draws")


def _draw(finance, manager, line, month, amount, payee, age, rng, today):
    """One month's cost, taken as far through approval and payment as its age allows."""
    incurred = min(month + dt.timedelta(days=rng.randrange(0, 27)), today)
    recorded = min(incurred + dt.timedelta(days=rng.randrange(2, 9)), today)
    with operations.clock_at(_moment(recorded, 9)):
        draw = operations.request_draw(
            actor=finance,
            line_id=line.pk,
            amount=amount,
            incurred_on=incurred,
            month=month,
            payee=payee,
            description=f"{line.description}, {month:%B %Y}",
            submit=age > 0 or rng.random() < 0.5,
            reason="Invoice received",
        )
    if age == 0 or (age == 1 and rng.random() < 0.4):
        return draw  # current month: drafts and submitted draws awaiting approval
    with operations.clock_at(_moment(min(recorded + dt.timedelta(days=2), today), 14)):
        operations.approve_draw(
            actor=manager, draw_id=draw.pk, reason="Invoice and timesheets checked"
        )
    if age == 1 and rng.random() < 0.5:
        return draw  # approved, payment pending
    with operations.clock_at(_moment(min(recorded + dt.timedelta(days=5), today), 11)):
        operations.pay_draw(actor=finance, draw_id=draw.pk, reason="Paid by ACH")
    return draw


def _corrections(finance, manager, lines, today):
    """A rejected draw and a reversed double payment, with the corrected charge."""
    supplies, other = lines[5], lines[7]
    day = dt.date(2026, 2, 10)
    with operations.clock_at(_moment(day)):
        rejected = operations.request_draw(
            actor=finance,
            line_id=supplies.pk,
            amount="1840.00",
            incurred_on=dt.date(2026, 2, 3),
            payee="Gateway Print",
            description="Banner stands for service days",
            submit=True,
            reason="Invoice received",
        )
    with operations.clock_at(_moment(day, 15)):
        operations.reject_draw(
            actor=manager,
            draw_id=rejected.pk,
            reason="Quote not approved in advance; equipment over $500 needs a second bid.",
        )
    day = dt.date(2026, 5, 6)
    with operations.clock_at(_moment(day)):
        doubled = operations.request_draw(
            actor=finance,
            line_id=other.pk,
            amount="2375.50",
            incurred_on=dt.date(2026, 4, 28),
            payee="Language Link",
            description="Interpreters, April service days (invoice 4471)",
            submit=True,
            document=ContentFile(b"Invoice 4471 - interpreters, April\n", name="invoice-4471.txt"),
            reason="Invoice received",
        )
    with operations.clock_at(_moment(day, 14)):
        operations.approve_draw(actor=manager, draw_id=doubled.pk)
    with operations.clock_at(_moment(day + dt.timedelta(days=3))):
        operations.pay_draw(actor=finance, draw_id=doubled.pk, reason="Paid by ACH")
    with operations.clock_at(_moment(dt.date(2026, 5, 20))):
        operations.reverse_draw(
            actor=finance,
            draw_id=doubled.pk,
            reason="Invoice 4471 was paid twice; vendor credited the duplicate.",
        )


def _revisions(finance, manager, award, lines):
    travel, supplies, other = lines[3], lines[5], lines[7]
    with operations.clock_at(_moment(dt.date(2026, 3, 2))):
        first = operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=travel.pk,
            to_line_id=supplies.pk,
            amount="8000.00",
            reason="More service days at fewer sites: less mileage, more outreach material.",
        )
    with operations.clock_at(_moment(dt.date(2026, 3, 4))):
        operations.approve_revision(actor=manager, revision_id=first.pk, reason="Agreed with OVC")
    with operations.clock_at(_moment(dt.date(2026, 8, 3))):
        second = operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=lines[4].pk,
            to_line_id=other.pk,
            amount="6000.00",
            reason="Equipment came in under budget; interpreters needed for Spanish-language days.",
        )
    with operations.clock_at(_moment(dt.date(2026, 8, 5))):
        operations.approve_revision(actor=manager, revision_id=second.pk, reason="Approved")
    with operations.clock_at(_moment(dt.date(2026, 11, 2))):
        operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=lines[0].pk,
            to_line_id=lines[6].pk,
            amount="15000.00",
            reason="A vacant program representative post is covered by contracted social workers.",
        )


def _match(finance, award, today, rng):
    for month in _months(today.replace(day=1)):
        day = min(month + dt.timedelta(days=20), today)
        with operations.clock_at(_moment(day, 16)):
            operations.record_match(
                actor=finance,
                award_id=award.pk,
                contributed_on=day,
                kind="volunteer",
                hours=Decimal(rng.randrange(180, 320)),
                hourly_rate="31.80",
                description=f"Volunteer advocates at service days, {month:%B %Y}",
            )
            operations.record_match(
                actor=finance,
                award_id=award.pk,
                contributed_on=day,
                kind="space",
                value="2400.00",
                description=f"Library and community-centre rooms, {month:%B %Y}",
            )
    with operations.clock_at(_moment(dt.date(2026, 1, 15))):
        operations.record_match(
            actor=finance,
            award_id=award.pk,
            contributed_on=dt.date(2026, 1, 15),
            kind="cash",
            value="60000.00",
            description="County general fund contribution, FY2026",
        )
