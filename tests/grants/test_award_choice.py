"""Choosing the award deliberately: the draw form shows every award's line and suggests, visibly,
the one whose money lapses first; a cost outside an award's period is refused on that award."""

import datetime as dt
import html

import pytest
from django.core.exceptions import ValidationError

from grants.forms import SUGGESTED, DrawForm
from grants.models import BudgetLine, Draw
from tests.factories import make_award, make_draw, make_line, make_paid_draw
from tests.helpers import at, login, moment

pytestmark = pytest.mark.django_db
NOW = moment(2026, 3, 20)  # 194 days before 30 Sep 2026, 559 before 30 Sep 2027


@pytest.fixture
def three(manager):
    """Three overlapping awards, each with a Personnel line of Victim Service Days."""
    with at(NOW):
        old = make_award(
            manager,
            number="15POVC-22-GG-1",
            period_start=dt.date(2022, 10, 1),
            period_end=dt.date(2026, 9, 30),
        )
        current = make_award(
            manager,
            number="15POVC-23-GG-2",
            period_start=dt.date(2023, 10, 1),
            period_end=dt.date(2027, 9, 30),
        )
        new = make_award(
            manager,
            number="15POVC-25-GG-3",
            period_start=dt.date(2025, 10, 1),
            period_end=dt.date(2029, 9, 30),
        )
        lines = [make_line(manager, a, "1000.00") for a in (new, old, current)]
        travel = make_line(manager, current, "300.00", category="travel", description="Mileage")
    return {"new": lines[0], "old": lines[1], "current": lines[2], "travel": travel}


def options(form):
    """{group label: [option labels]} as the select shows them."""
    return {
        group: [label for _pk, label in opts] for group, opts in form.fields["line"].choices[1:]
    }


def test_each_line_shows_its_award_what_is_left_and_days_left_and_the_lapsing_one_is_marked(
    three,
):
    with at(NOW):
        form = DrawForm()
    groups = options(form)
    assert groups["Personnel \N{EN DASH} Victim Service Days"] == [
        "15POVC-22-GG-1 · Program representatives · $1,000.00 left · 194 days left · "
        "suggested: lapses first",
        "15POVC-23-GG-2 · Program representatives · $1,000.00 left · 559 days left",
        "15POVC-25-GG-3 · Program representatives · $1,000.00 left · 1290 days left",
    ]
    # A line on one award alone is no choice between awards: nothing suggested.
    assert groups["Travel \N{EN DASH} Victim Service Days"] == [
        "15POVC-23-GG-2 · Mileage · $300.00 left · 559 days left"
    ]
    # Nothing is chosen for the user.
    assert "line" not in form.initial


def test_the_suggestion_moves_on_when_the_lapsing_line_has_nothing_left(three, finance, manager):
    with at(NOW):
        make_paid_draw(finance, manager, three["old"], "400.00")
        make_draw(finance, three["old"], "600.00", submit=True)
        labels = options(DrawForm())["Personnel \N{EN DASH} Victim Service Days"]
    assert labels[0] == "15POVC-22-GG-1 · Program representatives · $0.00 left · 194 days left"
    assert labels[1].endswith("559 days left · " + SUGGESTED)


def test_an_ended_award_is_not_offered_for_new_costs(three):
    with at(moment(2026, 10, 5)):
        labels = options(DrawForm())["Personnel \N{EN DASH} Victim Service Days"]
    assert [label.split(" · ")[0] for label in labels] == ["15POVC-23-GG-2", "15POVC-25-GG-3"]
    assert labels[0].endswith(SUGGESTED)


def test_the_form_preselects_the_suggestion_only_when_asked_and_says_so(client, three, finance):
    login(client, finance)
    with at(NOW):
        plain = client.get("/admin/grants_draws/new/").content.decode()
        asked = client.get(
            "/admin/grants_draws/new/?category=personnel&program=Victim+Service+Days"
        ).content.decode()
    # Without the question, only the empty choice is selected.
    assert plain.split('name="line"')[1].split("</select>")[0].count(" selected>") == 1
    assert 'value="" selected>' in plain
    select = html.unescape(asked.split('name="line"')[1].split("</select>")[0])
    chosen = select.split(" selected>")[1].split("</option>")[0]
    assert chosen.startswith("15POVC-22-GG-1") and chosen.endswith(SUGGESTED)
    assert f"marked “{SUGGESTED}”" in html.unescape(asked)


def test_a_line_other_than_the_suggestion_can_be_chosen_deliberately(client, three, finance):
    login(client, finance)
    form = {
        "line": three["new"].pk,
        "incurred_on": "2026-03-16",
        "amount": "25.00",
        "payee": "Acme Print",
        "description": "Flyers",
        "reason": "Invoice 7",
    }
    with at(NOW):
        response = client.post("/admin/grants_draws/new/", form)
    assert response.status_code == 302
    draw = Draw.objects.get()
    assert draw.line == three["new"] and draw.award.federal_award_number == "15POVC-25-GG-3"


def test_a_cost_outside_the_awards_period_is_refused_on_that_award_and_nothing_written(
    client, three, finance
):
    """15POVC-25-GG-3 starts 1 Oct 2025: a cost of 15 Sep 2025 belongs to an older award."""
    login(client, finance)
    form = {
        "line": three["new"].pk,
        "incurred_on": "2025-09-15",
        "amount": "25.00",
        "payee": "Acme Print",
        "description": "Flyers",
        "reason": "Invoice 7",
    }
    with at(NOW):
        page = html.unescape(client.post("/admin/grants_draws/new/", form).content.decode())
        with pytest.raises(ValidationError) as excinfo:
            make_draw(finance, three["new"], incurred_on=dt.date(2025, 9, 15))
    expected = (
        "The date must be inside the period of performance (1 Oct 2025 to 30 Sep 2029) of award "
        "15POVC-25-GG-3: a cost incurred on 15 Sep 2025 cannot be charged to it."
    )
    assert expected in page
    assert expected in " ".join(excinfo.value.messages)
    assert not Draw.objects.exists() and not Draw.history.exists()
    with at(NOW):  # the same cost is accepted on the award whose period contains it
        assert make_draw(finance, three["old"], incurred_on=dt.date(2025, 9, 15)).pk


def test_lines_lapsing_first_is_the_one_rule_for_the_order(three):
    ordered = list(BudgetLine.objects.lapsing_first().values_list("award__federal_award_number"))
    assert [n for (n,) in ordered] == [
        "15POVC-22-GG-1",
        "15POVC-23-GG-2",
        "15POVC-23-GG-2",
        "15POVC-25-GG-3",
    ]


def test_the_home_page_panel_lists_every_open_award_not_just_one(client, three, finance):
    login(client, finance)
    with at(NOW):
        page = html.unescape(client.get("/admin/").content.decode())
    panel = page.split("VOCA awards", 1)[1].split("Open the dashboard", 1)[0]
    for number, days in (
        ("15POVC-22-GG-1", 194),
        ("15POVC-23-GG-2", 559),
        ("15POVC-25-GG-3", 1290),
    ):
        assert f"{number}</strong>: paid $0.00" in panel and f"{days} days left" in panel
