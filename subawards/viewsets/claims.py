"""Screens of reimbursement claims: the list (a subrecipient's own claims; the state's review
queue, filtered by what each claim waits for), a claim's page (every round, its lines, documents,
comments and history, and the buttons its reader may press), the claim form, each step's page and
the document download. Another subrecipient's claim is not found (404), never shown."""

import django_filters
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from grants.viewsets.base import step_buttons, step_notes
from voca import formats
from voca.columns import MoneyColumn
from voca.paging import KeysetIndexMixin

from .. import operations, permissions
from ..claim_forms import ClaimForm, PaymentForm, ProgramApprovalForm, ReasonForm
from ..models import Claim, ClaimDocument, left_by_category
from ..workflows import CLAIMS, ClaimStatus
from .actions import OperationPage

INSPECT = "subawards_claims:inspect"


class ClaimFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=ClaimStatus.choices, label="Waiting for")

    class Meta:
        model = Claim
        fields = ["status"]


class ClaimIndexView(KeysetIndexMixin, generic.IndexView):
    """Latest period first, paged by (period start, id): the same few queries on every page."""

    keyset = ("period_start", "id")
    oldest_first_ordering = "period_start"
    noun = ("claim", "claims")

    def get_base_queryset(self):
        return permissions.visible_claims(self.request.user).for_listing()

    @property
    def header_buttons(self):
        user = self.request.user
        if permissions.works_for_unit(user):
            return []
        subawards = permissions.visible_subawards(user).filter(obligation__isnull=False)
        return [
            HeaderButton(
                f"New claim on {s.number}",
                url=reverse("subawards_claim_new", args=(s.pk,)),
                icon_name="plus",
            )
            for s in subawards
            if permissions.can_submit_claims(user, s)
        ]


class ClaimInspectView(generic.InspectView):
    template_name = "subawards/claim_inspect.html"

    def get_object(self, queryset=None):
        # Wagtail's InspectView ignores a queryset: another subrecipient's claim is not found.
        visible = permissions.visible_claims(self.request.user)
        return get_object_or_404(visible.select_related("subaward__subrecipient"), pk=self.pk)

    @cached_property
    def steps(self):
        return permissions.claim_steps_within_reach(self.request.user, self.object)

    @property
    def header_buttons(self):
        return step_buttons(self.steps, "subawards_claim_step", self.object.pk)

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        claim, user = self.object, self.request.user
        rounds = claim.rounds.prefetch_related("lines", "documents").select_related("submitted_by")
        context["rounds"] = [
            {
                "round": r,
                "by": formats.person(r.submitted_by),
                "lines": list(r.lines.all()),
                "documents": [
                    (d, reverse("subawards_claim_document", args=(d.pk,)))
                    for d in r.documents.all()
                    if permissions.can_download_claim_document(user, d)
                ],
            }
            for r in rounds.order_by("-number")
        ]
        context["comments"] = [
            (c, formats.person(c.author)) for c in claim.comments.select_related("author")
        ]
        context["history"] = [
            (
                h.history_date,
                formats.person(h.history_user) if h.history_user else "",
                h.get_status_display(),
                h.history_change_reason or "",
            )
            for h in claim.history.select_related("history_user").order_by("history_id")
        ]
        context["notes"] = step_notes(self.steps)
        context["summary"] = [
            ("Subaward", claim.subaward.number),
            ("Subrecipient", claim.subaward.subrecipient),
            ("Period", f"{formats.day(claim.period_start)} to {formats.day(claim.period_end)}"),
            ("Status", claim.get_status_display()),
            ("Round", claim.round_number),
            ("Approved", formats.money(claim.approved_total)),
            ("Paid on", formats.day(claim.paid_on)),
            ("Payment reference", claim.payment_reference or formats.EMPTY),
        ]
        return context


class ClaimViewSet(ModelViewSet):
    model = Claim
    icon = "form"
    menu_label = "Claims"
    index_view_class = ClaimIndexView
    inspect_view_class = ClaimInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = ClaimFilterSet
    list_display = [
        "__str__",
        Column("subrecipient", label="Subrecipient", accessor="subaward.subrecipient"),
        "status",
        Column("round_number", label="Round"),
        MoneyColumn("requested_total", label="Claimed"),
        MoneyColumn("approved_total", label="Approved"),
    ]
    form_fields = ["period_start"]


class ClaimPage(OperationPage):
    """A form page running one claim operation (``OperationPage``: a refusal shows on the form,
    nothing saved); it then says the claim's new state and opens the claim's page."""

    def success_message(self, claim) -> str:
        return f"{claim}: {claim.get_status_display().lower()}."

    def done_url(self, claim) -> str:
        return reverse(INSPECT, args=(claim.pk,))


