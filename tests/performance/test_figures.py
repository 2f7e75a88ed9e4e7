"""A subrecipient's quarterly figures: counted from its own contacts (by hand here), or typed in
and judged by the unit's PMT rule book; bad input gives a clear message and saves nothing."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from performance import figures, operations
from performance.models import QuarterlyReport
from tests.helpers import at, moment

from .conftest import AFTER_Q2

pytestmark = pytest.mark.django_db


def consistent(**changes):
    """Q2 figures typed in: 3 served (2 new, 1 continuing), each table summing to 2."""
    values = {
        "served": "3",
        "new": "2",
        "continuing": "1",
        "compensation_individuals": "1",
        "contacts": "5",
        "demo0-white": "1",
        "demo0-not_reported": "1",
        "demo1-male": "1",
        "demo1-not_reported": "1",
        "demo2-18_24": "1",
        "demo2-not_reported": "1",
        "vic-robbery": "1",
        "cat-A": "1",
        "svc-A1-individuals": "1",
        "svc-A1-times": "3",
    }
    values.update(changes)
    return values


def summary(data) -> dict:
    return dict(data.summary())


@pytest.mark.postgres
def test_figures_counted_from_the_agency_own_contacts_only_pg(director, subaward, agency_contacts):
    _computed_figures_are_the_hand_count(director, subaward)


def test_figures_counted_from_the_agency_own_contacts_only(director, subaward, agency_contacts):
    _computed_figures_are_the_hand_count(director, subaward)


def _computed_figures_are_the_hand_count(director, subaward):
    with at(AFTER_Q2):
        report = operations.compute_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2
        )
    data = figures.from_json(report.figures)
    counts = summary(data)
    assert data.served == 3 and data.new == 2 and data.continuing == 1
    assert data.anonymous_contacts == 1
    assert data.contacts == 5  # the unit's and the other agency's contacts are not here
    assert data.compensation_individuals == 1 and data.compensation_contacts == 1
    assert counts["Individuals with multiple victimizations"] == 0
    services = {code: (n, t) for _, code, _, n, t, _ in data.services}
    # A1: Q twice (1 + 2 times); the unit's 5 and the other agency's 7 count nowhere.
    assert services["A1"] == (1, 3)
    assert services["C1"] == (2, 2)  # P once, Q once
    assert services["C2"] == (0, 1)  # anonymous: a time, no individual
    assert services["E1"] == (1, 1)
    assert services["B9"] == (0, 0)  # only the unit's advocate gave B9
    race = dict(dict(data.demographics)["Race/ethnicity"])
    assert race["White Non-Latino or Caucasian"] == 1
    assert race["Not Reported"] == 1
    assert race["Black or African American"] == 0  # P is continuing
    assert race["Asian"] == 0  # the unit's and the other agency's clients
    assert dict(data.victimizations)["Robbery"] == 1
    assert report.source == "computed" and report.status == "draft"
    # Aggregates only: no client or contact id in what is stored.
    stored = str(report.figures)
    for person in ("client", "contact_id", "client_id"):
        assert person not in stored


def test_typed_in_figures_are_saved_when_the_rule_book_passes(director, subaward):
    with at(AFTER_Q2):
        report = operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )
    data = figures.from_json(report.figures)
    assert (data.served, data.new, data.continuing) == (3, 2, 1)
    assert dict(dict(data.demographics)["Age"])["18\u201324"] == 1
    a = next(row for row in data.services if row[1] == "A")
    assert a[3:5] == (1, 3)  # the category's times are its sub-services' times
    assert report.source == "entered"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"served": "-1"}, "served", "whole number"),
        ({"new": "2.5"}, "new", "whole number"),
        ({"demo0-white": "one"}, "demo0-white", "whole number"),
    ],
)
def test_negative_or_non_integer_counts_are_refused_on_their_field(
    director, subaward, changes, field, message
):
    with at(AFTER_Q2), pytest.raises(ValidationError) as refused:
        operations.enter_figures(
            director,
            subaward_id=subaward.pk,
            fiscal_year=2027,
            quarter=2,
            values=consistent(**changes),
        )
    assert message in refused.value.message_dict[field][0]
    assert not QuarterlyReport.objects.exists()


def test_demographics_not_summing_are_refused_unless_a_proration_note_explains(director, subaward):
    values = consistent(**{"demo0-white": "2"})  # race sums to 3, new is 2
    with at(AFTER_Q2), pytest.raises(ValidationError) as refused:
        operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=values
        )
    messages = refused.value.message_dict["__all__"]
    assert any("Race/ethnicity: rows sum to new individuals" in m for m in messages)
    assert not QuarterlyReport.objects.exists()
    with at(AFTER_Q2):
        report = operations.enter_figures(
            director,
            subaward_id=subaward.pk,
            fiscal_year=2027,
            quarter=2,
            values=values,
            proration_note="Race prorated from the shelter's intake sheets (estimate).",
        )
    assert report.proration_note.startswith("Race prorated")


def test_served_must_be_new_plus_continuing(director, subaward):
    with at(AFTER_Q2), pytest.raises(ValidationError) as refused:
        operations.enter_figures(
            director,
            subaward_id=subaward.pk,
            fiscal_year=2027,
            quarter=2,
            values=consistent(served="4"),
        )
    assert any(
        "New + continuing individuals = individuals served" in m
        for m in refused.value.message_dict["__all__"]
    )
    assert not QuarterlyReport.objects.exists()


def test_a_quarter_not_yet_ended_is_refused(director, subaward):
    with at(moment(2027, 3, 31)), pytest.raises(ValidationError) as refused:
        operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )
    assert "FY2027 Q2 has not ended yet" in refused.value.messages[0]
    assert not QuarterlyReport.objects.exists()


def test_a_quarter_outside_the_subaward_is_refused(director, subaward):
    with at(AFTER_Q2), pytest.raises(ValidationError) as refused:
        operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2026, quarter=4, values=consistent()
        )
    assert "outside" in refused.value.messages[0]


def test_only_the_agency_director_or_finance_prepare(
    subaward, advocate, other_director, people, agency_finance
):
    for outsider in (advocate, other_director, people["gm"]):
        with at(AFTER_Q2), pytest.raises(PermissionDenied):
            operations.enter_figures(
                outsider,
                subaward_id=subaward.pk,
                fiscal_year=2027,
                quarter=2,
                values=consistent(),
            )
    with at(AFTER_Q2):
        operations.enter_figures(
            agency_finance,
            subaward_id=subaward.pk,
            fiscal_year=2027,
            quarter=2,
            values=consistent(),
        )
    assert QuarterlyReport.objects.count() == 1
