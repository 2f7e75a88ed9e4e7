"""Demo quarterly reports (loaded after the subawards' demo): the Safe Harbor shelter's hotline
subaward on the current award, made two quarters back, with its two ended quarters reported as
aggregates: the older one submitted late and accepted; the later one submitted on time, returned
by the state's grants manager, corrected and accepted. Dates are relative to today."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grants.demo import current
from grants.models import BudgetLine
from organizations.demo import SHELTER_UEI
from organizations.models import Organization
from subawards import operations as subaward_operations
from subawards.demo import CONTACT
from voca import clock
from voca.fiscal import quarter_bounds, quarter_of

from . import operations
from .models import QuarterlyReport, due_on

AMOUNT = 5000
DESCRIPTION = "24-hour hotline for victims of domestic violence (FY2026 funds)"


def _moment(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _back(fy: int, q: int) -> tuple[int, int]:
    return (fy - 1, 4) if q == 1 else (fy, q - 1)


def figures(served: int, new: int, *, robbery_twice: bool = False) -> dict:
    """A quarter's aggregates as the shelter types them: every table sums to the new ones."""
    continuing = served - new
    unknown = new - new // 2
    return {
        "served": served,
        "new": new,
        "continuing": continuing,
        "multiple_victimizations": 1,
        "compensation_individuals": 2,
        "compensation_contacts": 3,
        "anonymous_contacts": 4,
        "contacts": served * 2 + 4,
        "demo0-black": new // 2,
        "demo0-not_reported": unknown,
        "demo1-female": new // 2,
        "demo1-not_reported": unknown,
        "demo2-25_59": new // 2,
        "demo2-not_reported": unknown,
        "vic-domestic_family_violence": served,
        "vic-robbery": 2 if robbery_twice else 1,
        "special-homeless": 2,
        "cat-C": served,
        "svc-C1-individuals": served,
        "svc-C1-times": served + 3,
        "svc-C2-individuals": 2,
        "svc-C2-times": 6,
        "cat-D": 3,
        "svc-D1-individuals": 3,
        "svc-D1-times": 3,
    }


def load(stdout):
    if QuarterlyReport.objects.exists():
        stdout.write("  Quarterly reports: already in place")
        return
    users = get_user_model().objects.in_bulk(
        ("grantsmanager", "safeharbor.director"), field_name="username"
    )
    manager, director = users.get("grantsmanager"), users.get("safeharbor.director")
    shelter = Organization.objects.filter(uei=SHELTER_UEI).first()
    line = BudgetLine.objects.filter(
        award__federal_award_number=current.AWARD_NUMBER, category="subawards"
    ).first()
    if not (manager and director and shelter and line):
        stdout.write("  Quarterly reports: no shelter, people or Subawards line to report on")
        return
    today = clock.local_today()
    later = _back(*quarter_of(today))  # the last quarter that has ended and is past due
    while due_on(*later) >= today:
        later = _back(*later)
    older = _back(*later)
    start = quarter_bounds(*older)[0]
    award = line.award
    if start < award.period_start or quarter_bounds(*later)[1] > award.period_end:
        stdout.write("  Quarterly reports: the current award does not cover the last two quarters")
        return
    with clock.clock_at(_moment(start - dt.timedelta(days=10))):
        checked = clock.local_today()
        subaward_operations.record_exclusion_check(
            manager,
            organization_id=shelter.pk,
            checked_on=checked,
            result="not_excluded",
            evidence=SimpleUploadedFile("sam-gov-hotline.pdf", b"%PDF-1.4\n% SAM.gov search\n"),
        )
        subaward = subaward_operations.create_subaward(
            manager,
            subrecipient_id=shelter.pk,
            line_id=line.pk,
            period_start=start,
            period_end=award.period_end,
            project_description=DESCRIPTION,
            pass_through_contact=CONTACT,
            indirect_rate_kind="none",
            budget={"personnel": f"{AMOUNT}.00"},
            reason="Hotline bridge funding from the FY2026 award",
        )
        subaward_operations.issue_version(
            manager, version_id=subaward.latest_version().pk, reason="Signed by both parties"
        )

    def at(day, hour=10):
        return clock.clock_at(_moment(day, hour))

    # The older quarter: submitted ten days after its due date (late), then accepted.
    fy, q = older
    with at(due_on(fy, q) + dt.timedelta(days=10)):
        report = operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=fy, quarter=q, values=figures(18, 12)
        )
        operations.submit_report(director, report_id=report.pk, reason="Quarter's figures")
    with at(due_on(fy, q) + dt.timedelta(days=12)):
        operations.accept_report(manager, report_id=report.pk)
    # The later quarter: on time, returned (a victimization counted twice), corrected, accepted.
    fy, q = later
    with at(due_on(fy, q) - dt.timedelta(days=6)):
        report = operations.enter_figures(
            director,
            subaward_id=subaward.pk,
            fiscal_year=fy,
            quarter=q,
            values=figures(21, 9, robbery_twice=True),
        )
        operations.submit_report(director, report_id=report.pk, reason="Quarter's figures")
    with at(due_on(fy, q) - dt.timedelta(days=4)):
        operations.return_report(
            manager,
            report_id=report.pk,
            reason="Robbery shows 2 individuals but the intake log lists one: please correct.",
        )
    with at(due_on(fy, q) - dt.timedelta(days=2)):
        operations.enter_figures(
            director, subaward_id=subaward.pk, fiscal_year=fy, quarter=q, values=figures(21, 9)
        )
        operations.submit_report(director, report_id=report.pk, reason="Robbery corrected")
    with at(due_on(fy, q) - dt.timedelta(days=1)):
        operations.accept_report(manager, report_id=report.pk)
    stdout.write(
        f"  Quarterly reports: {subaward.number} (Safe Harbor hotline), two quarters: one late, "
        "one returned, corrected and accepted"
    )
