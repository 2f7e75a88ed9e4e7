"""Risk assessments: the level from the declared table (computed here independently), the factors
counted from real claims, bad input refused with nothing saved, assessments never changed, and
the subaward's issue page warning without a recent assessment."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from monitoring import operations
from monitoring.models import FactorScore, RiskAssessment
from monitoring.risk import missing_assessment_warning
from subawards import operations as subawards_operations
from tests.helpers import at, login, moment
from tests.subawards.test_claims import submit

from .conftest import notes, scores

pytestmark = pytest.mark.django_db


def assess(actor, agency, values, day=dt.date(2026, 12, 1), **more):
    return operations.assess_risk(
        actor,
        organization_id=agency.pk,
        assessed_on=day,
        scores=scores(*values),
        notes=notes(),
        **more,
    )


@pytest.mark.parametrize(
    ("values", "level", "reviews", "visit"),
    [
        ((0, 0, 0, 0, 0, 0), "low", 1, False),
        ((1, 1, 1, 1, 1, 2), "low", 1, False),  # 7: the last low score
        ((2, 1, 1, 1, 1, 2), "medium", 2, True),  # 8: the first medium
        ((3, 3, 2, 2, 2, 2), "medium", 2, True),  # 14
        ((3, 3, 3, 2, 2, 2), "high", 4, True),  # 15: the first high
        ((3, 3, 3, 3, 3, 3), "high", 4, True),
    ],
)
def test_the_level_and_plan_follow_the_total_of_every_factor(
    people, agency, values, level, reviews, visit
):
    with at(moment(2026, 12, 7)):
        assessment = assess(people["gm"], agency, values)
    # No claims yet: every computed factor scores 0, so the total is the entered scores.
    expected_total = sum(values)
    assert assessment.total == expected_total
    assert (assessment.level, assessment.desk_reviews_per_year, assessment.site_visit) == (
        level,
        reviews,
        visit,
    )
    assert assessment.scores.count() == 9
    assert assessment.scores.filter(computed=True).count() == 3
    if level == "high":
        assert "Claims monthly" in assessment.conditions
    if level == "low":
        assert assessment.conditions == ""


def test_claims_sent_back_rejected_and_late_are_counted_from_the_claims(
    people, agency, agency_finance, make_subaward
):
    subaward = make_subaward()  # Jan-Sep 2027, $100,000
    with at(moment(2027, 3, 10)):
        january = submit(agency_finance, subaward, start=dt.date(2027, 1, 1))  # 37 days late
        february = submit(agency_finance, subaward, start=dt.date(2027, 2, 1))  # on time
        subawards_operations.send_back_claim(
            people["gm"], claim_id=january.pk, comments="Attach the timesheets."
        )
        subawards_operations.reject_claim(
            people["finance"], claim_id=february.pk, reason="Paid by the county grant."
        )
        assessment = assess(people["gm"], agency, (0,) * 6, day=dt.date(2027, 3, 10))
    got = {s.factor: s for s in assessment.scores.all()}
    assert got["claims_sent_back"].score == 2
    assert "1 sent back and 1 rejected" in got["claims_sent_back"].note
    assert got["late_reports"].score == 1
    assert "1 of 2 claims" in got["late_reports"].note
    # Nothing approved by Mar 10 of a Jan 1-Sep 30 period: 0% claimed, 69 of 273 days elapsed.
    elapsed = round(69 / 273 * 100, 2)
    assert f"0.00% claimed, {elapsed:.2f}% of the period" in got["budget_variance"].note
    assert got["budget_variance"].score == 2  # a gap of 25 to 50 points
    assert assessment.total == 2 + 1 + 2


def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(people, agency):
    values = scores(0, 0, 0, 0, 0, 0)
    values["fraud_risk"] = 4
    values["audit_results"] = "high"
    with at(moment(2026, 12, 7)), pytest.raises(ValidationError) as refused:
        operations.assess_risk(
            people["gm"],
            organization_id=agency.pk,
            assessed_on=dt.date(2026, 12, 8),
            scores=values,
            notes={**notes(), "new_systems": "  "},
        )
    errors = refused.value.message_dict
    assert errors["assessed_on"] == ["An assessment cannot be dated after today (7 Dec 2026)."]
    assert errors["score_fraud_risk"] == ["Score fraud risk indicators from 0 to 3."]
    assert "score_audit_results" in errors
    assert errors["note_new_systems"][0].startswith("Say why new systems scores 0")
    assert RiskAssessment.objects.count() == 0 and FactorScore.objects.count() == 0


def test_only_the_grants_manager_assesses_and_an_assessment_is_never_changed(people, agency):
    with at(moment(2026, 12, 7)):
        with pytest.raises(PermissionDenied):
            assess(people["auditor"], agency, (0,) * 6)
        assessment = assess(people["gm"], agency, (0,) * 6)
    assessment.total = 0
    with pytest.raises(ValidationError):
        assessment.save()
    with pytest.raises(ValidationError):
        RiskAssessment.objects.all().delete()
    assert RiskAssessment.objects.count() == 1


def test_the_issue_page_warns_without_a_risk_assessment_within_twelve_months(
    client, people, agency, make_subaward
):
    subaward = make_subaward(issue=False)
    url = reverse("subawards_version_step", args=(subaward.latest_version().pk, "issue"))
    login(client, people["gm"])
    with at(moment(2026, 12, 7)):
        page = client.get(url).content.decode()
        assert "No risk assessment of Safe Harbor" in page
        assess(people["gm"], agency, (0,) * 6, day=dt.date(2025, 12, 6))  # 366 days before
        assert "No risk assessment" in client.get(url).content.decode()
        assess(people["gm"], agency, (0,) * 6, day=dt.date(2025, 12, 7))  # 365 days: in time
        assert "No risk assessment" not in client.get(url).content.decode()
        assert missing_assessment_warning(agency, dt.date(2026, 12, 7)) == ""


def test_late_and_missing_quarterly_reports_count_as_late_reports(
    people, agency, director, make_subaward
):
    from performance import operations as performance_operations
    from tests.performance.test_figures import consistent

    subaward = make_subaward()  # Jan-Sep 2027: Q2 due 30 Apr 2027, Q3 due 30 Jul 2027
    with at(moment(2027, 5, 20)):  # Q2 sent 20 days after its due date
        report = performance_operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=2027, quarter=2, values=consistent()
        )
        performance_operations.submit_report(director, report_id=report.pk)
    with at(moment(2027, 8, 15)):  # Q3's report never came
        assessment = assess(people["gm"], agency, (0,) * 6, day=dt.date(2027, 8, 15))
    late = assessment.scores.get(factor="late_reports")
    # No claims; one quarterly report late and one missing: two late reports score 2.
    assert late.score == 2
    assert "0 of 0 claims" in late.note
    assert (
        "1 of 2 quarterly reports due in the last 12 months submitted late, 1 missing" in late.note
    )


def test_budget_variance_compares_approved_claims_with_the_time_elapsed(
    people, agency, agency_finance, make_subaward
):
    subaward = make_subaward()  # $100,000 from 1 Jan to 30 Sep 2027 (273 days)
    with at(moment(2027, 6, 30)):
        claim = submit(agency_finance, subaward, start=dt.date(2027, 1, 1))  # $7,500
        subawards_operations.approve_program(people["gm"], claim_id=claim.pk)
        subawards_operations.approve_finance(people["finance"], claim_id=claim.pk)
        assessment = assess(people["gm"], agency, (0,) * 6, day=dt.date(2027, 6, 30))
    variance = assessment.scores.get(factor="budget_variance")
    claimed, elapsed = 7500 / 100000 * 100, 181 / 273 * 100  # 1 Jan-30 Jun: 181 days
    assert f"{claimed:.2f}% claimed, {elapsed:.2f}% of the period" in variance.note
    assert elapsed - claimed >= 50 and variance.score == 3
