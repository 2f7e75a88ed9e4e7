"""Plain factory functions for tests: no framework, just the smallest valid objects."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, *roles: str, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user


# --- grants (the VOCA ledger) --------------------------------------------------------------------


def make_award(actor, total="100000.00", number="15POVC-TEST-0001", **fields):
    """An award for FY2026, 1 Oct 2025 - 30 Sep 2027, written through grants.operations."""
    import datetime as dt

    from grants import operations

    values = {
        "federal_award_number": number,
        "administering_agency": "State Department of Public Safety",
        "federal_fiscal_year": 2026,
        "total_amount": total,
        "period_start": dt.date(2025, 10, 1),
        "period_end": dt.date(2027, 9, 30),
        "reason": "Award letter received",
    }
    values.update(fields)
    return operations.create_award(actor=actor, **values)


def make_line(actor, award, amount="10000.00", category="personnel", **fields):
    from grants import operations

    values = {
        "program": "Victim Service Days",
        "description": "Program representatives",
        "reason": "Approved budget",
    }
    values.update(fields)
    return operations.add_budget_line(
        actor=actor, award_id=award.pk, category=category, amount=amount, **values
    )


def make_draw(actor, line, amount="100.00", submit=False, **fields):
    import datetime as dt

    from grants import operations

    values = {"incurred_on": dt.date(2026, 3, 15), "payee": "Acme Print", "description": "Flyers"}
    values.update(fields)
    return operations.request_draw(
        actor=actor, line_id=line.pk, amount=amount, submit=submit, **values
    )
