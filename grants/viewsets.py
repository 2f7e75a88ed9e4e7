"""The VOCA ledger in the Wagtail admin.

Every form here hands its values to one grants.operations function; nothing in this module saves a
money row itself. Delete is refused for everyone (see permissions.AppendOnlyPolicy); each record's
"History" is its django-simple-history timeline with field-by-field differences.
"""

import datetime as dt
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.views.generic import FormView, TemplateView
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from voca.parsing import parse_id

from . import ledger, operations, permissions
from .forms import (
    AsOfForm,
    AwardForm,
    BudgetLineForm,
    DraftDrawForm,
    DrawForm,
    MatchForm,
    ReasonForm,
    RevisionForm,
    add_operation_errors,
)
from .models import Award, BudgetLine, BudgetRevision, Draw, DrawStatus, MatchContribution

# --- shared pieces ------------------------------------------------------------------------------


class OperationFormMixin:
    """A create/edit view whose valid form runs one operation instead of saving a model form."""

    panel = None

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        kwargs.pop("for_user", None)
        return kwargs

    def run_operation(self, data):
        raise NotImplementedError

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.run_operation(form.cleaned_data)
        except ValidationError as error:
            add_operation_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()


class OperationCreateView(OperationFormMixin, generic.CreateView):
    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(self.object.pk,))

    inspect_url_name = None


