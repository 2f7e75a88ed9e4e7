"""Match waivers (28 CFR 94.118): the published policy kept version by version; an agency's
request, the state's approval in whole or in part (a new subaward version) or denial; bad input
refused with nothing saved; the report of approved waivers with Checks that FAIL on tampering."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from subawards import operations
from subawards.models import SubawardVersion, WaiverPolicy, WaiverRequest
from tests.helpers import at, moment

from .conftest import agency_person, check, make_agency

pytestmark = pytest.mark.django_db
D = Decimal
# The $100,000 subaward of conftest.terms: match is 20% of total project cost.
REQUIRED = (D("100000.00") / D("0.8") * D("0.2")).quantize(D("0.01"))


def publish(people, effective_on=dt.date(2026, 11, 1), title="Match waiver policy"):
    return operations.publish_waiver_policy(
        people["gm"],
        title=title,
        text="The state waives match for agencies that show financial hardship.",
        effective_on=effective_on,
        reason="Published for FY2027 (VOCA Fix Act)",
    )


def ask(director, subaward, amount="10000.00", reason="Our local match donor closed."):
    return operations.request_match_waiver(
        director, subaward_id=subaward.pk, amount=amount, reason=reason
    )


def test_policy_versions_are_kept_and_the_one_in_effect_is_cited(people, director, make_subaward):
    first = publish(people)
    second = publish(people, effective_on=dt.date(2026, 12, 1), title="Revised policy")
    assert (first.number, second.number) == (1, 2)
    assert WaiverPolicy.objects.get(pk=first.pk).title == "Match waiver policy"  # kept
    with pytest.raises(ValidationError) as refused:
        publish(people, effective_on=dt.date(2026, 10, 1))
    assert "on or after the last one" in str(refused.value)
    assert WaiverPolicy.objects.count() == 2
    request = ask(director, make_subaward())
    assert request.policy == second


def test_only_the_grants_manager_publishes_the_policy(people, director):
    for who in (people["finance"], director, people["auditor"]):
        with pytest.raises(PermissionDenied):
            operations.publish_waiver_policy(
                who, title="T", text="X", effective_on=dt.date(2026, 11, 1), reason="R"
            )
    assert not WaiverPolicy.objects.exists()


def test_partial_approval_makes_a_new_version_with_the_waiver(people, director, make_subaward):
    policy = publish(people)
    subaward = make_subaward()
    request = ask(director, subaward, amount="10000.00")
    approved = operations.approve_match_waiver(
        people["gm"], request_id=request.pk, amount="6000.00", reason="Hardship shown in part"
    )
    version = subaward.current_version()
    assert approved.status == "approved" and approved.approved_amount == D("6000.00")
    assert approved.version == version
    assert (version.number, version.kind, version.status) == (2, "match_waiver", "approved")
    assert version.match_required == REQUIRED == D("25000.00")
    assert version.match_waived == D("6000.00")
    assert version.match_due == REQUIRED - D("6000.00")
    assert version.match_waiver_reason == "Our local match donor closed."
    assert version.match_waiver_decision.startswith(policy.label)
    assert version.match_waiver_decided_by == people["gm"]
    assert version.requested_by == director and version.decided_by == people["gm"]
    assert version.total_obligated == D("100000.00")  # the money is untouched
    assert subaward.versions.get(number=1).match_waived == 0  # never rewritten


def test_denial_keeps_the_subaward_as_it_was(people, director, make_subaward):
    publish(people)
    subaward = make_subaward()
    request = ask(director, subaward)
    with pytest.raises(ValidationError):
        operations.deny_match_waiver(people["gm"], request_id=request.pk, reason="  ")
    denied = operations.deny_match_waiver(
        people["gm"], request_id=request.pk, reason="No hardship shown"
    )
    assert denied.status == "denied" and denied.decision_reason == "No hardship shown"
    assert subaward.versions.count() == 1
    with pytest.raises(ValidationError, match="already denied"):
        operations.approve_match_waiver(people["gm"], request_id=request.pk, reason="Changed mind")


def test_bad_requests_are_refused_with_a_clear_message_and_nothing_saved(
    people, director, agency_finance, make_subaward
):
    subaward = make_subaward()
    with pytest.raises(PermissionDenied, match="not published a match waiver policy"):
        ask(director, subaward)
    publish(people)
    for amount, message in (
        ("25000.01", "At most the match still due can be waived: $25,000.00"),
        ("-5", "more than $0.00"),
        ("lots", "Enter an amount"),
        ("0", "more than $0.00"),
    ):
        with pytest.raises(ValidationError, match=message.replace("$", r"\$")):
            ask(director, subaward, amount=amount)
    with pytest.raises(ValidationError, match="reason"):
        ask(director, subaward, reason="")
    with pytest.raises(PermissionDenied, match="Agency Director"):
        ask(agency_finance, subaward)
    with pytest.raises(PermissionDenied, match="Agency Director"):
        ask(people["gm"], subaward)
    assert not WaiverRequest.objects.exists()
    ask(director, subaward)
    with pytest.raises(PermissionDenied, match="waiting for a decision"):
        ask(director, subaward)


def test_another_agency_cannot_ask_for_a_waiver_of_this_subaward(people, make_subaward):
    publish(people)
    subaward = make_subaward()
    other = make_agency("Other Agency Inc.", uei="Z9Y8X7W6V5U4")
    check(people["gm"], other)
    stranger = agency_person("otherdirector", other, "Agency Director")
    with pytest.raises(PermissionDenied):
        ask(stranger, subaward)
    assert not WaiverRequest.objects.exists()


def test_approval_above_the_request_or_by_the_wrong_person_is_refused(
    people, director, make_subaward
):
    publish(people)
    subaward = make_subaward()
    request = ask(director, subaward, amount="5000.00")
    with pytest.raises(ValidationError, match=r"At most the amount requested .*\$5,000.00"):
        operations.approve_match_waiver(
            people["gm"], request_id=request.pk, amount="5000.01", reason="Yes"
        )
    for who in (people["finance"], director, people["auditor"]):
        with pytest.raises(PermissionDenied):
            operations.approve_match_waiver(who, request_id=request.pk, reason="Yes")
    assert WaiverRequest.objects.get(pk=request.pk).status == "requested"
    assert subaward.versions.count() == 1


def test_waivers_add_up_to_at_most_the_match_required(people, director, make_subaward):
    publish(people)
    subaward = make_subaward()
    first = ask(director, subaward, amount="20000.00")
    operations.approve_match_waiver(people["gm"], request_id=first.pk, reason="Hardship")
    second = ask(director, subaward, amount="5000.00")
    operations.approve_match_waiver(people["gm"], request_id=second.pk, reason="All of it")
    assert subaward.current_version().match_waived == REQUIRED
    with pytest.raises(PermissionDenied, match="No match is left"):
        ask(director, subaward, amount="0.01")


def _report(award, fy, people):
    from subawards import waiver_report

    data = waiver_report.collect(award, fy, generated_by="test")
    return data, waiver_report.render_xlsx(data)


def test_report_of_approved_waivers_counts_issuance_and_requests(
    people, director, award, make_subaward
):
    from openpyxl import load_workbook

    from tests.grants.test_reports_print import recalculated_results
    from tests.support.reports_data import sheet

    publish(people)
    # A waiver decided when the subaward was issued counts too.
    issued = make_subaward(
        match_waived="1000.00",
        match_waiver_reason="Rural program, no local funders",
        match_waiver_decision="Policy section 2 applied",
    )
    other = make_subaward()
    with at(moment(2027, 2, 10)):
        request = ask(director, other, amount="4000.00")
        operations.approve_match_waiver(
            people["gm"], request_id=request.pk, amount="2500.50", reason="Part of it"
        )
        denied = ask(director, issued, amount="999.00")
        operations.deny_match_waiver(people["gm"], request_id=denied.pk, reason="No")
    data, content = _report(award, 2027, people)
    rows = sheet(content, "Approved waivers")
    body = rows[1:-1]
    assert [(r[0], r[2], D(str(r[4]))) for r in body] == [
        (issued.number, 1, D("1000.00")),
        (other.number, 2, D("2500.50")),
    ]
    assert body[0][6] == "Rural program, no local funders"
    assert body[1][7].startswith("Waiver policy v1") and body[1][10].startswith("Waiver policy v1")
    assert body[1][9] == dt.datetime(2027, 2, 10)
    assert rows[-1][0] == "Total" and D(str(rows[-1][4])) == D("3500.50")
    assert [c.result for c in data.checks()] == ["PASS", "PASS"]
    # FY2028 has none of them.
    data2028, _ = _report(award, 2028, people)
    assert data2028.rows == ()
    book = load_workbook(io.BytesIO(content))
    assert set(recalculated_results(book).values()) == {"PASS"}
    book["Approved waivers"]["E3"] = 3000.50  # a waiver reported $500 higher
    results = recalculated_results(book)
    assert results[next(k for k in results if k.startswith("Waived in the year"))] == "FAIL"


def test_report_checks_fail_on_tampered_versions(people, director, award, make_subaward):
    from subawards import waiver_report

    publish(people)
    subaward = make_subaward()
    request = ask(director, subaward, amount="3000.00")
    operations.approve_match_waiver(people["gm"], request_id=request.pk, reason="Hardship")
    fy = 2027
    data = waiver_report.collect(award, fy, generated_by="test")
    assert data.total == D("3000.00") and data.checks()[0].result == "PASS"
    # Tampered rows (a decision reported larger than the versions show): FAIL.
    tampered = type(data)(
        data.meta,
        tuple((*r[:4], r[4] + 1, *r[5:]) for r in data.rows),
        data.waived_at_start,
        data.waived_at_end,
    )
    assert tampered.checks()[0].result == "FAIL"
    assert SubawardVersion.objects.filter(kind="match_waiver").count() == 1


def test_a_long_request_reason_is_marked_where_the_version_reason_cuts_it(
    people, director, make_subaward
):
    """The version's reason (1,000 characters) adds "Match waiver request #N: " to the agency's
    reason: past the limit the cut is marked, and the whole reason is kept on the version."""
    publish(people)
    subaward = make_subaward()
    long_reason = "Our donor closed. " + "x" * 982
    request = ask(director, subaward, reason=long_reason)
    operations.approve_match_waiver(people["gm"], request_id=request.pk, reason="Hardship shown")
    version = subaward.current_version()
    assert len(version.reason) == 1000
    assert version.reason.startswith(f"Match waiver request #{request.pk}: Our donor closed.")
    assert version.reason.endswith(
        f"… (truncated, {1000 + len(f'Match waiver request #{request.pk}: ')} characters)"
    )
    assert version.match_waiver_reason == long_reason


def test_a_decision_too_long_for_the_subaward_is_refused_stating_the_limit(
    people, director, make_subaward
):
    policy = publish(people)
    subaward = make_subaward()
    request = ask(director, subaward)
    with pytest.raises(ValidationError) as refused:
        operations.approve_match_waiver(people["gm"], request_id=request.pk, reason="y" * 999)
    length = len(policy.label) + 2 + 999
    assert refused.value.message_dict == {
        "reason": [
            "Keep the reason shorter: it is printed on the subaward after the policy's name, "
            f"1000 characters in all (this would be {length})."
        ]
    }
    assert subaward.current_version().number == 1
