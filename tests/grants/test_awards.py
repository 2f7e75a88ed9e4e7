"""Several awards at once: each with its own Uniform Guidance rules, period and numbers."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from grants.models import Award, Draw
from tests.factories import make_award, make_draw, make_line

pytestmark = pytest.mark.django_db


def messages(excinfo) -> str:
    return " ".join(excinfo.value.messages)


# --- rules by award ----------------------------------------------------------------------------


def test_an_award_from_oct_2024_follows_the_revised_rules_and_an_older_one_the_earlier(manager):
    new = make_award(manager, number="15POVC-25-GG-1", period_start=dt.date(2024, 10, 1))
    old = make_award(
        manager,
        number="15POVC-22-GG-1",
        period_start=dt.date(2022, 10, 1),
        period_end=dt.date(2026, 9, 30),
    )
    assert new.rules.de_minimis_rate == Decimal("15.00")
    assert new.rules.equipment_threshold == Decimal("10000.00")
    assert old.rules.de_minimis_rate == Decimal("10.00")
    assert old.rules.equipment_threshold == Decimal("5000.00")


@pytest.mark.parametrize(
    "start,rate,allowed",
    [
        (dt.date(2025, 10, 1), "15.00", True),
        (dt.date(2025, 10, 1), "15.01", False),
        (dt.date(2022, 10, 1), "10.00", True),
        (dt.date(2022, 10, 1), "12.00", False),
    ],
)
def test_an_indirect_rate_above_the_awards_de_minimis_needs_a_negotiated_agreement(
    manager, start, rate, allowed
):
    fields = {"period_start": start, "period_end": start.replace(year=start.year + 4)}
    if allowed:
        make_award(manager, indirect_cost_rate=Decimal(rate), **fields)
        return
    with pytest.raises(ValidationError) as excinfo:
        make_award(manager, indirect_cost_rate=Decimal(rate), **fields)
    assert "negotiated indirect cost rate agreement" in messages(excinfo)
    assert not Award.objects.exists()
    award = make_award(
        manager, indirect_cost_rate=Decimal(rate), negotiated_indirect_rate=True, **fields
    )
    assert award.negotiated_indirect_rate


def test_an_equipment_item_below_the_awards_threshold_is_refused_as_supplies(finance, manager):
    old = make_award(
        manager,
        number="15POVC-22-GG-1",
        period_start=dt.date(2022, 10, 1),
        period_end=dt.date(2026, 9, 30),
    )
    new = make_award(manager, number="15POVC-26-GG-1")
    old_line = make_line(manager, old, "50000.00", category="equipment")
    new_line = make_line(manager, new, "50000.00", category="equipment")
    make_draw(finance, old_line, "6000.00")  # equipment under the earlier $5,000 threshold
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, new_line, "6000.00")
    assert "an item under $10,000.00 is supplies" in messages(excinfo)
    assert Draw.objects.count() == 1
    make_draw(finance, new_line, "10000.00")


def test_a_draft_edited_below_the_equipment_threshold_is_refused(finance, manager, award):
    from grants import operations

    line = make_line(manager, award, "50000.00", category="equipment")
    draw = make_draw(finance, line, "12000.00")
    with pytest.raises(ValidationError) as excinfo:
        operations.edit_draft_draw(actor=finance, draw_id=draw.pk, amount="900.00", reason="Fix")
    assert "is supplies, not equipment" in messages(excinfo)
    assert Draw.objects.get(pk=draw.pk).amount == Decimal("12000.00")


def test_the_migration_gives_existing_awards_the_rules_of_their_start_date(manager):
    old = make_award(
        manager,
        number="15POVC-22-GG-1",
        period_start=dt.date(2022, 10, 1),
        period_end=dt.date(2026, 9, 30),
        uniform_guidance="2024",  # as the new column's default left it
    )
    migration = importlib.import_module("grants.migrations.0003_award_rules")
    state = MigrationLoader(connection).project_state(("grants", "0003_award_rules"))
    migration.guidance_from_start(state.apps, None)
    old.refresh_from_db()
    assert old.uniform_guidance == "earlier"
    assert old.history.get().uniform_guidance == "earlier"
