"""Special conditions flowed down from the federal award: each accepted once, by the agency's
director, after the subaward is issued; who and when are kept."""

import pytest
from django.core.exceptions import ValidationError

from subawards import operations
from subawards.models import SpecialCondition

pytestmark = pytest.mark.django_db


def test_a_condition_is_accepted_once_by_the_director_after_issue(people, director, make_subaward):
    draft = make_subaward(issue=False, conditions=["Report quarterly.", "Use volunteers."])
    first = SpecialCondition.objects.get(subaward=draft, number=1)
    with pytest.raises(ValidationError) as refused:
        operations.accept_condition(director, condition_id=first.pk)
    assert "once its subaward version is issued" in refused.value.messages[0]
    operations.issue_version(people["gm"], version_id=draft.latest_version().pk)
    accepted = operations.accept_condition(director, condition_id=first.pk)
    assert accepted.accepted_by == director
    assert accepted.history.first().history_user == director
    with pytest.raises(ValidationError) as again:
        operations.accept_condition(director, condition_id=first.pk)
    assert "already accepted" in again.value.messages[0]
    assert not SpecialCondition.objects.get(subaward=draft, number=2).is_accepted


def test_the_state_does_not_accept_for_the_agency(people, make_subaward):
    subaward = make_subaward(conditions=["Report quarterly."])
    condition = subaward.conditions.get()
    with pytest.raises(ValidationError) as refused:
        operations.accept_condition(people["gm"], condition_id=condition.pk)
    assert "Agency Director accepts" in refused.value.messages[0]


def test_an_amendment_adds_conditions_numbered_after_the_earlier_ones(people, make_subaward):
    subaward = make_subaward(conditions=["Report quarterly."])
    draft = operations.amend_subaward(
        people["gm"],
        subaward_id=subaward.pk,
        kind="decrease",
        reason="Award cut",
        budget={"personnel": "70000.00", "supplies": "20000.00"},
        conditions=["New OVC condition."],
    )
    assert draft.conditions_added.get().number == 2
