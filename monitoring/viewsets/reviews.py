"""Desk reviews and site visits: start or plan one, record what came in or what was seen,
conclude, and add findings."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from organizations.models import Organization
from subawards.models import Claim
from voca import clock

from .. import operations, permissions
from ..forms import (
    ConclusionForm,
    DeskReviewForm,
    FindingForm,
    ReceiveForm,
    SiteVisitPlanForm,
    SiteVisitRecordForm,
)
from ..models import DeskReview, SiteVisit
from .base import OperationPage, StatePage, day, link
from .subrecipients import subrecipient_url


def review_url(pk) -> str:
    return reverse("monitoring_desk_review", args=(pk,))


def visit_url(pk) -> str:
    return reverse("monitoring_site_visit", args=(pk,))


def findings_rows(findings):
    return [
        [
            link(f"Finding #{f.pk}", reverse("monitoring_finding", args=(f.pk,))),
            f.text,
            day(f.due_on),
            f.status,
        ]
        for f in findings
    ]


class OrganizationPage(OperationPage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.organization = get_object_or_404(Organization.objects.subrecipients(), pk=kwargs["pk"])

    def back_url(self):
        return subrecipient_url(self.organization.pk)


class DeskReviewNewView(OrganizationPage):
    form_class = DeskReviewForm
    submit_label = "Request the documents"

    def get_page_title(self):
        return f"Desk review: {self.organization.legal_name}"

    def get_form_kwargs(self):
        claims = Claim.objects.filter(subaward__subrecipient=self.organization).select_related(
            "subaward"
        )
        return {**super().get_form_kwargs(), "claims": claims}

    def get_initial(self):
        return {"requested_on": clock.local_today()}

    def run(self, data):
        return operations.start_desk_review(
            self.request.user,
            organization_id=self.organization.pk,
            period_start=data["period_start"],
            period_end=data["period_end"],
            claim_ids=[c.pk for c in data["claims"]],
            documents=[line for line in data["documents"].splitlines() if line.strip()],
            requested_on=data["requested_on"],
            documents_due_on=data["documents_due_on"],
        )

    def done_url(self, result):
        return review_url(result.pk)


class DeskReviewView(StatePage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.review = get_object_or_404(DeskReview, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Desk review of {self.review.organization.legal_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        r = self.review
        if permissions.can_monitor(self.request.user) and not r.is_concluded:
            context["actions"] = [
                (
                    "Record documents received",
                    reverse("monitoring_desk_review_receive", args=(r.pk,)),
                ),
                ("Add a finding", reverse("monitoring_finding_new", args=("desk-review", r.pk))),
                ("Conclude", reverse("monitoring_desk_review_conclude", args=(r.pk,))),
            ]
        context["sections"] = [
            {
                "pairs": [
                    ("Subrecipient", r.organization.legal_name),
                    ("Claims from", day(r.period_start)),
                    ("Claims to", day(r.period_end)),
                    ("Documents requested on", day(r.requested_on)),
                    ("Documents due", day(r.documents_due_on)),
                    ("Conclusion", r.conclusion or "Not concluded yet."),
                    ("Concluded on", day(r.concluded_on)),
                ]
            },
            {
                "title": "Claims sampled",
                "headers": ["Claim", "Status"],
                "rows": [
                    [
                        link(c, reverse("subawards_claims:inspect", args=(c.pk,))),
                        c.get_status_display(),
                    ]
                    for c in r.claims.select_related("subaward")
                ],
            },
            {
                "title": "Documents requested",
                "headers": ["Document", "Received"],
                "rows": [[d.description, day(d.received_on)] for d in r.documents.all()],
            },
            {
                "title": "Findings",
                "headers": ["Finding", "Text", "Due", "Status"],
                "rows": findings_rows(r.findings.all()),
            },
            {"actions": [("Back to the subrecipient", subrecipient_url(r.organization_id))]},
        ]
        return context


class ReviewPage(OperationPage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.review = get_object_or_404(DeskReview, pk=kwargs["pk"])

    def back_url(self):
        return review_url(self.review.pk)


class ReceiveView(ReviewPage):
    form_class = ReceiveForm

    def get_page_title(self):
        return f"Documents received: desk review of {self.review.organization.legal_name}"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "documents": list(self.review.documents.all())}

    def run(self, data):
        received = {
            int(name.removeprefix("received_")): value
            for name, value in data.items()
            if name.startswith("received_")
        }
        return operations.receive_documents(
            self.request.user, review_id=self.review.pk, received=received
        )


class ConcludeView(ReviewPage):
    form_class = ConclusionForm
    submit_label = "Conclude the review"

    def get_page_title(self):
        return f"Conclude the desk review of {self.review.organization.legal_name}"

    def get_initial(self):
        return {"concluded_on": clock.local_today()}

    def run(self, data):
        return operations.conclude_desk_review(self.request.user, review_id=self.review.pk, **data)


class SiteVisitNewView(OrganizationPage):
    form_class = SiteVisitPlanForm
    submit_label = "Plan the visit"

    def get_page_title(self):
        return f"Site visit: {self.organization.legal_name}"

    def run(self, data):
        return operations.plan_site_visit(
            self.request.user, organization_id=self.organization.pk, **data
        )

    def done_url(self, result):
        return visit_url(result.pk)


class SiteVisitView(StatePage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.visit = get_object_or_404(SiteVisit, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Site visit to {self.visit.organization.legal_name}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        v = self.visit
        if permissions.can_monitor(self.request.user):
            if v.is_done:
                context["actions"] = [
                    ("Add a finding", reverse("monitoring_finding_new", args=("site-visit", v.pk)))
                ]
            else:
                context["actions"] = [
                    ("Record the visit", reverse("monitoring_site_visit_record", args=(v.pk,)))
                ]
        context["sections"] = [
            {
                "pairs": [
                    ("Subrecipient", v.organization.legal_name),
                    ("Planned on", day(v.planned_on)),
                    ("Visited on", day(v.visited_on)),
                    ("Who visits", v.visitors or "-"),
                    ("Summary", v.summary or "-"),
                ]
            },
            {
                "title": "Checklist",
                "headers": ["Item", "Answer", "Note"],
                "rows": [[a.label, a.get_answer_display(), a.note] for a in v.answers.all()],
                "empty": "Not visited yet.",
            },
            {
                "title": "Findings",
                "headers": ["Finding", "Text", "Due", "Status"],
                "rows": findings_rows(v.findings.all()),
            },
            {"actions": [("Back to the subrecipient", subrecipient_url(v.organization_id))]},
        ]
        return context


class SiteVisitRecordView(OperationPage):
    form_class = SiteVisitRecordForm
    submit_label = "Record the visit"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.visit = get_object_or_404(SiteVisit, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Record the site visit to {self.visit.organization.legal_name}"

    def back_url(self):
        return visit_url(self.visit.pk)

    def get_initial(self):
        return {"visited_on": self.visit.planned_on}

    def run(self, data):
        return operations.record_site_visit(
            self.request.user, visit_id=self.visit.pk, **self.form.values()
        )


class FindingNewView(OperationPage):
    form_class = FindingForm
    submit_label = "Record the finding"
    SOURCES = {
        "site-visit": (SiteVisit, "site_visit_id"),
        "desk-review": (DeskReview, "desk_review_id"),
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["source"] not in self.SOURCES:
            raise Http404
        model, self.argument = self.SOURCES[kwargs["source"]]
        self.source = get_object_or_404(model, pk=kwargs["pk"])

    def get_page_title(self):
        return f"Finding: {self.source.organization.legal_name}"

    def back_url(self):
        if isinstance(self.source, SiteVisit):
            return visit_url(self.source.pk)
        return review_url(self.source.pk)

    def run(self, data):
        return operations.record_finding(
            self.request.user, **{self.argument: self.source.pk}, **data
        )

    def success_message(self, result):
        return f"{result} recorded: the agency's director sees it and responds."
