"""A step's button is shown only when pressing it would succeed; otherwise the page says why."""

import pytest
from django.core.exceptions import ValidationError

from grants import operations, permissions
from grants.models import BudgetRevision, Draw, DrawStatus, RevisionStatus
from tests.factories import make_draw, make_line, make_paid_draw, make_revision, make_user
from tests.helpers import login
from voca.roles import FINANCE, GRANTS_MANAGER

pytestmark = pytest.mark.django_db

SELF_APPROVAL = "You submitted this draw, so someone else must approve it."
SELF_DECISION = "Whoever requested a budget revision may not decide it."


@pytest.fixture
def both(roles):
    """Someone holding both finance roles (a small unit's reality)."""
    return make_user("bo", FINANCE, GRANTS_MANAGER)


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def versions(model, pk) -> int:
    return model.history.filter(id=pk).count()


def test_who_submitted_a_draw_sees_no_approve_on_it_but_on_a_draw_someone_else_submitted(
    client, both, finance, line
):
    own = make_draw(both, line, "40.00", submit=True)
    others = make_draw(finance, line, "50.00", submit=True)
    login(client, both)
    html = page(client, f"/admin/grants_draws/inspect/{own.pk}/")
    assert f"/admin/grants/draws/{own.pk}/approve/" not in html
    assert f"/admin/grants/draws/{own.pk}/reject/" not in html
    assert SELF_APPROVAL in html
    html = page(client, f"/admin/grants_draws/inspect/{others.pk}/")
    assert f"/admin/grants/draws/{others.pk}/approve/" in html
    assert f"/admin/grants/draws/{others.pk}/reject/" in html
    assert SELF_APPROVAL not in html


def test_approving_ones_own_draw_anyway_is_refused_with_the_reason_and_changes_nothing(
    client, both, line
):
    draw = make_draw(both, line, "40.00", submit=True)
    before = versions(Draw, draw.pk)
    login(client, both)
    url = f"/admin/grants/draws/{draw.pk}/approve/"
    html = page(client, url)
    assert SELF_APPROVAL in html and 'type="submit"' not in html
    response = client.post(url, {"reason": "Looks fine"})
    assert response.status_code == 200
    assert SELF_APPROVAL in response.content.decode()
    draw.refresh_from_db()
    assert draw.status == DrawStatus.SUBMITTED and draw.approved_by is None
    assert versions(Draw, draw.pk) == before


def test_a_step_the_record_s_state_refuses_is_not_offered_and_posting_it_says_why(
    client, finance, manager, line
):
    paid = make_paid_draw(finance, manager, line, "30.00")
    login(client, manager)
    html = page(client, f"/admin/grants_draws/inspect/{paid.pk}/")
    assert "/approve/" not in html and "/reject/" not in html
    login(client, finance)  # who records draws: a paid draw's page offers no Edit, its row no form
    assert f"/admin/grants_draws/edit/{paid.pk}/" not in page(
        client, f"/admin/grants_draws/inspect/{paid.pk}/"
    )
    assert f"/admin/grants_draws/edit/{paid.pk}/" not in page(client, "/admin/grants_draws/")
    login(client, manager)
    response = client.post(f"/admin/grants/draws/{paid.pk}/reject/", {"reason": "late"})
    assert "A paid draw is never changed, so it cannot be rejected." in response.content.decode()
    paid.refresh_from_db()
    assert paid.status == DrawStatus.PAID


def test_the_decision_says_what_the_operation_refuses_with(both, finance, manager, line):
    own = make_draw(both, line, "40.00", submit=True)
    paid = make_paid_draw(finance, manager, line, "30.00")
    for user, draw, step in ((both, own, "approve"), (manager, paid, "approve")):
        decision = permissions.can_take_step(user, draw, step)
        with pytest.raises(ValidationError) as refused:
            operations.approve_draw(actor=user, draw_id=draw.pk)
        assert not decision and decision.reason == refused.value.messages[0]
    allowed = permissions.can_take_step(manager, own, "approve")
    assert allowed and allowed.reason == ""
    refused = permissions.can_take_step(finance, own, "approve")
    assert not refused and "Approve" in refused.reason


def test_who_requested_a_revision_sees_no_decision_on_it_and_posting_one_changes_nothing(
    client, both, finance, manager, award, line
):
    other = make_line(manager, award, "0.00", category="travel", description="Mileage")
    own = make_revision(both, line, other, "10.00")
    others = make_revision(finance, line, other, "20.00")
    login(client, both)
    html = page(client, f"/admin/grants_revisions/inspect/{own.pk}/")
    assert f"/admin/grants/revisions/{own.pk}/approve/" not in html
    assert f"/admin/grants/revisions/{own.pk}/reject/" not in html
    assert SELF_DECISION in html
    html = page(client, f"/admin/grants_revisions/inspect/{others.pk}/")
    assert f"/admin/grants/revisions/{others.pk}/approve/" in html
    assert SELF_DECISION not in html

    before = versions(BudgetRevision, own.pk)
    response = client.post(f"/admin/grants/revisions/{own.pk}/approve/", {"reason": "ok"})
    assert response.status_code == 200 and SELF_DECISION in response.content.decode()
    own.refresh_from_db()
    other.refresh_from_db()
    assert own.status == RevisionStatus.REQUESTED and other.amount == 0
    assert versions(BudgetRevision, own.pk) == before


def test_a_step_refused_by_the_draw_s_state_says_so_in_plain_words(client, finance, manager, line):
    """A draft is "still a draft" (not "is draft"); a step already taken says "already"."""
    draft = make_draw(finance, line, "20.00")
    submitted = make_draw(finance, line, "25.00", submit=True)
    login(client, manager)
    html = page(client, f"/admin/grants/draws/{draft.pk}/approve/")
    assert "This draw is still a draft: it is approved only once it is submitted." in html
    assert 'type="submit"' not in html
    login(client, finance)
    html = page(client, f"/admin/grants/draws/{submitted.pk}/submit/")
    assert "This draw is already submitted." in html and 'type="submit"' not in html
