"""Screens of draws: record, edit a draft, and each step of workflows.DRAWS."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin.views import generic

from voca import formats
from voca.columns import FastCellsIndexMixin, MoneyColumn, MonthColumn
from voca.paging import KeysetIndexMixin

from .. import operations, permissions
from ..filters import DrawFilterSet
from ..forms import DraftDrawForm, DrawForm, PaymentForm
from ..models import Draw
from ..operations.base import today
from ..workflows import DRAWS
from .actions import ActionView
from .base import (
    LedgerInspectView,
    LedgerViewSet,
    OperationCreateView,
    OperationFormMixin,
    timeline,
)


class DrawCreateView(OperationCreateView):
    def get_form_kwargs(self):
        # ?category=&program= (the dashboard's "Record a draw" links) pre-selects, visibly, the
        # line of that category and program whose award lapses first.
        kwargs = super().get_form_kwargs()
        category, program = self.request.GET.get("category"), self.request.GET.get("program")
        if category and program:
            kwargs["suggest_for"] = (category[:20], program[:100])
        return kwargs

    def run_operation(self, data):
        return operations.request_draw(
            actor=self.request.user,
            line_id=data["line"].pk,
            amount=data["amount"],
            incurred_on=data["incurred_on"],
            month=data["month"],
            payee=data["payee"],
            description=data["description"],
            document=data["document"],
            submit=data["submit"],
            reason=data["reason"],
        )


class DrawEditView(OperationFormMixin, generic.EditView):
    """Only drafts of open awards are edited (permissions.can_edit_draw); anything later is
    rejected or reversed."""

    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        draw = get_object_or_404(Draw.objects.select_related("award"), pk=kwargs["pk"])
        decision = permissions.can_edit_draw(request.user, draw)
        if not decision and permissions.can_request_draw(request.user):
            messages.error(request, decision.reason)
            return redirect(self.inspect_url_name, draw.pk)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "keep_line": self.object.line}

    def get_initial(self):
        draw = self.object
        return {
            "line": draw.line,
            "incurred_on": draw.incurred_on,
            "month": draw.month,
            "amount": draw.amount,
            "payee": draw.payee,
            "description": draw.description,
            "reason": "",
        }

    def run_operation(self, data):
        changes = {
            "line_id": data["line"].pk,
            "incurred_on": data["incurred_on"],
            "month": data["month"],
            "amount": data["amount"],
            "payee": data["payee"],
            "description": data["description"],
        }
        if data["document"]:
            changes["document"] = data["document"]
        return operations.edit_draft_draw(
            actor=self.request.user, draw_id=self.object.pk, reason=data["reason"], **changes
        )

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(self.object.pk,))


class DrawIndexView(FastCellsIndexMixin, KeysetIndexMixin, generic.IndexView):
    """Latest month first (oldest first, sorted by month), paged "Newer"/"Older" by (month, id):
    the same queries on the first page as deep in 20,000 draws, filters kept (voca.paging)."""

    keyset = ("month", "id")
    oldest_first_ordering = "month"
    noun = ("draw", "draws")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("award", "line")

    def get_edit_url(self, instance):
        # Only a draft of an open award links to its form; any other row opens its page.
        if permissions.can_edit_draw(self.request.user, instance):
            return super().get_edit_url(instance)
        return None


class DrawInspectView(LedgerInspectView):
    step_url_name = "grants_draw_action"

    def get_edit_url(self):
        if permissions.can_edit_draw(self.request.user, self.object):
            return super().get_edit_url()
        return None

    def get_reason_display_value(self):
        # A rejection or reversal keeps its reason on the row; any other step's is in its history.
        if self.object.reason:
            return self.object.reason
        latest = self.object.history.exclude(history_change_reason=None).order_by("-history_id")
        return latest.values_list("history_change_reason", flat=True).first() or formats.EMPTY

    def get_fields(self):
        return [
            "award",
            "line",
            "status",
            "amount",
            "incurred_on",
            "month",
            "payee",
            "description",
            "document",
            "reverses",
            "reason",
            "requested_by",
            "requested_at",
            "submitted_by",
            "submitted_at",
            "approved_by",
            "approved_at",
            "paid_by",
            "paid_at",
            "paid_on",
            "payment_reference",
            "rejected_by",
            "rejected_at",
        ]


class DrawViewSet(LedgerViewSet):
    model = Draw
    icon = "form"
    menu_label = "Draws"
    add_view_class = DrawCreateView
    edit_view_class = DrawEditView
    index_view_class = DrawIndexView
    inspect_view_class = DrawInspectView
    add_form_class = DrawForm
    list_display = [
        "__str__",
        MonthColumn("month", label="Month"),
        "award",
        "line",
        "payee",
        MoneyColumn("amount"),
        "status",
    ]
    filterset_class = DrawFilterSet
    form_fields = ["payee"]

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            form_class=DraftDrawForm,
            panel=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )


class DrawActionView(ActionView):
    model = Draw
    workflow = DRAWS
    id_kwarg = "draw_id"
    step_operations = {
        "submit": operations.submit_draw,
        "approve": operations.approve_draw,
        "reject": operations.reject_draw,
        "pay": operations.pay_draw,
        "reverse": operations.reverse_draw,
    }
    step_forms = {"pay": PaymentForm}

    def get_context_data(self, **kwargs):
        # A decision is taken on the figures, the evidence and the record's past, all on one page.
        context = super().get_context_data(**kwargs)
        draw, line = self.object, self.object.line
        context["summary"] = [
            ("Award", draw.award.label),
            ("Amount", formats.money(draw.amount)),
            ("Budget line", str(line)),
            ("Left on the line", formats.money(line.balance().remaining)),
            ("Date incurred", formats.day(draw.incurred_on)),
            ("Payee", draw.payee),
            ("Description", draw.description),
            ("Requested by", formats.person(draw.requested_by)),
        ]
        context["documents"] = True
        if draw.document:
            context["document_url"] = reverse("grants_document", args=("draw", draw.pk))
        context["entries"] = list(reversed(timeline(draw)))
        return context

    def get_initial(self):
        return {"paid_on": today()} if self.step.name == "pay" else {}

    def done_message(self, result) -> str:
        line = result.line
        line.refresh_from_db()
        what = f"{formats.money(result.amount)} on {line.short_label} of award {result.award}"
        left = f"{formats.money(line.balance().remaining)} left"
        if result.is_reversal:
            return f"Draw #{self.object.pk} reversed by draw #{result.pk}: {what}; {left}."
        paid = ""
        if result.paid_on and self.step.name == "pay":
            paid = f", paid {formats.day(result.paid_on)} ({result.payment_reference or 'no ref.'})"
        return f"Draw #{result.pk} {self.step.done}: {what}{paid}; {left}."

    def back_url(self):
        return reverse("grants_draws:inspect", args=(self.object.pk,))
