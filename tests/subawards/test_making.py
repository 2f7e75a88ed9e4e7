"""Making a subaward: its data elements, its number, its match, its indirect rate, and its money
obligated on the state award's Subawards line when issued."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.exceptions import ValidationError

from grants.models import RULES, BudgetLine, UniformGuidance
from subawards import operations
from subawards.models import Subaward, SubawardVersion
from tests.factories import make_award, make_line

from .conftest import make_agency, terms

pytestmark = pytest.mark.django_db


def test_a_subaward_is_prepared_as_a_draft_with_every_data_element_and_obligates_nothing(
    people, line, agency, make_subaward
):
    subaward = make_subaward(issue=False)
    assert subaward.number == "SUB-2026-001"
    version = subaward.latest_version()
    assert version.status == "draft"
    assert (version.subrecipient_name, version.subrecipient_uei) == (
        "Safe Harbor Domestic Violence Shelter, Inc.",
        "K7LMN2PQR3ST",
    )
    assert version.fain == "15POVC-TEST-0001"
    assert version.federal_award_date == dt.date(2025, 10, 1)
    assert (version.period_start, version.period_end) == (dt.date(2027, 1, 1), dt.date(2027, 9, 30))
    assert (version.budget_period_start, version.budget_period_end) == (
        dt.date(2027, 1, 1),
        dt.date(2027, 9, 30),
    )
    assert version.amount_this_action == version.total_obligated == Decimal("100000.00")
    assert version.total_committed == Decimal("100000.00")
    assert version.assistance_listing == "16.575"
    assert version.awarding_agency == "Office for Victims of Crime, U.S. Department of Justice"
    assert not version.is_research
    assert version.budget() == {"personnel": Decimal("80000.00"), "supplies": Decimal("20000.00")}
    # A draft holds no money: the line still has all of its $250,000.
    assert BudgetLine.objects.get(pk=line.pk).remaining() == Decimal("250000.00")


def test_issuing_obligates_the_total_on_the_line_and_issues_a_numbered_document(
    line, make_subaward
):
    subaward = make_subaward()
    version = subaward.current_version()
    assert version.status == "issued"
    assert version.effective_on == dt.date(2026, 12, 7)
    assert subaward.obligation.amount == Decimal("100000.00")
    assert BudgetLine.objects.get(pk=line.pk).remaining() == Decimal("150000.00")
    assert version.document_number == "SUB-2026-001-01"
    assert version.document.read().startswith(b"%PDF")


def test_numbers_run_in_order_within_the_year(make_subaward):
    first = make_subaward(issue=False)
    second = make_subaward(issue=False)
    assert [first.number, second.number] == ["SUB-2026-001", "SUB-2026-002"]


def test_match_is_a_fifth_of_total_project_cost_rounded_half_up(make_subaward):
    subaward = make_subaward(issue=False, budget={"personnel": "12345.67"})
    version = subaward.latest_version()
    expected = (Decimal("12345.67") / Decimal("0.8") * Decimal("0.2")).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )
    assert expected == Decimal("3086.42")
    assert version.match_required == expected
    assert version.match_due == expected


def test_a_waiver_in_part_records_why_the_decision_and_who_decided(people, make_subaward):
    subaward = make_subaward(
        issue=False,
        match_waived="10000.00",
        match_waiver_reason="Small rural program without local funding",
        match_waiver_decision="Waiver policy section 3.2: partial waiver approved",
    )
    version = subaward.latest_version()
    assert version.match_required == Decimal("25000.00")  # 100,000 / 0.8 * 0.2
    assert version.match_due == Decimal("15000.00")
    assert version.match_waiver_decided_by == people["gm"]


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"match_waived": "25000.01"}, "match_waived", "At most the whole match"),
        ({"match_waived": "100.00"}, "match_waiver_reason", "Say why the match is waived"),
        ({"budget": {}}, "budget", "Give the budget"),
        ({"budget": {"personnel": "12.345"}}, "budget_personnel", "whole cents"),
        ({"period_end": dt.date(2027, 10, 31)}, "period_end", "within award 15POVC-TEST-0001"),
        ({"indirect_rate_kind": "de_minimis", "indirect_rate": "15.01"}, "indirect_rate", "15.00%"),
        ({"budget": {"indirect": "5000.00"}}, "budget_indirect", "choose the de minimis"),
        ({"total_committed": "99999.99"}, "total_committed", "at least the total obligated"),
        ({"project_description": " "}, "project_description", "Describe the project"),
    ],
)
def test_bad_terms_are_refused_on_their_field_and_nothing_is_saved(
    make_subaward, changes, field, says
):
    with pytest.raises(ValidationError) as refused:
        make_subaward(issue=False, **changes)
    assert says in " ".join(refused.value.message_dict[field])
    assert not Subaward.objects.exists()
    assert not SubawardVersion.objects.exists()


def test_the_de_minimis_rate_is_read_from_the_federal_awards_uniform_guidance(people, agency):
    """15% for an award under the 2024 revision, 10% for an older one: the same table as the
    award's own rate and the equipment threshold."""
    older = make_award(
        people["gm"],
        number="15POVC-21-OLD",
        period_start=dt.date(2021, 10, 1),
        period_end=dt.date(2027, 9, 30),
        federal_fiscal_year=2022,
    )
    assert older.uniform_guidance == UniformGuidance.EARLIER
    line = make_line(people["gm"], older, amount="100000.00", category="subawards")
    base = {
        "indirect_rate_kind": "de_minimis",
        "budget": {"personnel": "9000.00", "indirect": "900.00"},
    }
    with pytest.raises(ValidationError) as refused:
        operations.create_subaward(
            people["gm"],
            subrecipient_id=agency.pk,
            line_id=line.pk,
            **terms(indirect_rate="10.50", **base),
        )
    assert "at most 10.00%" in refused.value.message_dict["indirect_rate"][0]
    ok = operations.create_subaward(
        people["gm"],
        subrecipient_id=agency.pk,
        line_id=line.pk,
        **terms(indirect_rate=str(RULES[UniformGuidance.EARLIER].de_minimis_rate), **base),
    )
    assert ok.latest_version().indirect_rate == Decimal("10.00")


