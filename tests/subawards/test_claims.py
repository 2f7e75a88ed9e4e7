"""Reimbursement claims: submitted by the subrecipient's finance, reviewed by the state (program
approval, finance approval, send back, part approval, reject), paid as a draw on the state
award's Subawards line; every round kept; bad input refused on its field, nothing saved."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from grants.models import BudgetLine, Draw
from subawards import operations, permissions
from subawards.models import Claim, ClaimLine, ClaimRound
from tests.factories import make_user
from tests.helpers import at, moment

from .conftest import PDF, agency_person, check, make_agency

pytestmark = pytest.mark.django_db

MARCH = moment(2027, 3, 10)


def receipt(content=PDF, name="payroll-february.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture
def finance2(roles):
    return make_user("finance2", "Finance")


@pytest.fixture
def subaward(make_subaward):
    return make_subaward()  # $100,000: personnel 80,000, supplies 20,000; Jan-Sep 2027


def submit(actor, subaward, start=dt.date(2027, 2, 1), documents=None, **changes):
    values = {
        "lines": {"personnel": "6000.00", "supplies": "1500.00"},
        "match_provided": "1875.00",
        "documents": [receipt()] if documents is None else documents,
    }
    values.update(changes)
    return operations.submit_claim(actor, subaward_id=subaward.pk, period_start=start, **values)


def errors_of(excinfo):
    return excinfo.value.message_dict


def test_a_claim_goes_from_submission_to_payment_as_a_paid_draw_on_the_state_line(
    people, finance2, agency_finance, line, subaward
):
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        assert claim.status == "submitted" and claim.period_end == dt.date(2027, 2, 28)
        operations.approve_program(
            people["gm"],
            claim_id=claim.pk,
            approved={"supplies": "1000.00"},
            reasons={"supplies": "Office chairs are not an allowable shelter supply"},
        )
        operations.approve_finance(people["finance"], claim_id=claim.pk)
        claim = operations.pay_claim(
            finance2, claim_id=claim.pk, paid_on=dt.date(2027, 3, 10), payment_reference="EFT 4410"
        )
    # 6,000 personnel in full, supplies cut from 1,500 to 1,000
    expected = Decimal("6000.00") + Decimal("1000.00")
    assert claim.status == "paid"
    assert claim.approved_total == expected
    draw = Draw.objects.get(pk=claim.draw_id)
    assert (draw.amount, draw.status, draw.line_id) == (expected, "paid", line.pk)
    assert draw.payment_reference == "EFT 4410" and draw.paid_on == dt.date(2027, 3, 10)
    assert draw.obligation_id == subaward.obligation_id
    assert draw.approved_by == people["finance"] and draw.paid_by == finance2
    subaward.obligation.refresh_from_db()
    assert subaward.obligation.paid() == expected
    assert subaward.obligation.unpaid() == Decimal("100000.00") - expected
    # the line counts the obligation once: 250,000 less the 100,000 obligated, paid or not
    assert BudgetLine.objects.get(pk=line.pk).remaining() == Decimal("150000.00")
    supplies = ClaimLine.objects.get(round__claim=claim, category="supplies")
    assert supplies.approved == Decimal("1000.00")
    assert supplies.approval_reason == "Office chairs are not an allowable shelter supply"
    assert "Approved in part" in claim.comments.get().text


def test_send_back_keeps_every_round_and_its_comments(people, agency_finance, subaward):
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        operations.send_back_claim(
            people["gm"], claim_id=claim.pk, comments="Attach the February timesheets."
        )
        claim.refresh_from_db()
        assert claim.status == "sent_back"
        with pytest.raises(ValidationError, match="sent back"):
            operations.approve_program(people["gm"], claim_id=claim.pk)
        operations.resubmit_claim(
            agency_finance,
            claim_id=claim.pk,
            lines={"personnel": "5800.00"},
            match_provided="1450.00",
            documents=[receipt(name="timesheets.pdf")],
            note="Timesheets attached; personnel corrected.",
        )
    claim.refresh_from_db()
    assert (claim.status, claim.round_number) == ("submitted", 2)
    first, second = ClaimRound.objects.filter(claim=claim).order_by("number")
    assert {(x.category, x.requested) for x in first.lines.all()} == {
        ("personnel", Decimal("6000.00")),
        ("supplies", Decimal("1500.00")),
    }
    assert [(x.category, x.requested) for x in second.lines.all()] == [
        ("personnel", Decimal("5800.00"))
    ]
    assert first.documents.count() == 1 and second.documents.count() == 1
    comment = claim.comments.get()
    assert (comment.round_number, comment.step) == (1, "send_back")
    assert comment.text == "Attach the February timesheets."


def test_a_claim_over_what_is_left_is_refused_on_its_category_and_nothing_is_saved(
    agency_finance, subaward
):
    with at(MARCH):
        submit(agency_finance, subaward, dt.date(2027, 1, 1), lines={"personnel": "50000.00"})
        # 80,000 budgeted, 50,000 asked for by the January claim: 30,000 left
        with pytest.raises(ValidationError) as excinfo:
            submit(agency_finance, subaward, dt.date(2027, 2, 1), lines={"personnel": "30000.01"})
    assert "Only $30,000.00 is left" in errors_of(excinfo)["personnel"][0]
    assert Claim.objects.count() == 1 and ClaimRound.objects.count() == 1


def test_approval_never_exceeds_what_is_left_after_the_budget_was_cut(
    people, agency_finance, subaward
):
    with at(MARCH):
        claim = submit(agency_finance, subaward, lines={"personnel": "50000.00"})
        version = operations.amend_subaward(
            people["gm"],
            subaward_id=subaward.pk,
            kind="decrease",
            reason="Federal award cut",
            budget={"personnel": "40000.00", "supplies": "20000.00"},
        )
        operations.issue_version(people["gm"], version_id=version.pk, reason="Signed")
        with pytest.raises(ValidationError) as excinfo:
            operations.approve_program(people["gm"], claim_id=claim.pk)
        assert "Only $40,000.00 is left" in errors_of(excinfo)["personnel"][0]
        with pytest.raises(ValidationError) as excinfo:
            operations.approve_program(
                people["gm"], claim_id=claim.pk, approved={"personnel": "39000.00"}
            )
        assert "reason_personnel" in errors_of(excinfo)
        operations.approve_program(
            people["gm"],
            claim_id=claim.pk,
            approved={"personnel": "40000.00"},
            reasons={"personnel": "Budget cut by amendment 2"},
        )
    claim.refresh_from_db()
    assert claim.approved_total == Decimal("40000.00")


def test_an_approval_cannot_exceed_the_claim(people, agency_finance, subaward):
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        with pytest.raises(ValidationError) as excinfo:
            operations.approve_program(
                people["gm"], claim_id=claim.pk, approved={"supplies": "1500.01"}
            )
    assert "cannot exceed what was claimed ($1,500.00)" in errors_of(excinfo)["supplies"][0]
    claim.refresh_from_db()
    assert claim.status == "submitted"


@pytest.mark.parametrize(
    "when, start, message",
    [
        (MARCH, dt.date(2027, 4, 1), "has not started yet"),
        (MARCH, dt.date(2026, 12, 1), "outside the subaward's period"),
        (MARCH, dt.date(2027, 2, 15), "choose a month"),
        # 30 Sep 2027 + 120 days = 28 Jan 2028
        (moment(2028, 1, 29), dt.date(2027, 9, 1), "the period is closed"),
    ],
)
def test_periods_that_cannot_be_claimed(agency_finance, subaward, when, start, message):
    with at(when), pytest.raises(ValidationError) as excinfo:
        submit(agency_finance, subaward, start)
    assert message in errors_of(excinfo)["period"][0]
    assert not Claim.objects.exists()


def test_the_last_day_before_the_deadline_still_takes_a_claim(agency_finance, subaward):
    with at(moment(2028, 1, 28)):
        claim = submit(agency_finance, subaward, dt.date(2027, 9, 1))
    assert claim.period_end == dt.date(2027, 9, 30)


def test_one_claim_per_period_but_a_rejected_one_may_be_claimed_again(
    people, agency_finance, subaward
):
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        with pytest.raises(ValidationError) as excinfo:
            submit(agency_finance, subaward)
        assert "already claimed" in errors_of(excinfo)["period"][0]
        operations.reject_claim(people["finance"], claim_id=claim.pk, reason="Not our costs")
        again = submit(agency_finance, subaward)
    assert again.pk != claim.pk
    assert Claim.objects.filter(status="rejected").count() == 1


def test_a_quarterly_subaward_is_claimed_by_quarter(people, agency_finance, subaward):
    operations.set_claim_frequency(
        people["gm"], subaward_id=subaward.pk, frequency="quarterly", reason="Small agency"
    )
    subaward.refresh_from_db()
    with at(moment(2027, 4, 5)):
        with pytest.raises(ValidationError) as excinfo:
            submit(agency_finance, subaward, dt.date(2027, 2, 1))
        assert "choose a quarter" in errors_of(excinfo)["period"][0]
        claim = submit(agency_finance, subaward, dt.date(2027, 1, 1))
    assert (claim.period_end, claim.period_label) == (dt.date(2027, 3, 31), "2027 Q1")


@pytest.mark.parametrize(
    "documents, message",
    [
        ([], "Attach the supporting documents"),
        ([receipt(b"PK\x03\x04 a zip", "receipts.pdf")], "neither"),
        ([receipt(b"%PDF-" + b"0" * (10 * 1024 * 1024), "big.pdf")], "at most 10 MB"),
    ],
)
def test_documents_must_be_a_pdf_or_image_within_the_limit(
    agency_finance, subaward, documents, message
):
    with at(MARCH), pytest.raises(ValidationError) as excinfo:
        submit(agency_finance, subaward, documents=documents)
    assert message in errors_of(excinfo)["documents"][0]
    assert not Claim.objects.exists()


def test_stored_documents_do_not_keep_the_uploaded_name(agency_finance, subaward):
    with at(MARCH):
        claim = submit(agency_finance, subaward, documents=[receipt(name="jane-doe-shelter.pdf")])
    document = claim.current_round().documents.get()
    assert "jane" not in document.file.name and document.file.name.endswith(".pdf")
    assert document.kind == "PDF"


def test_segregation_of_duties(people, finance2, agency_finance, subaward, roles):
    both = make_user("both", "Grants Manager", "Finance")
    with at(MARCH):
        claim = submit(agency_finance, subaward)
        with pytest.raises(PermissionDenied):
            operations.approve_program(agency_finance, claim_id=claim.pk)
        with pytest.raises(PermissionDenied):
            operations.approve_program(people["finance"], claim_id=claim.pk)
        operations.approve_program(both, claim_id=claim.pk)
        with pytest.raises(PermissionDenied):
            operations.approve_finance(people["gm"], claim_id=claim.pk)
        with pytest.raises(ValidationError, match="program approval, so someone else"):
            operations.approve_finance(both, claim_id=claim.pk)
        operations.approve_finance(people["finance"], claim_id=claim.pk)
        with pytest.raises(ValidationError, match="finance approval, so someone else"):
            operations.pay_claim(
                people["finance"],
                claim_id=claim.pk,
                paid_on=dt.date(2027, 3, 10),
                payment_reference="EFT 1",
            )
        operations.pay_claim(
            finance2, claim_id=claim.pk, paid_on=dt.date(2027, 3, 10), payment_reference="EFT 1"
        )
        with pytest.raises(ValidationError, match="paid claim is final"):
            operations.pay_claim(
                finance2, claim_id=claim.pk, paid_on=dt.date(2027, 3, 10), payment_reference="X"
            )
    assert Draw.objects.filter(obligation=subaward.obligation).count() == 1


def test_buttons_are_the_steps_that_would_succeed(people, agency_finance, director, subaward):
    with at(MARCH):
        claim = submit(agency_finance, subaward)

    def buttons(user):
        return {
            step.name
            for step, decision in permissions.claim_steps_within_reach(user, claim)
            if decision
        }

    assert buttons(people["gm"]) == {"program_approve", "send_back", "reject"}
    assert buttons(people["finance"]) == {"send_back", "reject"}
    assert buttons(agency_finance) == set() and buttons(director) == set()
    with at(MARCH):
        operations.send_back_claim(people["gm"], claim_id=claim.pk, comments="Timesheets")
    claim.refresh_from_db()
    assert buttons(agency_finance) == {"resubmit"}
    assert buttons(director) == set() and buttons(people["gm"]) == set()


def test_each_subrecipient_sees_only_its_own_claims(people, agency_finance, subaward, line):
    other = make_agency("Children's Advocacy Center of the Ozarks", uei="M3NPQR4STU5V")
    check(people["gm"], other)
    other_finance = agency_person("otherfinance", other, "Agency Finance")
    advocate = agency_person("agencyadvocate", subaward.subrecipient, "Agency Advocate")
    with at(MARCH):
        claim = submit(agency_finance, subaward)
    document = claim.current_round().documents.get()
    assert list(permissions.visible_claims(agency_finance)) == [claim]
    assert not permissions.visible_claims(other_finance).exists()
    assert not permissions.visible_claims(advocate).exists()
    assert permissions.can_download_claim_document(agency_finance, document)
    assert permissions.can_download_claim_document(people["finance"], document)
    assert not permissions.can_download_claim_document(other_finance, document)
    assert not permissions.can_download_claim_document(advocate, document)
    assert not permissions.can_download_claim_document(people["advocate"], document)
    assert permissions.can_download_claim_document(people["gm"], document)
    assert permissions.can_view_claim(people["auditor"], claim)
    assert not permissions.can_download_claim_document(people["auditor"], document)
    with at(MARCH), pytest.raises(PermissionDenied):
        submit(other_finance, subaward)