class NewClaimView(ClaimPage):
    form_class = ClaimForm
    submit_label = "Submit the claim"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.subaward = get_object_or_404(
            permissions.visible_subawards(request.user), pk=kwargs["pk"]
        )

    def decision(self):
        return permissions.can_submit_claims(self.request.user, self.subaward)

    def get_page_title(self):
        return f"New claim on {self.subaward}"

    def back_url(self):
        return reverse("subawards_claims:index")

    def get_form_kwargs(self):
        version = self.subaward.current_version()
        if version is None:
            raise Http404
        return {
            **super().get_form_kwargs(),
            "subaward": self.subaward,
            "version": version,
            "left": left_by_category(self.subaward),
        }

    def run(self, data):
        form = self.form
        return operations.submit_claim(
            self.request.user,
            subaward_id=self.subaward.pk,
            period_start=data["period"],
            lines=form.lines(),
            match_provided=data["match_provided"],
            documents=data["documents"],
            note=data["note"],
        )


STEP_FORMS = {
    "resubmit": ClaimForm,
    "program_approve": ProgramApprovalForm,
    "finance_approve": ReasonForm,
    "send_back": ReasonForm,
    "reject": ReasonForm,
    "pay": PaymentForm,
}


class ClaimStepView(ClaimPage):
    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        if kwargs["action"] not in CLAIMS.transitions:
            raise Http404
        self.step = CLAIMS[kwargs["action"]]
        self.claim = get_object_or_404(permissions.visible_claims(request.user), pk=kwargs["pk"])
        self.submit_label = self.step.label

    def get_form_class(self):
        return STEP_FORMS[self.step.name]

    @cached_property
    def _decision(self):
        return permissions.can_take_claim_step(self.request.user, self.claim, self.step)

    def decision(self):
        return self._decision

    def get_page_title(self):
        return f"{self.step.label}: {self.claim}"

    def back_url(self):
        return reverse(INSPECT, args=(self.claim.pk,))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        lines = list(self.claim.current_round().lines.all())
        if self.step.name == "program_approve":
            kwargs["lines"] = lines
        elif self.step.name == "resubmit":
            subaward = self.claim.subaward
            kwargs.update(
                subaward=subaward,
                version=subaward.current_version(),
                left=left_by_category(subaward, excluding=self.claim.pk),
                requested={line.category: line.requested for line in lines},
                resubmit=True,
            )
        return kwargs

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if "reason" in form.fields:
            form.fields["reason"].required = self.step.reason_required
            if self.step.name == "send_back":
                form.fields["reason"].label = "What must change"
        return form

    def run(self, data):
        user, pk = self.request.user, self.claim.pk
        reason = data.get("reason") or ""
        if self.step.name == "resubmit":
            return operations.resubmit_claim(
                user,
                claim_id=pk,
                lines=self.form.lines(),
                match_provided=data["match_provided"],
                documents=data["documents"],
                note=data["note"],
                reason=reason or "Resubmitted",
            )
        if self.step.name == "program_approve":
            approved, reasons = self.form.amounts()
            return operations.approve_program(
                user, claim_id=pk, approved=approved, reasons=reasons, reason=reason
            )
        if self.step.name == "finance_approve":
            return operations.approve_finance(user, claim_id=pk, reason=reason)
        if self.step.name == "send_back":
            return operations.send_back_claim(user, claim_id=pk, comments=reason)
        if self.step.name == "reject":
            return operations.reject_claim(user, claim_id=pk, reason=reason)
        return operations.pay_claim(
            user,
            claim_id=pk,
            paid_on=data["paid_on"],
            payment_reference=data["payment_reference"],
            reason=reason,
        )


def claim_document_view(request, pk):
    document = get_object_or_404(
        ClaimDocument.objects.select_related("round__claim__subaward"), pk=pk
    )
    if not permissions.can_download_claim_document(request.user, document):
        raise Http404
    extension = document.file.name.rsplit(".", 1)[-1]
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=f"claim-{document.round.claim_id}-document-{document.pk}.{extension}",
    )
    response["Cache-Control"] = "private, no-store"
    return response


def claim_urls():
    return [
        path("subawards/claims/new/<int:pk>/", NewClaimView.as_view(), name="subawards_claim_new"),
        path(
            "subawards/claims/<int:pk>/step/<str:action>/",
            ClaimStepView.as_view(),
            name="subawards_claim_step",
        ),
        path(
            "subawards/claim-documents/<int:pk>/",
            claim_document_view,
            name="subawards_claim_document",
        ),
    ]


__all__ = ["ClaimViewSet", "claim_urls"]
