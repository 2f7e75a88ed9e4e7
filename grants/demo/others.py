"""The demo's older and newer awards, beside the current one (grants.demo.current)."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from voca import clock, formats, site
from voca.money import round_cents

from .. import funding, operations
from .current import _draw, _moment, _months

# (category, program, description, approved amount, payee)
OLDER = {
    "number": "15POVC-23-GG-00188-ASSI",
    "fiscal_year": 2023,
    "total": "1800000.00",
    "start": dt.date(2022, 10, 1),
    # Extended by a grant adjustment notice: a few weeks left in the demo's December 2026.
    "end": dt.date(2026, 12, 31),
    "lines": (
        (
            "personnel",
            "Victim Service Days",
            "Program representatives (2 FTE)",
            "700000.00",
            "Payroll",
        ),
        ("personnel", "Victim Advocates", "Victim advocates (3 FTE)", "500000.00", "Payroll"),
        ("fringe", "All programs", "Fringe benefits at 30%", "330000.00", "Payroll"),
        (
            "travel",
            "Victim Service Days",
            "Mileage to service-day sites",
            "70000.00",
            "Staff mileage",
        ),
        (
            "contractual",
            "Victim Service Days",
            "Social workers under contract",
            "200000.00",
            "Midwest Family Services",
        ),
    ),
}
NEWER = {
    "number": "15POVC-27-GG-00502-ASSI",
    "fiscal_year": 2027,
    "total": "2200000.00",
    "start": dt.date(2026, 10, 1),
    "end": dt.date(2030, 9, 30),
    "lines": (
        (
            "personnel",
            "Victim Service Days",
            "Program representatives (2 FTE)",
            "800000.00",
            "Payroll",
        ),
        ("personnel", "Victim Advocates", "Victim advocates (4 FTE)", "600000.00", "Payroll"),
        ("fringe", "All programs", "Fringe benefits at 30%", "420000.00", "Payroll"),
        (
            "travel",
            "Victim Service Days",
            "Mileage to service-day sites",
            "80000.00",
            "Staff mileage",
        ),
        (
            "supplies",
            "Victim Service Days",
            "Outreach materials and supplies",
            "100000.00",
            "Gateway Print",
        ),
        ("indirect", "Administration", "Indirect costs (de minimis)", "200000.00", "Indirect"),
    ),
}
# The older award was drawn a little slowly: at today's pace some of it lapses.
OLDER_PACE = Decimal("0.86")


def _people():
    users = get_user_model().objects.in_bulk(["finance", "grantsmanager"], field_name="username")
    return users["finance"], users["grantsmanager"]


def _create(spec, manager, reason, indirect):
    with operations.clock_at(_moment(spec["start"] - dt.timedelta(days=5))):
        award = operations.create_award(
            actor=manager,
            federal_award_number=spec["number"],
            administering_agency=site.agency_name() or "State Department of Public Safety",
            federal_fiscal_year=spec["fiscal_year"],
            total_amount=spec["total"],
            period_start=spec["start"],
            period_end=spec["end"],
            indirect_cost_rate=indirect,
            reason=reason,
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
            )
            for category, program, description, amount, _payee in spec["lines"]
        ]
    payees = {line.pk: item[4] for line, item in zip(lines, spec["lines"], strict=True)}
    return award, lines, payees


def _age(month: dt.date, today: dt.date) -> int:
    return (today.year - month.year) * 12 + today.month - month.month


def load_older(stdout):
    """FY2023: one draw a quarter per line since October 2022, this month's still pending."""
    finance, manager = _people()
    today = clock.local_today()
    rng = random.Random(2023)  # noqa: S311 - deterministic demo data, not security
    award, lines, payees = _create(
        OLDER,
        manager,
        "Award letter from OVC; period extended to 31 Dec 2026 by grant adjustment notice",
        Decimal("10.00"),
    )
    quarters = (OLDER["end"].year - OLDER["start"].year) * 4 + 1  # Oct 2022 .. Oct 2026
    draws = 0
    for month in _months(min(today, OLDER["end"]).replace(day=1), OLDER["start"]):
        age = _age(month, today)
        if month.month not in (1, 4, 7, 10) and age > 1:
            continue  # quarterly, except the last two months drawn monthly
        for line in lines:
            share = OLDER_PACE * Decimal(rng.randrange(85, 115)) / 100
            amount = round_cents(line.amount / quarters * share / (3 if age <= 1 else 1))
            _draw(finance, manager, line, month, amount, payees[line.pk], age, rng, today)
            draws += 1
    travel, contractual = lines[3], lines[4]
    day = min(dt.date(2026, 11, 9), today)
    with operations.clock_at(_moment(day)):
        rejected = operations.request_draw(
            actor=finance,
            line_id=travel.pk,
            amount="412.60",
            incurred_on=day,
            payee="Staff mileage",
            description="Mileage claim without trip log",
            submit=True,
            reason="Claim received",
        )
    with operations.clock_at(_moment(day, 15)):
        operations.reject_draw(actor=manager, draw_id=rejected.pk, reason="No trip log attached.")
    draws += 1
    with operations.clock_at(_moment(dt.date(2025, 6, 2))):
        revision = operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=travel.pk,
            to_line_id=contractual.pk,
            amount="3000.00",
            reason="Fewer sites, more contracted social-worker hours.",
        )
    with operations.clock_at(_moment(dt.date(2025, 6, 4))):
        operations.approve_revision(actor=manager, revision_id=revision.pk, reason="Approved")
    with operations.clock_at(_moment(dt.date(2026, 10, 6))):
        late = operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=lines[1].pk,
            to_line_id=lines[0].pk,
            amount="5000.00",
            reason="Move advocate savings to program representatives.",
        )
    with operations.clock_at(_moment(dt.date(2026, 10, 8))):
        operations.reject_revision(
            actor=manager, revision_id=late.pk, reason="Spend on the FY2026 award instead."
        )
    matched = 0
    for month in _months(min(today, OLDER["end"]).replace(day=1), OLDER["start"]):
        if month.month not in (1, 4, 7, 10):
            continue
        day = min(month + dt.timedelta(days=14), today)
        with operations.clock_at(_moment(day, 16)):
            operations.record_match(
                actor=finance,
                award_id=award.pk,
                contributed_on=day,
                kind="cash",
                value="26000.00",
                description=f"County general fund contribution, {month:%B %Y}",
            )
        matched += 1
    stdout.write(
        f"  VOCA ledger: award {OLDER['number']} (older, ends {formats.day(OLDER['end'])}), "
        f"{len(lines)} budget lines, {draws} draws, 2 revisions, {matched} match entries"
    )


