"""Close-out: refused with a clear message until each checklist item holds; then the award is
read-only and its balances are frozen in a recorded row."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from grants import operations
from grants.exports.operations import generate
from grants.models import Award, AwardCloseOut, BudgetLine, BudgetRevision, Draw, MatchContribution
from grants.portfolio import portfolio
from grants.reports.period import Period
from tests.factories import make_award, make_draw, make_line, make_match, make_paid_draw
from tests.helpers import at, login, moment

pytestmark = pytest.mark.django_db
PAST = moment(2025, 3, 1)  # inside the award's period


def written():
    """Every money write leaves a history row: these counts show whether anything was written."""
    models = (Award, AwardCloseOut, BudgetLine, BudgetRevision, Draw, MatchContribution)
    return [m.history.model.objects.count() for m in models]


def document():
    return SimpleUploadedFile("final-report.pdf", b"%PDF-1.4 final", "application/pdf")


@pytest.fixture
def ended(finance, manager):
    """FY2022: 1 Oct 2021 - 30 Sep 2025, liquidation to 28 Jan 2026 (both over by now).

    $10,000 at a 20 % match of total project cost: $2,500 required. $3,000 paid, $500 still
    submitted, $2,000 of match."""
    with at(PAST):
        award = make_award(
            manager,
            total="10000.00",
            number="15POVC-22-GG-9",
            period_start=dt.date(2021, 10, 1),
            period_end=dt.date(2025, 9, 30),
        )
        line = make_line(manager, award, "8000.00")
        other = make_line(manager, award, "1000.00", category="supplies", description="Flyers")
        make_paid_draw(finance, manager, line, "3000.00", incurred_on=dt.date(2025, 2, 1))
        pending = make_draw(finance, line, "500.00", submit=True, incurred_on=dt.date(2025, 2, 2))
        make_match(finance, award, value="2000.00", contributed_on=dt.date(2025, 2, 1))
    return award, line, other, pending


def close(manager, award, **kwargs):
    kwargs.setdefault("deobligated", "7000.00")
    kwargs.setdefault("document", document())
    kwargs.setdefault("reason", "Final reports filed")
    return operations.close_out_award(actor=manager, award_id=award.pk, **kwargs)


def final_ffr(manager, award):
    period = Period.from_dates(award.period_start, award.period_end)
    generate("sf425", "xlsx", actor=manager, period=period, award_number=award.federal_award_number)


def test_close_out_is_refused_until_each_item_holds_and_nothing_is_written(finance, manager, ended):
    award, line, other, pending = ended
    with at(PAST):
        revision = operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=line.pk,
            to_line_id=other.pk,
            amount="100.00",
            reason="move",
        )
    before = written()
    with pytest.raises(ValidationError) as excinfo:
        close(manager, award, deobligated="6500.00", document=None)
    errors = excinfo.value.message_dict
    assert errors["deobligated"] == [
        "The unobligated balance of this award is $7,000.00 (total less paid); you entered "
        "$6,500.00."
    ]
    assert errors["document"] == ["Attach the close-out documents (final performance report)."]
    general = " ".join(errors["__all__"])
    assert "Award 15POVC-22-GG-9 cannot be closed out yet." in general
    assert "1 draw(s) submitted or approved and not paid ($500.00): pay or reject them" in general
    assert "Final SF-425 generated: generate the SF-425 for this award as of a moment" in general
    assert "Match met or waived: required $2,500.00, provided $2,000.00" in general
    assert "1 budget revision(s) requested: approve or reject them first" in general
    assert written() == before and Award.objects.get().closed_at is None

    operations.reject_draw(actor=manager, draw_id=pending.pk, reason="No receipt")
    operations.reject_revision(actor=manager, revision_id=revision.pk, reason="Too late")
    with at(PAST):
        make_match(finance, award, value="500.00", contributed_on=dt.date(2025, 2, 3))
    with pytest.raises(ValidationError) as excinfo:
        close(manager, award)
    assert excinfo.value.messages[1].startswith("Final SF-425 generated")

    final_ffr(manager, award)
    snapshot = close(manager, award)
    assert (snapshot.total, snapshot.paid, snapshot.deobligated) == (
        Decimal("10000.00"),
        Decimal("3000.00"),
        Decimal("7000.00"),
    )
    assert (snapshot.match_required, snapshot.match_provided) == (
        Decimal("2500.00"),
        Decimal("2500.00"),
    )
    assert snapshot.document.read() == b"%PDF-1.4 final"
    assert [li["paid"] for li in snapshot.lines] == ["3000.00", "0.00"]
    award.refresh_from_db()
    assert award.is_closed and award.closed_by == manager
    latest = award.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Closed out: Final reports filed"
    assert snapshot.history.get().history_user == manager


def test_an_award_in_its_period_or_liquidation_is_not_closed(manager):
    award = make_award(manager, number="15POVC-25-GG-1")  # ends 30 Sep 2027
    with pytest.raises(ValidationError) as excinfo:
        close(manager, award, deobligated="100000.00")
    assert (
        "Period of performance and liquidation period over: the period ended 30 Sep 2027; "
        "liquidation runs until 28 Jan 2028" in excinfo.value.messages
    )
    assert not AwardCloseOut.objects.exists()


def test_a_closed_award_refuses_every_write_with_one_message(finance, manager, ended):
    award, line, other, pending = ended
    operations.reject_draw(actor=manager, draw_id=pending.pk, reason="No receipt")
    with at(PAST):
        make_match(finance, award, value="500.00", contributed_on=dt.date(2025, 2, 3))
        draft = make_draw(finance, line, "10.00", incurred_on=dt.date(2025, 2, 4))
    final_ffr(manager, award)
    close(manager, award)
    paid = Draw.objects.get(status="paid")
    before = written()
    attempts = [
        lambda: make_draw(finance, line, "5.00", incurred_on=dt.date(2025, 2, 1)),
        lambda: operations.edit_draft_draw(
            actor=finance, draw_id=draft.pk, amount="11.00", reason="fix"
        ),
        lambda: operations.submit_draw(actor=finance, draw_id=draft.pk),
        lambda: operations.reverse_draw(actor=finance, draw_id=paid.pk, reason="duplicate"),
        lambda: make_match(finance, award, value="1.00", contributed_on=dt.date(2025, 2, 1)),
        lambda: make_line(manager, award, "1.00"),
        lambda: operations.request_revision(
            actor=finance,
            award_id=award.pk,
            from_line_id=line.pk,
            to_line_id=other.pk,
            amount="1.00",
            reason="move",
        ),
        lambda: close(manager, award),
    ]
    for attempt in attempts:
        with pytest.raises(ValidationError) as excinfo:
            attempt()
        assert excinfo.value.messages[0].startswith("Award 15POVC-22-GG-9 was closed out on "), (
            excinfo.value.messages
        )
        assert "it is read-only" in excinfo.value.messages[0]
    assert written() == before


def test_after_the_liquidation_period_a_draw_offers_reject_but_not_approve(client, manager, ended):
    _award, _line, _other, pending = ended
    login(client, manager)
    html = client.get(f"/admin/grants_draws/inspect/{pending.pk}/").content.decode()
    assert f"/admin/grants/draws/{pending.pk}/approve/" not in html
    assert f"/admin/grants/draws/{pending.pk}/reject/" in html
    assert "The liquidation period of award 15POVC-22-GG-9 ended on 28 Jan 2026" in html
    response = client.post(f"/admin/grants/draws/{pending.pk}/approve/", {"reason": "ok"})
    assert "draws on it can no longer be approved or paid" in response.content.decode()
    pending.refresh_from_db()
    assert pending.status == "submitted"
    with at(PAST):  # within the period the same draw is offered for approval
        html = client.get(f"/admin/grants_draws/inspect/{pending.pk}/").content.decode()
    assert f"/admin/grants/draws/{pending.pk}/approve/" in html


def test_a_closed_award_s_records_offer_no_step_and_say_why(client, finance, manager, ended):
    award, line, _other, pending = ended
    operations.reject_draw(actor=manager, draw_id=pending.pk, reason="No receipt")
    with at(PAST):
        make_match(finance, award, value="500.00", contributed_on=dt.date(2025, 2, 3))
        draft = make_draw(finance, line, "10.00", incurred_on=dt.date(2025, 2, 4))
    final_ffr(manager, award)
    paid = Draw.objects.get(status="paid")
    login(client, finance)
    html = client.get(f"/admin/grants_draws/inspect/{paid.pk}/").content.decode()
    assert f"/admin/grants/draws/{paid.pk}/reverse/" in html  # while the award is open
    assert (
        f"/admin/grants_draws/edit/{draft.pk}/"
        in client.get("/admin/grants_draws/").content.decode()
    )
    close(manager, award)
    read_only = "Award 15POVC-22-GG-9 was closed out on "
    html = client.get(f"/admin/grants_draws/inspect/{paid.pk}/").content.decode()
    assert f"/admin/grants/draws/{paid.pk}/reverse/" not in html and read_only in html
    html = client.get(f"/admin/grants_draws/inspect/{draft.pk}/").content.decode()
    assert f"/admin/grants/draws/{draft.pk}/submit/" not in html and read_only in html
    assert f"/admin/grants_draws/edit/{draft.pk}/" not in html
    listing = client.get("/admin/grants_draws/").content.decode()
    assert f"/admin/grants_draws/edit/{draft.pk}/" not in listing
    before = written()
    response = client.get(f"/admin/grants_draws/edit/{draft.pk}/", follow=True)
    assert read_only in response.content.decode()
    response = client.post(f"/admin/grants/draws/{paid.pk}/reverse/", {"reason": "duplicate"})
    assert response.status_code == 200 and read_only in response.content.decode()
    assert written() == before


def test_the_close_out_screen_shows_the_checklist_and_closes_for_the_grants_manager_only(
    client, finance, auditor, manager, ended
):
    award, _line, _other, pending = ended
    url = f"/admin/grants/awards/{award.pk}/close-out/"
    login(client, auditor)
    page = client.get(url).content.decode()
    assert "Close-out checklist" in page and "Final SF-425 generated" in page
    assert "Close out the award" not in page
    login(client, finance)
    client.post(url, {"deobligated": "7000.00", "reason": "x"})
    assert not AwardCloseOut.objects.exists()
    # The grants manager is offered the form only once the checklist holds; until then, why not.
    login(client, manager)
    page = client.get(url).content.decode()
    assert "Award 15POVC-22-GG-9 cannot be closed out yet." in page
    assert "Close out the award" not in page
    form = {"deobligated": "7000.00", "reason": "x", "document": document()}
    response = client.post(url, form, follow=True)
    assert "cannot be closed out yet" in response.content.decode()
    assert not AwardCloseOut.objects.exists()

    operations.reject_draw(actor=manager, draw_id=pending.pk, reason="No receipt")
    with at(PAST):
        make_match(finance, award, value="500.00", contributed_on=dt.date(2025, 2, 3))
    final_ffr(manager, award)
    login(client, manager)
    page = client.get(url).content.decode()
    assert "Close out the award" in page and "cannot be closed out yet" not in page
    form = {"deobligated": "7000.00", "reason": "Final reports filed"}
    page = client.post(url, form).content.decode()
    assert "Attach the close-out documents" in page and not AwardCloseOut.objects.exists()
    response = client.post(url, {**form, "document": document()}, follow=True)
    page = response.content.decode()
    assert "Award 15POVC-22-GG-9 closed out: paid $3,000.00, $7,000.00 de-obligated." in page
    assert "the award is read-only" in page

    view = portfolio()
    assert [r.award.federal_award_number for r in view.closed] == ["15POVC-22-GG-9"]
    assert view.open == [] and view.awaiting_close_out == []
    dashboard = client.get("/admin/grants/dashboard/").content.decode()
    assert "Closed awards" in dashboard and "$7,000.00 de-obligated (read-only)" in dashboard