def test_a_negotiated_rate_may_exceed_the_de_minimis_rate(make_subaward):
    subaward = make_subaward(
        issue=False,
        indirect_rate_kind="negotiated",
        indirect_rate="22.50",
        budget={"personnel": "80000.00", "indirect": "18000.00"},
    )
    assert subaward.latest_version().indirect_rate == Decimal("22.50")


def test_a_subaward_is_made_only_on_a_subawards_line(people, award, agency):
    personnel = make_line(people["gm"], award, amount="1000.00")
    with pytest.raises(ValidationError) as refused:
        operations.create_subaward(
            people["gm"], subrecipient_id=agency.pk, line_id=personnel.pk, **terms()
        )
    assert "Subawards line" in refused.value.message_dict["line"][0]


def test_a_subaward_over_what_is_left_on_the_line_is_refused_on_the_budget(
    people, line, make_subaward
):
    make_subaward(budget={"personnel": "200000.00"})
    with pytest.raises(ValidationError) as refused:
        make_subaward(budget={"personnel": "50000.01"})
    assert "Only $50,000.00 is left" in refused.value.message_dict["budget"][0]
    assert Subaward.objects.count() == 1


def test_issuing_over_the_line_is_refused_and_changes_nothing(people, line, make_subaward):
    """Two drafts that fit alone but not together: the second issue is refused by the line."""
    first = make_subaward(issue=False, budget={"personnel": "150000.00"})
    second = make_subaward(issue=False, budget={"personnel": "150000.00"})
    operations.issue_version(people["gm"], version_id=first.latest_version().pk)
    with pytest.raises(ValidationError) as refused:
        operations.issue_version(people["gm"], version_id=second.latest_version().pk)
    assert "Only $100,000.00 is left" in " ".join(refused.value.messages)
    second.refresh_from_db()
    assert second.latest_version().status == "draft"
    assert second.obligation is None
    assert BudgetLine.objects.get(pk=line.pk).remaining() == Decimal("100000.00")


def test_a_subrecipient_funded_from_two_awards_has_two_subawards(people, agency, line):
    other_award = make_award(people["gm"], number="15POVC-TEST-0002")
    other_line = make_line(people["gm"], other_award, amount="50000.00", category="subawards")
    first = operations.create_subaward(
        people["gm"], subrecipient_id=agency.pk, line_id=line.pk, **terms()
    )
    second = operations.create_subaward(
        people["gm"],
        subrecipient_id=agency.pk,
        line_id=other_line.pk,
        **terms(budget={"personnel": "40000.00"}),
    )
    assert {first.latest_version().fain, second.latest_version().fain} == {
        "15POVC-TEST-0001",
        "15POVC-TEST-0002",
    }


def test_the_uniform_guidance_table_holds_the_subaward_thresholds():
    revised, earlier = RULES[UniformGuidance.REVISED_2024], RULES[UniformGuidance.EARLIER]
    assert (revised.single_audit_threshold, earlier.single_audit_threshold) == (
        Decimal("1000000.00"),
        Decimal("750000.00"),
    )
    assert (revised.subaward_base_cap, earlier.subaward_base_cap) == (
        Decimal("50000.00"),
        Decimal("25000.00"),
    )


def test_only_the_grants_manager_makes_subawards(people, line, agency):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        operations.create_subaward(
            people["finance"], subrecipient_id=agency.pk, line_id=line.pk, **terms()
        )


def test_a_subrecipient_without_uei_is_refused(people, line):
    bare = make_agency(name="No UEI Agency", uei="")
    with pytest.raises(ValidationError) as refused:
        operations.create_subaward(
            people["gm"], subrecipient_id=bare.pk, line_id=line.pk, **terms()
        )
    assert "no UEI" in refused.value.message_dict["subrecipient"][0]