def _display(field, value, cache):
    """A history value as a person reads it: names for related rows, labels for choices."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "j M Y, H:i")
    if isinstance(value, dt.date):
        return date_format(value, "j M Y")
    if isinstance(value, Decimal) and isinstance(field, models.DecimalField):
        return f"${value:,.2f}" if field.decimal_places == 2 else value
    if field is not None and field.is_relation:
        model = field.related_model
        key = (model, value)
        if key not in cache:
            obj = model._base_manager.filter(pk=value).first()
            cache[key] = (
                getattr(obj, "get_username", lambda: str(obj))() if obj else f"#{value} (gone)"
            )
        return cache[key]
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def timeline(obj) -> list[dict]:
    """Every saved version of ``obj``, oldest first, with who, when, why and what changed."""
    model = type(obj)
    versions = list(obj.history.order_by("history_id").select_related("history_user"))
    skip = {"id", "created_at"}
    cache: dict = {}
    entries = []
    previous = None
    for version in versions:
        if previous is None:
            changes = [
                (f.verbose_name, None, _display(f, getattr(version, f.attname), cache))
                for f in model._meta.concrete_fields
                if f.name not in skip and getattr(version, f.attname) not in (None, "")
            ]
        else:
            delta = version.diff_against(previous, foreign_keys_are_objs=False)
            changes = []
            for change in delta.changes:
                field = model._meta.get_field(change.field)
                changes.append(
                    (
                        field.verbose_name,
                        _display(field, change.old, cache),
                        _display(field, change.new, cache),
                    )
                )
        entries.append(
            {
                "when": version.history_date,
                "who": version.history_user.get_username() if version.history_user else "—",
                "kind": {"+": "Created", "~": "Changed", "-": "Deleted"}[version.history_type],
                "reason": version.history_change_reason or "",
                "changes": changes,
                "first": previous is None,
            }
        )
        previous = version
    return entries


class TimelineView(generic.InspectView):
    """The record's audit trail (replaces Wagtail's log-entry history for money models)."""

    template_name = "grants/timeline.html"
    page_title = "History"
    any_permission_required = ["view"]
    inspect_url_name = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["entries"] = list(reversed(timeline(self.object)))
        context["inspect_url"] = (
            reverse(self.inspect_url_name, args=(self.object.pk,)) if self.inspect_url_name else ""
        )
        return context

    def get_fields(self):
        return []


class LedgerViewSet(ModelViewSet):
    inspect_view_enabled = True
    copy_view_enabled = False
    history_view_class = TimelineView
    add_form_class = None

    def get_history_view_kwargs(self, **kwargs):
        return super().get_history_view_kwargs(
            inspect_url_name=self.get_url_name("inspect"), **kwargs
        )

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            form_class=self.add_form_class,
            panel=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            history_url_name=self.get_url_name("history"), **kwargs
        )


class LedgerInspectView(generic.InspectView):
    history_url_name = None
    extra_buttons = ()

    @cached_property
    def header_more_buttons(self):
        buttons = [
            Button(
                "History",
                url=reverse(self.history_url_name, args=(self.object.pk,)),
                icon_name="history",
                priority=30,
            )
        ]
        if getattr(self.object, "document", None):
            buttons.append(
                Button(
                    "Supporting document",
                    url=reverse(
                        "grants_document",
                        args=(self.object._meta.model_name, self.object.pk),
                    ),
                    icon_name="doc-full",
                    priority=40,
                )
            )
        return super().header_more_buttons + buttons

    @cached_property
    def header_buttons(self):
        # The next steps of the record's life (approve, pay, ...) sit in plain sight.
        return list(self.get_action_buttons())

    def get_action_buttons(self):
        return []

    def get_field_display_value(self, field_name, field):
        value = getattr(self.object, field_name, None)
        if isinstance(value, (dt.date, Decimal)) and field is not None:
            return _display(field, value, {})
        return super().get_field_display_value(field_name, field)

    def get_document_display_value(self):
        return "Attached (private)" if self.object.document else "—"


# --- award --------------------------------------------------------------------------------------


class AwardCreateView(OperationCreateView):
    def get_initial(self):
        initial = super().get_initial()
        # The administering agency is a site setting; it changes over the years.
        from wagtail.models import Site

        from cms.models import SiteSettings

        site = Site.find_for_request(self.request)
        if site:
            initial["administering_agency"] = SiteSettings.for_site(site).agency_name
        return initial

    def run_operation(self, data):
        return operations.create_award(actor=self.request.user, **data)


class AwardInspectView(LedgerInspectView):
    def get_action_buttons(self):
        yield HeaderButton(
            "Dashboard",
            url=reverse("grants_dashboard") + f"?award={self.object.pk}",
            icon_name="table",
        )
        yield HeaderButton(
            "Balances as of…",
            url=reverse("grants_balances") + f"?award={self.object.pk}",
            icon_name="date",
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fields"].append(
            {"label": "Required match", "value": f"${self.object.required_match:,.2f}"}
        )
        return context


class AwardViewSet(LedgerViewSet):
    model = Award
    icon = "doc-full-inverse"
    menu_label = "Awards"
    add_view_class = AwardCreateView
    inspect_view_class = AwardInspectView
    add_form_class = AwardForm
    list_display = [
        "federal_award_number",
        "federal_fiscal_year",
        "total_amount",
        "period_start",
        "period_end",
    ]
    form_fields = ["federal_award_number"]
    inspect_view_fields_exclude = ["id"]


# --- budget lines -------------------------------------------------------------------------------


class BudgetLineCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.add_budget_line(
            actor=self.request.user,
            award_id=data["award"].pk,
            category=data["category"],
            program=data["program"],
            description=data["description"],
            amount=data["amount"],
            reason=data["reason"],
        )


class BudgetLineInspectView(LedgerInspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        line = self.object
        for label, value in (
            ("Paid", line.paid()),
            ("Committed (submitted and approved)", line.committed()),
            ("Remaining", line.remaining()),
        ):
            context["fields"].append({"label": label, "value": f"${value:,.2f}"})
        return context


class BudgetLineViewSet(LedgerViewSet):
    model = BudgetLine
    icon = "list-ul"
    menu_label = "Budget lines"
    add_view_class = BudgetLineCreateView
    inspect_view_class = BudgetLineInspectView
    add_form_class = BudgetLineForm
    list_display = ["description", "category", "program", "amount", "award"]
    list_filter = ["award", "category"]
    form_fields = ["description"]
    inspect_view_fields_exclude = ["id"]


# --- budget revisions ---------------------------------------------------------------------------


class RevisionCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.request_revision(
            actor=self.request.user,
            award_id=data["to_line"].award_id,
            from_line_id=data["from_line"].pk if data["from_line"] else None,
            to_line_id=data["to_line"].pk,
            amount=data["amount"],
            reason=data["reason"],
        )


class RevisionInspectView(LedgerInspectView):
    def get_action_buttons(self):
        revision = self.object
        if revision.status == "requested" and permissions.can_decide_revision(self.request.user):
            for action in ("approve", "reject"):
                yield HeaderButton(
                    action.capitalize(),
                    url=reverse("grants_revision_action", args=(revision.pk, action)),
                    icon_name="check" if action == "approve" else "cross",
                )


class RevisionViewSet(LedgerViewSet):
    model = BudgetRevision
    icon = "resubmit"
    menu_label = "Budget revisions"
    add_view_class = RevisionCreateView
    inspect_view_class = RevisionInspectView
    add_form_class = RevisionForm
    list_display = ["__str__", "from_line", "to_line", "amount", "status", "requested_by"]
    list_filter = ["status", "award"]
    form_fields = ["reason"]
    inspect_view_fields_exclude = ["id"]


# --- draws --------------------------------------------------------------------------------------


class DrawCreateView(OperationCreateView):
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
    """Only drafts are edited; anything later is corrected by rejection or reversal."""

    inspect_url_name = None

    def dispatch(self, request, *args, **kwargs):
        draw = get_object_or_404(Draw, pk=kwargs["pk"])
        if draw.status != DrawStatus.DRAFT and permissions.can_request_draw(request.user):
            message = (
                "A paid draw is never edited; record a reversal instead."
                if draw.status == DrawStatus.PAID
                else f"Only draft draws can be edited; this one is {draw.get_status_display()}."
            )
            messages.error(request, message)
            return redirect(self.inspect_url_name, draw.pk)
        return super().dispatch(request, *args, **kwargs)

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


DRAW_ACTIONS = {
    # action: (label, operation, permission, statuses it applies to, needs a typed reason)
    "submit": ("Submit", operations.submit_draw, permissions.can_submit_draw, {"draft"}, False),
    "approve": (
        "Approve",
        operations.approve_draw,
        permissions.can_approve_draw,
        {"submitted"},
        False,
    ),
    "reject": (
        "Reject",
        operations.reject_draw,
        permissions.can_approve_draw,
        {"submitted", "approved"},
        True,
    ),
    "pay": ("Record payment", operations.pay_draw, permissions.can_pay_draw, {"approved"}, False),
    "reverse": ("Reverse", operations.reverse_draw, permissions.can_reverse_draw, {"paid"}, True),
}


def available_draw_actions(user, draw):
    if draw.is_reversal:
        return []
    return [
        name
        for name, (_label, _op, allowed, statuses, _r) in DRAW_ACTIONS.items()
        if draw.status in statuses and allowed(user)
    ]


class DrawInspectView(LedgerInspectView):
    def get_action_buttons(self):
        for name in available_draw_actions(self.request.user, self.object):
            yield HeaderButton(
                DRAW_ACTIONS[name][0],
                url=reverse("grants_draw_action", args=(self.object.pk, name)),
                icon_name="arrow-right",
            )

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
            "rejected_by",
            "rejected_at",
        ]


class DrawViewSet(LedgerViewSet):
    model = Draw
    icon = "form"
    menu_label = "Draws"
    add_view_class = DrawCreateView
    edit_view_class = DrawEditView
    inspect_view_class = DrawInspectView
    add_form_class = DrawForm
    list_display = ["__str__", "month", "line", "payee", "amount", "status"]
    list_filter = ["status", "line", "month"]
    form_fields = ["payee"]

    def get_edit_view_kwargs(self, **kwargs):
        return super().get_edit_view_kwargs(
            form_class=DraftDrawForm,
            panel=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )


# --- match --------------------------------------------------------------------------------------


class MatchCreateView(OperationCreateView):
    def run_operation(self, data):
        return operations.record_match(
            actor=self.request.user,
            award_id=data["award"].pk,
            contributed_on=data["contributed_on"],
            kind=data["kind"],
            description=data["description"],
            value=data["value"],
            hours=data["hours"] or None,
            hourly_rate=data["hourly_rate"],
            document=data["document"],
            reason=data["reason"],
        )


class MatchViewSet(LedgerViewSet):
    model = MatchContribution
    icon = "group"
    menu_label = "Match"
    add_view_class = MatchCreateView
    inspect_view_class = LedgerInspectView
    add_form_class = MatchForm
    list_display = ["contributed_on", "kind", "description", "value"]
    list_filter = ["kind", "award"]
    form_fields = ["description"]
    inspect_view_fields_exclude = ["id"]


# --- views outside the model viewsets -----------------------------------------------------------


class GrantsViewMixin(WagtailAdminTemplateMixin):
    """Any grants role may look; everyone else gets a 403."""

    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_view_grants(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    @cached_property
    def award(self):
        award_id = self.request.GET.get("award")
        queryset = Award.objects.all()
        if award_id:
            award = queryset.filter(pk=parse_id(award_id)).first()
            if award is None:
                raise Http404("No such award")
            return award
        return queryset.first()


class DashboardView(GrantsViewMixin, TemplateView):
    template_name = "grants/dashboard.html"
    page_title = "VOCA dashboard"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["awards"] = Award.objects.all()
        context["award"] = self.award
        if self.award:
            context["outlook"] = ledger.outlook(self.award)
            context["balances"] = context["outlook"].balances
        return context


class BalancesAsOfView(GrantsViewMixin, TemplateView):
    template_name = "grants/balances_as_of.html"
    page_title = "Balances as of a date"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET if "at" in self.request.GET else None
        initial = {"award": self.award} if self.award else {}
        form = AsOfForm(data, initial=initial)
        context["form"] = form
        if data is not None and form.is_valid():
            at = form.cleaned_data["at"]
            context["at"] = at
            context["balances"] = ledger.balances_as_of(form.cleaned_data["award"].pk, at)
            context["award"] = form.cleaned_data["award"]
        return context


class ActionView(GrantsViewMixin, FormView):
    """Confirm one step of a draw's or revision's life, with the reason for the audit trail."""

    template_name = "grants/action.html"
    form_class = ReasonForm

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(self.model, pk=kwargs["pk"])
        if kwargs["action"] not in self.actions:
            raise Http404("No such action")
        self.label, self.operation, self.allowed, self.reason_required = self.actions[
            kwargs["action"]
        ]

    def dispatch(self, request, *args, **kwargs):
        if not (permissions.can_view_grants(request.user) and self.allowed(request.user)):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.label}: {self.object}"

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        form.fields["reason"].required = self.reason_required
        if not self.reason_required:
            form.fields["reason"].help_text = "Optional note, kept in the audit trail."
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(object=self.object, label=self.label, back_url=self.back_url())
        return context

    def form_valid(self, form):
        reason = form.cleaned_data["reason"] or self.label
        try:
            self.operation(
                actor=self.request.user, **{self.id_kwarg: self.object.pk}, reason=reason
            )
        except ValidationError as error:
            add_operation_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.label}: done.")
        return redirect(self.back_url())


class DrawActionView(ActionView):
    model = Draw
    id_kwarg = "draw_id"
    actions = {name: (v[0], v[1], v[2], v[4]) for name, v in DRAW_ACTIONS.items()}

    def back_url(self):
        return reverse("grants_draws:inspect", args=(self.object.pk,))


class RevisionActionView(ActionView):
    model = BudgetRevision
    id_kwarg = "revision_id"
    actions = {
        "approve": ("Approve", operations.approve_revision, permissions.can_decide_revision, False),
        "reject": ("Reject", operations.reject_revision, permissions.can_decide_revision, True),
    }

    def back_url(self):
        return reverse("grants_revisions:inspect", args=(self.object.pk,))


DOCUMENT_MODELS = {"draw": Draw, "matchcontribution": MatchContribution}


def document_view(request, model_name, pk):
    """Supporting documents live in private storage and leave it only through this check."""
    model = DOCUMENT_MODELS.get(model_name)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    if not permissions.can_view_document(request.user, obj):
        raise PermissionDenied
    if not obj.document:
        raise Http404("No supporting document")
    response = FileResponse(
        obj.document.open("rb"),
        as_attachment=True,
        filename=obj.document.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response


class DashboardViewSet(ViewSet):
    name = "grants_dashboard_menu"
    menu_label = "Dashboard"
    icon = "table"

    def get_urlpatterns(self):
        return []  # the view's URL comes from admin_urls(); this only adds the menu item

    @property
    def menu_url(self):
        return reverse("grants_dashboard")

    @property
    def menu_item_class(self):
        from wagtail.admin.menu import MenuItem

        class GrantsMenuItem(MenuItem):
            def is_shown(self, request):
                return permissions.can_view_grants(request.user)

        return GrantsMenuItem


class BalancesViewSet(DashboardViewSet):
    name = "grants_balances_menu"
    menu_label = "Balances as of…"
    icon = "date"

    @property
    def menu_url(self):
        return reverse("grants_balances")


class GrantsViewSetGroup(ViewSetGroup):
    menu_label = "VOCA grant"
    menu_icon = "doc-full-inverse"
    menu_order = 300
    items = (
        DashboardViewSet(),
        BalancesViewSet(),
        AwardViewSet("grants_awards"),
        BudgetLineViewSet("grants_lines"),
        RevisionViewSet("grants_revisions"),
        DrawViewSet("grants_draws"),
        MatchViewSet("grants_match"),
    )


def admin_urls():
    return [
        path("grants/dashboard/", DashboardView.as_view(), name="grants_dashboard"),
        path("grants/balances/", BalancesAsOfView.as_view(), name="grants_balances"),
        path(
            "grants/draws/<int:pk>/<str:action>/",
            DrawActionView.as_view(),
            name="grants_draw_action",
        ),
        path(
            "grants/revisions/<int:pk>/<str:action>/",
            RevisionActionView.as_view(),
            name="grants_revision_action",
        ),
        path(
            "grants/documents/<str:model_name>/<int:pk>/",
            document_view,
            name="grants_document",
        ),
    ]