def load_newer(stdout):
    """FY2027: started 1 Oct 2026; its first months' draws in every status."""
    finance, manager = _people()
    today = clock.local_today()
    rng = random.Random(2027)  # noqa: S311 - deterministic demo data, not security
    award, lines, payees = _create(
        NEWER, manager, "Award letter from OVC, accepted by the agency director", Decimal("15.00")
    )
    draws = 0
    if today >= NEWER["start"]:
        for month in _months(today.replace(day=1), NEWER["start"]):
            age = _age(month, today)
            for line in lines[:4]:
                amount = round_cents(line.amount / 48 * Decimal(rng.randrange(60, 90)) / 100)
                _draw(finance, manager, line, month, amount, payees[line.pk], age, rng, today)
                draws += 1
        day = min(NEWER["start"] + dt.timedelta(days=20), today)
        with operations.clock_at(_moment(day)):
            rejected = operations.request_draw(
                actor=finance,
                line_id=lines[4].pk,
                amount="980.00",
                incurred_on=day,
                payee="Gateway Print",
                description="Banner stands (second bid missing)",
                submit=True,
                reason="Invoice received",
            )
        with operations.clock_at(_moment(day, 15)):
            operations.reject_draw(
                actor=manager, draw_id=rejected.pk, reason="Needs a second bid first."
            )
            operations.record_match(
                actor=finance,
                award_id=award.pk,
                contributed_on=day,
                kind="volunteer",
                hours=Decimal("220"),
                hourly_rate="31.80",
                description="Volunteer advocates at service days, October 2026",
            )
            operations.request_revision(
                actor=finance,
                award_id=award.pk,
                from_line_id=lines[3].pk,
                to_line_id=lines[4].pk,
                amount="4000.00",
                reason="More outreach material for the new Spanish-language days.",
            )
        draws += 1
    stdout.write(
        f"  VOCA ledger: award {NEWER['number']} (new, from {formats.day(NEWER['start'])}), "
        f"{len(lines)} budget lines, {draws} draws"
    )


def fund_contacts(stdout):
    """The demo's contacts were logged before its awards existed: give them their award now."""
    counts = funding.fill_missing(reason="Demo: program award for the contact's date")
    named = ", ".join(f"{number} {n}" for number, n in counts.items())
    stdout.write(f"  VOCA ledger: contacts by funding award: {named or 'none'}")
