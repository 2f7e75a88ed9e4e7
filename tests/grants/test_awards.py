"""Several awards at once: each with its own Uniform Guidance rules, period and numbers."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from grants.models import Award, BudgetRevision, Draw
from tests.factories import make_award, make_draw, make_line, make_revision
from tests.helpers import at, migration_loader, moment

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
    with at(moment(2026, 3, 20)):
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
    state = migration_loader().project_state(("grants", "0003_award_rules"))
    migration.guidance_from_start(state.apps, None)
    old.refresh_from_db()
    assert old.uniform_guidance == "earlier"
    assert old.history.get().uniform_guidance == "earlier"


# --- the period of performance and liquidation -------------------------------------------------


def _ending_award(manager):
    """An award whose period of performance ends on 30 Sep 2026 (liquidation to 28 Jan 2027)."""
    return make_award(
        manager,
        number="15POVC-22-GG-1",
        period_start=dt.date(2022, 10, 1),
        period_end=dt.date(2026, 9, 30),
    )


def test_no_new_draw_after_the_period_of_performance_ends(finance, manager):
    line = make_line(manager, _ending_award(manager))
    with at(moment(2026, 10, 1)), pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, incurred_on=dt.date(2026, 9, 20))
    assert "ended on 30 Sep 2026: no new draws" in messages(excinfo)
    assert not Draw.objects.exists()


def test_during_liquidation_a_cost_of_the_period_is_still_paid_then_no_longer(finance, manager):
    from grants import operations

    line = make_line(manager, _ending_award(manager))
    with at(moment(2026, 9, 28)):
        paid_in_time = make_draw(finance, line, submit=True, incurred_on=dt.date(2026, 9, 20))
        too_late = make_draw(finance, line, submit=True, incurred_on=dt.date(2026, 9, 21))
    with at(moment(2027, 1, 28)):  # the 120th day after the period
        operations.approve_draw(actor=manager, draw_id=paid_in_time.pk)
        operations.approve_draw(actor=manager, draw_id=too_late.pk)
        operations.pay_draw(actor=finance, draw_id=paid_in_time.pk)
    with at(moment(2027, 1, 29)), pytest.raises(ValidationError) as excinfo:
        operations.pay_draw(actor=finance, draw_id=too_late.pk)
    assert "liquidation period of award 15POVC-22-GG-1 ended on 28 Jan 2027" in messages(excinfo)
    statuses = dict(Draw.objects.values_list("pk", "status"))
    assert statuses == {paid_in_time.pk: "paid", too_late.pk: "approved"}


def test_a_cost_incurred_outside_the_period_is_refused_on_that_award(finance, manager, award):
    line = make_line(manager, award)
    with pytest.raises(ValidationError) as excinfo:
        make_draw(finance, line, incurred_on=dt.date(2025, 9, 30))
    assert "inside the period of performance (1 Oct 2025 to 30 Sep 2027)" in messages(excinfo)
    assert not Draw.objects.exists()


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"number": "15POVC-TEST-0001"}, "already exists"),
        (
            {"number": "15POVC-X", "period_end": dt.date(2025, 9, 30)},
            "must end after it starts",
        ),
    ],
)
def test_a_second_award_with_a_taken_number_or_a_backwards_period_is_refused(
    manager, award, fields, message
):
    with pytest.raises(ValidationError) as excinfo:
        make_award(manager, **fields)
    assert message in messages(excinfo)
    assert Award.objects.count() == 1


def test_a_revision_naming_a_line_of_another_award_is_refused(finance, manager, award):
    other = make_award(manager, number="15POVC-OTHER")
    mine, theirs = make_line(manager, award), make_line(manager, other)
    with pytest.raises(ValidationError) as excinfo:
        make_revision(finance, theirs, mine, "10.00")
    assert "Choose a line of award 15POVC-TEST-0001: money never moves between awards" in (
        messages(excinfo)
    )
    assert not BudgetRevision.objects.exists()
