"""Amendments: every one a new version; increases and decreases change the obligation; budget
revisions within the rules need no approval, beyond them the state decides; none at the end."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from grants.models import BudgetLine
from subawards import operations
from subawards.rules import RULES
from tests.helpers import at, moment

pytestmark = pytest.mark.django_db


def _amend(people, subaward, kind, reason="Amendment", **changes):
    version = operations.amend_subaward(
        people["gm"], subaward_id=subaward.pk, kind=kind, reason=reason, **changes
    )
    return operations.issue_version(people["gm"], version_id=version.pk, reason="Signed")


def test_a_decrease_de_obligates_with_its_reason_and_keeps_the_earlier_version(
    people, line, make_subaward
):
    subaward = make_subaward()
    reason = "Federal award cut by 40% for FY2027: every subaward reduced"
    version = _amend(
        people,
        subaward,
        "decrease",
        reason=reason,
        budget={"personnel": "50000.00", "supplies": "10000.00"},
    )
    subaward.refresh_from_db()
    assert version.number == 2
    assert version.amount_this_action == Decimal("-40000.00")
    assert version.total_obligated == Decimal("60000.00")
    assert version.reason == reason
    assert version.document_number == "SUB-2026-001-02"
    assert subaward.obligation.amount == Decimal("60000.00")
    assert BudgetLine.objects.get(pk=line.pk).remaining() == Decimal("190000.00")
    first = subaward.versions.get(number=1)
    assert first.total_obligated == Decimal("100000.00")  # never rewritten
    assert first.document_number == "SUB-2026-001-01"
    assert subaward.current_version() == version
    # match follows the new federal share: 60,000 / 0.8 * 0.2
    assert version.match_required == Decimal("15000.00")


def test_an_increase_must_fit_on_the_line(people, line, make_subaward):
    subaward = make_subaward()
    draft = operations.amend_subaward(
        people["gm"],
        subaward_id=subaward.pk,
        kind="increase",
        reason="More shelter nights",
        budget={"personnel": "230000.00", "supplies": "20000.00"},
    )
    # 250,000 on the line, 100,000 obligated: raising to 250,000 fits exactly.
    operations.issue_version(people["gm"], version_id=draft.pk)
    assert BudgetLine.objects.get(pk=line.pk).remaining() == Decimal("0.00")
    other = operations.amend_subaward(
        people["gm"],
        subaward_id=subaward.pk,
        kind="increase",
        reason="Even more",
        budget={"personnel": "230000.01", "supplies": "20000.00"},
    )
    with pytest.raises(ValidationError) as refused:
        operations.issue_version(people["gm"], version_id=other.pk)
    assert "Only $0.00 is left" in " ".join(refused.value.messages)
    other.refresh_from_db()
    assert other.status == "draft"


def test_an_increase_that_does_not_increase_is_refused(people, make_subaward):
    subaward = make_subaward()
    with pytest.raises(ValidationError) as refused:
        operations.amend_subaward(
            people["gm"],
            subaward_id=subaward.pk,
            kind="increase",
            reason="x",
            budget={"personnel": "80000.00", "supplies": "20000.00"},
        )
    assert "An increase raises the total" in refused.value.message_dict["budget"][0]


def test_an_extension_moves_the_end_within_the_award(people, make_subaward):
    subaward = make_subaward(period_end=dt.date(2027, 6, 30))
    with pytest.raises(ValidationError) as refused:
        operations.amend_subaward(
            people["gm"],
            subaward_id=subaward.pk,
            kind="extension",
            reason="Late start",
            period_end=dt.date(2027, 10, 31),
        )
    assert "within award 15POVC-TEST-0001" in refused.value.message_dict["period_end"][0]
    version = _amend(
        people, subaward, "extension", reason="Late start", period_end=dt.date(2027, 9, 30)
    )
    assert version.period_end == dt.date(2027, 9, 30)
    assert version.budget_period_end == dt.date(2027, 9, 30)
    assert version.amount_this_action == Decimal("0.00")
    assert subaward.versions.get(number=1).period_end == dt.date(2027, 6, 30)


def test_only_one_change_at_a_time(people, make_subaward):
    subaward = make_subaward()
    operations.amend_subaward(
        people["gm"],
        subaward_id=subaward.pk,
        kind="decrease",
        reason="Cut",
        budget={"personnel": "70000.00", "supplies": "20000.00"},
    )
    with pytest.raises(PermissionDenied) as refused:
        operations.amend_subaward(
            people["gm"],
            subaward_id=subaward.pk,
            kind="decrease",
            reason="Cut again",
            budget={"personnel": "60000.00", "supplies": "20000.00"},
        )
    assert "still draft" in str(refused.value)


def _request(actor, subaward, budget, **changes):
    return operations.request_budget_revision(
        actor, subaward_id=subaward.pk, budget=budget, reason="Staffing changed", **changes
    )


def test_moving_up_to_ten_percent_needs_no_approval(people, director, make_subaward):
    subaward = make_subaward()
    limit = (Decimal("100000.00") * RULES.revision_share_needing_approval).quantize(
        Decimal("0.01")
    )  # 10,000.00
    version = _request(
        director,
        subaward,
        {
            "personnel": str(Decimal("80000.00") - limit),
            "supplies": str(Decimal("20000.00") + limit),
        },
    )
    assert version.status == "approved"
    assert not version.needs_state_approval
    assert version.document_number == "SUB-2026-001-02"
    assert subaward.current_version() == version


@pytest.mark.parametrize(
    ("budget", "changes", "says"),
    [
        ({"personnel": "69999.99", "supplies": "30000.01"}, {}, "more than 10% of the total"),
        (
            {"personnel": "79000.00", "supplies": "20000.00", "travel": "1000.00"},
            {},
            "adds a budget line (Travel)",
        ),
        (
            {"personnel": "79000.00", "supplies": "20000.00", "equipment": "1000.00"},
            {},
            "adds equipment",
        ),
        (
            {"personnel": "78000.00", "supplies": "20000.00", "indirect": "2000.00"},
            {"indirect_rate_kind": "de_minimis", "indirect_rate": "5.00"},
            "changes the indirect cost rate",
        ),
    ],
)
def test_a_revision_beyond_the_rules_waits_for_the_state(
    people, director, make_subaward, budget, changes, says
):
    subaward = make_subaward()
    version = _request(director, subaward, budget, **changes)
    assert version.status == "requested"
    assert says in version.approval_reasons
    assert subaward.current_version().number == 1
    approved = operations.approve_version(people["gm"], version_id=version.pk, reason="Justified")
    assert approved.status == "approved"
    assert approved.decided_by == people["gm"]
    assert subaward.current_version() == approved
    assert approved.document_number == "SUB-2026-001-02"


def test_a_rejected_revision_leaves_the_budget_in_force(people, director, make_subaward):
    subaward = make_subaward()
    version = _request(director, subaward, {"personnel": "60000.00", "supplies": "40000.00"})
    with pytest.raises(ValidationError):
        operations.reject_version(people["gm"], version_id=version.pk, reason="")
    operations.reject_version(people["gm"], version_id=version.pk, reason="Not justified")
    assert subaward.current_version().number == 1
    assert subaward.current_version().budget()["personnel"] == Decimal("80000.00")


def test_whoever_requested_a_revision_may_not_decide_it(people, make_subaward):
    """The state's own budget revision is prepared and issued; a subrecipient's is decided by
    someone else than the requester (segregation of duties)."""
    from subawards.permissions import can_take_step

    subaward = make_subaward()
    draft = operations.amend_subaward(
        people["gm"],
        subaward_id=subaward.pk,
        kind="budget_revision",
        reason="Reallocation",
        budget={"personnel": "70000.00", "supplies": "30000.00"},
    )
    draft.requested_by = people["gm2"]
    draft.status = "requested"
    draft.save()
    decision = can_take_step(people["gm2"], draft, "approve")
    assert not decision
    assert decision.reason == "Whoever requested a budget revision may not decide it."
    with pytest.raises(ValidationError):
        operations.approve_version(people["gm2"], version_id=draft.pk)
    assert can_take_step(people["gm"], draft, "approve")


def test_no_revision_in_the_last_thirty_days(people, director, make_subaward):
    subaward = make_subaward()
    last_day = dt.date(2027, 9, 30) - dt.timedelta(days=RULES.no_revision_last_days)
    with at(moment(last_day.year, last_day.month, last_day.day)):
        assert _request(director, subaward, {"personnel": "79000.00", "supplies": "21000.00"})
    with at(moment(2027, 9, 1)), pytest.raises(PermissionDenied) as refused:
        _request(director, subaward, {"personnel": "78000.00", "supplies": "22000.00"})
    assert "last 30 days" in str(refused.value)


def test_a_revision_keeps_the_total(people, director, make_subaward):
    subaward = make_subaward()
    with pytest.raises(ValidationError) as refused:
        _request(director, subaward, {"personnel": "80000.00", "supplies": "25000.00"})
    assert "keeps the total at $100,000.00" in refused.value.message_dict["budget"][0]


def test_only_the_subrecipients_own_director_or_finance_request_revisions(people, make_subaward):
    from .conftest import agency_person, make_agency

    subaward = make_subaward()
    stranger = agency_person(
        "otherdirector", make_agency("Other Agency", "G4WCAC7XY2Z1"), "Agency Director"
    )
    for actor in (stranger, people["finance"]):
        with pytest.raises(PermissionDenied):
            _request(actor, subaward, {"personnel": "79000.00", "supplies": "21000.00"})


def test_a_decrease_never_goes_below_what_was_paid(people, line, make_subaward):
    from grants.operations.obligations import pay_obligation

    subaward = make_subaward()
    pay_obligation(
        people["finance"],
        subaward.obligation,
        amount="45000.00",
        paid_on=dt.date(2026, 12, 7),
        payment_reference="EFT 1001",
        reason="Claim for October and November",
        approved_by=people["gm"],
    )
    draft = operations.amend_subaward(
        people["gm"],
        subaward_id=subaward.pk,
        kind="decrease",
        reason="Award cut",
        budget={"personnel": "30000.00", "supplies": "10000.00"},
    )
    with pytest.raises(ValidationError) as refused:
        operations.issue_version(people["gm"], version_id=draft.pk)
    assert "$45,000.00 has already been paid" in refused.value.message_dict["budget"][0]
    draft.refresh_from_db()
    assert draft.status == "draft"
    subaward.refresh_from_db()
    assert subaward.obligation.amount == Decimal("100000.00")
