"""Monitoring's deadlines for the grants manager's "Due and overdue" view (``voca.due.DueItem``):
risk assessments (before the first subaward, then yearly), desk reviews by the plan, site visits
planned, documents requested, corrective actions, audit reports and management decisions."""

import datetime as dt

from django.urls import reverse

from organizations.models import Organization
from subawards.models import Subaward
from voca.clock import local_date
from voca.due import DueItem

from . import audits
from .models import DeskReview, Finding, RiskAssessment, SingleAudit, SiteVisit
from .rules import ASSESSMENT_VALID_DAYS


def _subrecipient_url(org_id) -> str:
    return reverse("monitoring_subrecipient", args=(org_id,))


def _assessments(today) -> list[DueItem]:
    items = []
    first_subaward = {}
    for subaward in Subaward.objects.order_by("-created_at"):
        first_subaward[subaward.subrecipient_id] = subaward.created_at
    latest = {}
    for a in RiskAssessment.objects.order_by("organization_id", "assessed_on", "pk"):
        latest[a.organization_id] = a
    for org in Organization.objects.subrecipients().filter(is_active=True):
        assessment = latest.get(org.pk)
        url = reverse("monitoring_assess", args=(org.pk,))
        if assessment is None:
            # Owed before the first subaward: due the day that subaward was made.
            if org.pk in first_subaward:
                made = local_date(first_subaward[org.pk])
                items.append(
                    DueItem("Risk assessment (before the subaward)", str(org), made, url, org.pk)
                )
            continue
        due_on = assessment.assessed_on + dt.timedelta(days=ASSESSMENT_VALID_DAYS)
        items.append(DueItem("Risk assessment (yearly)", str(org), due_on, url, org.pk))
        # Desk reviews at the plan's pace, counted from the last one (or the assessment).
        last = (
            DeskReview.objects.filter(organization=org, requested_on__gte=assessment.assessed_on)
            .order_by("-requested_on")
            .first()
        )
        since = last.requested_on if last else assessment.assessed_on
        every = dt.timedelta(days=365 // max(assessment.desk_reviews_per_year, 1))
        items.append(
            DueItem(
                "Desk review",
                f"{org} · {assessment.get_level_display().lower()} risk, "
                f"{assessment.desk_reviews_per_year} a year",
                since + every,
                reverse("monitoring_desk_review_new", args=(org.pk,)),
                org.pk,
            )
        )
    return items


def _reviews_and_visits(today) -> list[DueItem]:
    items = []
    for review in DeskReview.objects.filter(concluded_on__isnull=True).select_related(
        "organization"
    ):
        url = reverse("monitoring_desk_review", args=(review.pk,))
        waiting = review.documents.filter(received_on__isnull=True).count()
        if waiting:
            items.append(
                DueItem(
                    "Documents for a desk review",
                    f"{review.organization} · {waiting} not received",
                    review.documents_due_on,
                    url,
                    review.organization_id,
                )
            )
        else:
            items.append(
                DueItem(
                    "Desk review to conclude",
                    str(review.organization),
                    None,
                    url,
                    review.organization_id,
                    waiting_since=review.requested_on,
                )
            )
    for visit in SiteVisit.objects.filter(visited_on__isnull=True).select_related("organization"):
        items.append(
            DueItem(
                "Site visit planned",
                str(visit.organization),
                visit.planned_on,
                reverse("monitoring_site_visit", args=(visit.pk,)),
                visit.organization_id,
            )
        )
    return items


def _findings(today) -> list[DueItem]:
    items = []
    for finding in Finding.objects.open().select_related("organization"):
        url = reverse("monitoring_finding", args=(finding.pk,))
        if finding.responded_on:
            items.append(
                DueItem(
                    "Corrective action to close",
                    f"{finding.organization} · finding #{finding.pk}",
                    None,
                    url,
                    finding.organization_id,
                    waiting_since=finding.responded_on,
                )
            )
        else:
            items.append(
                DueItem(
                    "Corrective action",
                    f"{finding.organization} · finding #{finding.pk}",
                    finding.due_on,
                    url,
                    finding.organization_id,
                )
            )
    return items


def _audits(today) -> list[DueItem]:
    items = []
    for audit in SingleAudit.objects.select_related("organization"):
        url = reverse("monitoring_single_audit", args=(audit.pk,))
        subject = f"{audit.organization} · fiscal year ending {audit.fiscal_year_end:%m/%d/%Y}"
        required = audits.audit_required(audit.federal_expenditures, audit.uniform_guidance)
        if required and audit.report_received_on is None:
            items.append(
                DueItem(
                    "Single audit report",
                    subject,
                    audits.report_due_on(audit),
                    url,
                    audit.organization_id,
                )
            )
        elif audits.needs_decision(audit):
            items.append(
                DueItem(
                    "Management decision on audit findings",
                    subject,
                    audits.decision_due_on(audit),
                    url,
                    audit.organization_id,
                )
            )
    return items


def due_items(today: dt.date) -> list[DueItem]:
    return [
        *_assessments(today),
        *_reviews_and_visits(today),
        *_findings(today),
        *_audits(today),
    ]
