"""Pieces every ledger screen shares: forms that run an operation, the inspect page, the history.

Every form hands its values to one grants.operations function; nothing in this package saves a
money row itself. Delete is refused for everyone (see permissions.AppendOnlyPolicy); each record's
"History" is its django-simple-history timeline with field-by-field differences.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button, HeaderButton

from voca import formats
from voca.forms import apply_operation_errors
from voca.history import field_changes

from .. import permissions


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
            apply_operation_errors(form, error)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        return self.save_action()


class OperationCreateView(OperationFormMixin, generic.CreateView):
    inspect_url_name = None

    def get_success_url(self):
        return reverse(self.inspect_url_name, args=(self.object.pk,))


def display(field, value, cache):
    """A stored value as a person reads it: names for related rows, labels for choices."""
    if value is None or value == "":
        return formats.EMPTY
    if isinstance(value, dt.datetime):
        return formats.moment(value)
    if isinstance(value, dt.date):
        return formats.month(value) if getattr(field, "name", "") == "month" else formats.day(value)
    if isinstance(value, Decimal) and isinstance(field, models.DecimalField):
        return formats.money(value) if field.decimal_places == 2 else value
    if field is not None and field.is_relation:
        model = field.related_model
        key = (model, value)
        if key not in cache:
            obj = model._base_manager.filter(pk=value).first()
            if obj is None:
                cache[key] = f"#{value} (gone)"
            else:
                cache[key] = formats.person(obj) if hasattr(obj, "get_username") else str(obj)
        return cache[key]
    if field is not None and field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def timeline(obj) -> list[dict]:
    """Every saved version of ``obj``, oldest first, with who, when, why and what changed."""
    rows = obj.history.order_by("history_id").select_related("history_user")
    cache: dict = {}
    entries = []
    for version in field_changes(rows, hidden={"created_at"}):
        row = version.row
        entries.append(
            {
                "when": row.history_date,
                "who": formats.person(row.history_user),
                "kind": {"+": "Created", "~": "Changed", "-": "Deleted"}[row.history_type],
                "reason": row.history_change_reason or "",
                "changes": [
                    (
                        change.field.verbose_name,
                        None if version.first else display(change.field, change.old, cache),
                        display(change.field, change.new, cache),
                    )
                    for change in version.changes
                ],
                "first": version.first,
            }
        )
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


def step_buttons(steps, url_name: str, pk) -> list[HeaderButton]:
    """A header button for each step of a record's workflow its reader may take now, opening the
    step's page (``url_name`` takes the record's pk and the step's name). ``steps`` is the
    (step, decision) list of a ``steps_within_reach``: a step that would be refused is not offered;
    the page says why instead (``step_notes``)."""
    return [
        HeaderButton(step.label, url=reverse(url_name, args=(pk, step.name)), icon_name=step.icon)
        for step, decision in steps
        if decision
    ]


def step_notes(steps) -> list[str]:
    """Why the steps within reach cannot be taken now, each reason once, in order."""
    return list(dict.fromkeys(decision.reason for _step, decision in steps if not decision))


class LedgerInspectView(generic.InspectView):
    template_name = "grants/inspect.html"
    history_url_name = None
    step_url_name = None  # the action view of a record with a workflow (draws, revisions)

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

    @cached_property
    def steps(self):
        """(step, decision) for each step of the record's workflow within the user's reach."""
        if not self.step_url_name:
            return []
        return permissions.steps_within_reach(self.request.user, self.object)

    def get_action_buttons(self):
        # A step is offered only when taking it would succeed; otherwise the page says why.
        yield from step_buttons(self.steps, self.step_url_name, self.object.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["step_notes"] = step_notes(self.steps)
        return context

    def get_field_display_value(self, field_name, field):
        if hasattr(self, f"get_{field_name}_display_value"):
            return super().get_field_display_value(field_name, field)
        value = getattr(self.object, field_name, None)
        if value is None or value == "":
            return formats.EMPTY
        if isinstance(value, (dt.date, Decimal)) and field is not None:
            return display(field, value, {})
        if hasattr(value, "get_username"):
            return formats.person(value)
        return super().get_field_display_value(field_name, field)

    def get_document_display_value(self):
        # Linked where it is named, to the permission-checked download (never a storage URL).
        if not self.object.document:
            return formats.EMPTY
        if not permissions.can_view_document(self.request.user, self.object):
            return "Attached (private)"
        url = reverse("grants_document", args=(self.object._meta.model_name, self.object.pk))
        return format_html('<a href="{}">Download (private)</a>', url)
