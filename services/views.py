"""Admin views for confidential records. Each asks services.permissions for rows and writes
through services.operations; every read of a record is access-logged."""

import datetime
import ipaddress

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.views import View
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView, TemplateView
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.chooser import (
    ChooseResultsView,
    ChooseView,
    ChosenView,
)

from services import operations, permissions
from services.forms import (
    ClientForm,
    ContactEditForm,
    ContactForm,
    NewClientIdentifiersForm,
    VoidForm,
)
from services.models import AccessLog, Client, Contact
from voca.clock import local_today
from voca.parsing import parse_id

# Error reports (500 e-mails, debug pages) never show what was typed about a victim.
hide_victim_input = method_decorator(
    sensitive_post_parameters(
        "notes",
        "referrals",
        "client_code",
        "first_name",
        "phone",
        "consent_scope",
        "id-first_name",
        "id-phone",
        "id-consent_scope",
        "reason",
    ),
    name="dispatch",
)

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def client_ip(request) -> str | None:
    """The reader's address for the access log.

    REMOTE_ADDR by default: a forwarded-for header is set by the client and proves nothing. Behind
    a proxy that overwrites one header (e.g. nginx's X-Real-IP), name it in the setting
    ``ACCESS_LOG_IP_HEADER`` (e.g. "HTTP_X_REAL_IP").
    """
    header = getattr(settings, "ACCESS_LOG_IP_HEADER", None)
    value = (request.META.get(header) if header else None) or request.META.get("REMOTE_ADDR")
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def log_read(request, record, action, detail=""):
    operations.record_access(
        user=request.user,
        record=record,
        action=action,
        ip_address=client_ip(request),
        detail=detail,
    )


def escape_formula(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _deny_unless(condition):
    if not condition:
        raise PermissionDenied


# --- Fast entry --------------------------------------------------------------------------------


@hide_victim_input
class LogContactView(WagtailAdminTemplateMixin, FormView):
    """One screen: today, my service day and me filled in; code lookup or a new client inline."""

    template_name = "services/log_contact.html"
    page_title = "Log a contact"
    header_icon = "clipboard-list"
    form_class = ContactForm
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": "Home"},
        {"url": "", "label": "Log a contact"},
    ]

    def dispatch(self, request, *args, **kwargs):
        _deny_unless(permissions.may_log_contacts(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        if self.request.method == "GET" and self.request.GET.get("client"):
            kwargs["initial"] = {
                "client_kind": ContactForm.CLIENT_RETURNING,
                "client_code": self.request.GET["client"][:20],
            }
        return kwargs

    @cached_property
    def identifiers_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return NewClientIdentifiersForm(data, prefix="id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["identifiers_form"] = self.identifiers_form
        context["error_fields"] = [
            (name, form.fields[name].label if name in form.fields else "", errors)
            for name, errors in form.errors.items()
        ] + [
            (f"id-{name}", self.identifiers_form.fields[name].label, errors)
            for name, errors in self.identifiers_form.errors.items()
        ]
        context["returning_client"] = getattr(form, "client", None)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not (form.is_valid() & self.identifiers_form.is_valid()):
            return self.form_invalid(form)
        try:
            with transaction.atomic():
                contact = self.save(form)
        except ValidationError as error:
            if getattr(error, "error_dict", None) and set(error.error_dict) & set(
                self.identifiers_form.fields
            ):
                for name, errs in error.error_dict.items():
                    target = name if name in self.identifiers_form.fields else None
                    self.identifiers_form.add_error(target, errs)
            else:
                form.add_operation_error(error)
            return self.form_invalid(form)
        label = contact.client.code if contact.client_id else "an anonymous person"
        messages.success(
            request,
            f"Contact with {label} logged. Ready for the next one.",
        )
        return redirect(reverse("services_log_contact") + f"?logged={contact.pk}")

    def save(self, form):
        user = self.request.user
        client = form.client
        if form.cleaned_data["client_kind"] == ContactForm.CLIENT_NEW:
            ids = self.identifiers_form.cleaned_data
            client = operations.create_client(
                by=user,
                race_ethnicity=form.cleaned_data.get("race_ethnicity"),
                gender_identity=form.cleaned_data.get("gender_identity"),
                age_group=form.cleaned_data.get("age_group"),
                special_classifications=form.cleaned_data.get("special_classifications") or [],
                first_name=ids.get("first_name", ""),
                phone=ids.get("phone", ""),
                consent_given_on=ids.get("consent_given_on"),
                consent_scope=ids.get("consent_scope", ""),
                consent_expires_on=ids.get("consent_expires_on"),
            )
        elif client is not None:
            log_read(self.request, client, AccessLog.Action.LOOKUP)
        values = form.contact_values()
        return operations.log_contact(by=user, client=client, **values)

    def get_initial(self):
        return {}

    def get(self, request, *args, **kwargs):
        context = self.get_context_data()
        code = request.GET.get("client", "").strip()
        if code:
            found = operations.find_client(request.user, code)
            context["lookup_code"] = code[:20]
            context["found_client"] = found
            if found is not None:
                log_read(request, found, AccessLog.Action.LOOKUP)
                context["found_client_contacts"] = permissions.visible_contacts(
                    request.user, found.contacts.active()
                ).count()
                context["found_client_last"] = (
                    found.contacts.active().order_by("-date").values_list("date", flat=True).first()
                )
        logged = parse_id(request.GET.get("logged"))
        if logged is not None:
            context["just_logged"] = (
                permissions.visible_contacts(request.user).filter(pk=logged).first()
            )
        return self.render_to_response(context)


# --- Contacts (viewset views) ------------------------------------------------------------------


class ServicesIndexMixin:
    """Rows from the policy, 403 for roles without client-level data, exports logged."""

    row_filter = None

    def dispatch(self, request, *args, **kwargs):
        _deny_unless(permissions.sees_client_level_data(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return type(self).row_filter(self.request.user, super().get_base_queryset())

    def get_edit_url(self, instance):
        # Rows open on their record page, which offers "Edit" only where the policy allows.
        return None

    def as_spreadsheet(self, queryset, spreadsheet_format):
        log_read(
            self.request,
            self.model,
            AccessLog.Action.EXPORT,
            detail=f"{queryset.count()} rows as {spreadsheet_format}",
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        return escape_formula(super().preprocess_field_value(field, value, export_format))


class ContactIndexView(ServicesIndexMixin, generic.IndexView):
    row_filter = staticmethod(permissions.visible_contacts)

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("client", "staff", "service_day")
            .prefetch_related("contact_services__service")
        )


class ClientIndexView(ServicesIndexMixin, generic.IndexView):
    row_filter = staticmethod(permissions.visible_clients)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("age_group", "gender_identity")


class RecordMixin:
    """Load the row through the policy: an unknown or forbidden row is a 404, never data."""

    record_model = Contact
    visible = staticmethod(permissions.visible_contacts)
    access_action = AccessLog.Action.INSPECT

    listing_url_name = "services_contact:index"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_home"), "label": "Home"},
            {
                "url": reverse(self.listing_url_name),
                "label": self.record_model._meta.verbose_name_plural.capitalize(),
            },
            {"url": "", "label": self.get_page_title(), "sublabel": str(self.object)},
        ]

    def load_record(self, request, pk):
        _deny_unless(permissions.sees_client_level_data(request.user))
        try:
            return type(self).visible(request.user).get(pk=int(pk))
        except (ValueError, self.record_model.DoesNotExist) as missing:
            raise Http404 from missing


class ContactInspectView(RecordMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "services/contact_inspect.html"
    page_title = "Contact"
    header_icon = "clipboard-list"
    index_url_name = edit_url_name = history_url_name = None

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = None

    def get(self, request, pk):
        self.object = self.load_record(request, pk)
        log_read(request, self.object, self.access_action)
        return super().get(request)

    def get_page_subtitle(self):
        return str(self.object) if self.object else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            object=self.object,
            contact=self.object,
            show_identifiers=permissions.sees_identifiers(user),
            can_change=permissions.may_change_contact(user, self.object),
            can_void=permissions.may_void(user) and not self.object.voided,
            void_form=VoidForm(),
            services=self.object.contact_services.select_related("service"),
            victimizations=self.object.victimizations.all(),
        )
        return context


class RecordEditView(RecordMixin, WagtailAdminTemplateMixin, FormView):
    """Edit a record through its operation: the read is logged, a stale form or a refusal is
    shown on the form, and a saved record goes back to its inspect page."""

    access_action = AccessLog.Action.EDIT
    index_url_name = edit_url_name = history_url_name = None
    may_change = staticmethod(permissions.may_change_contact)
    inspect_url_name = "services_contact:inspect"

    def dispatch(self, request, *args, pk=None, **kwargs):
        self.object = self.load_record(request, pk)
        _deny_unless(type(self).may_change(request.user, self.object))
        if request.method == "GET":
            log_read(request, self.object, self.access_action)
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context["object"] = self.object
        context["error_fields"] = [
            (name, form.fields[name].label if name in form.fields else "", errors)
            for name, errors in form.errors.items()
        ]
        return context

    def save(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        try:
            self.save(form)
        except operations.EditConflict as conflict:
            form.add_error(None, conflict)
            return self.form_invalid(form)
        except ValidationError as error:
            form.add_operation_error(error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.object} saved.")
        return redirect(self.inspect_url_name, self.object.pk)


@hide_victim_input
class ContactEditView(RecordEditView):
    template_name = "services/contact_edit.html"
    page_title = "Edit contact"
    header_icon = "clipboard-list"

    def get_form(self, form_class=None):
        return ContactEditForm(
            **{**self.get_form_kwargs(), "initial": {}},
            user=self.request.user,
            contact=self.object,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["late_edit"] = self.object.date < local_today()
        return context

    def save(self, form):
        data = form.cleaned_data
        values = form.contact_values()
        values["client"] = (
            form.client if data["client_kind"] == ContactForm.CLIENT_RETURNING else None
        )
        operations.update_contact(
            self.object.pk,
            by=self.request.user,
            version=data["version"],
            reason=data.get("reason", ""),
            **values,
        )


@hide_victim_input
class VoidContactView(RecordMixin, View):
    def post(self, request, pk):
        contact = self.load_record(request, pk)
        _deny_unless(permissions.may_void(request.user))
        form = VoidForm(request.POST)
        if form.is_valid():
            try:
                operations.void_contact(
                    contact.pk, by=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{contact} voided. It stays on record and in history.")
        else:
            messages.error(request, "Say why this contact is voided.")
        return redirect("services_contact:inspect", contact.pk)


class HistoryView(RecordMixin, WagtailAdminTemplateMixin, TemplateView):
    """simple-history rows: who, when, what changed, why. Values of names and notes never kept."""

    template_name = "services/history.html"
    page_title = "History"
    header_icon = "history"
    access_action = AccessLog.Action.HISTORY
    index_url_name = edit_url_name = history_url_name = None
    hidden_fields = {"first_name", "phone", "notes", "referrals", "consent_scope"}
    bookkeeping_fields = {"id", "version", "created_at", "updated_at"}

    def get(self, request, pk):
        self.object = self.load_record(request, pk)
        log_read(request, self.object, self.access_action)
        return super().get(request)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(self.object.history.select_related("history_user").order_by("-history_id"))
        entries = []
        for index, row in enumerate(rows):
            older = rows[index + 1] if index + 1 < len(rows) else None
            changes = []
            if older is not None:
                for f in row.tracked_fields:
                    if f.name in self.hidden_fields or f.name in self.bookkeeping_fields:
                        continue
                    old, new = getattr(older, f.attname), getattr(row, f.attname)
                    if old != new:
                        if f.is_relation:
                            old, new = getattr(older, f.name), getattr(row, f.name)
                        changes.append((f.name.replace("_", " "), old, new))
            entries.append({"row": row, "changes": changes})
        context.update(object=self.object, entries=entries)
        return context


class NoDeleteView(View):
    """Nobody deletes a confidential record: supervisors void contacts instead."""

    def dispatch(self, request, *args, **kwargs):
        return HttpResponseNotAllowed([], "Records here are never deleted; a supervisor voids.")


# --- Clients -----------------------------------------------------------------------------------


class ClientRecordMixin(RecordMixin):
    record_model = Client
    listing_url_name = "services_client:index"
    visible = staticmethod(permissions.visible_clients)


class ClientInspectView(ClientRecordMixin, ContactInspectView):
    template_name = "services/client_inspect.html"
    page_title = "Client"
    header_icon = "user"

    def get_context_data(self, **kwargs):
        context = WagtailAdminTemplateMixin.get_context_data(self, **kwargs)
        user = self.request.user
        client = self.object
        context.update(
            object=client,
            client=client,
            show_identifiers=permissions.sees_identifiers(user),
            contacts=permissions.visible_contacts(user, client.contacts.all()).select_related(
                "staff", "service_day"
            ),
            may_log=permissions.may_log_contacts(user),
            special_classifications=client.special_classifications.all(),
        )
        return context


class ClientHistoryView(ClientRecordMixin, HistoryView):
    pass


@hide_victim_input
class ClientEditView(ClientRecordMixin, RecordEditView):
    """Identifiers (only with consent) and demographics of a client."""

    template_name = "services/client_edit.html"
    page_title = "Edit client"
    header_icon = "user"
    may_change = staticmethod(permissions.may_change_client)
    inspect_url_name = "services_client:inspect"

    def get_form(self, form_class=None):
        kwargs = self.get_form_kwargs()
        kwargs.pop("initial", None)
        return ClientForm(**kwargs, client=self.object)

    def save(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        reason = data.pop("reason", "")
        operations.update_client(
            self.object.pk, by=self.request.user, version=version, reason=reason, **data
        )


class AddRedirectView(View):
    """New contacts and clients are entered on the fast-entry screen."""

    def dispatch(self, request, *args, **kwargs):
        _deny_unless(permissions.may_log_contacts(request.user))
        return redirect("services_log_contact")


# --- Service day staffing


class StaffingView(WagtailAdminTemplateMixin, TemplateView):
    """Supervisors say who works which service day (internal; the public sees roles only)."""

    template_name = "services/staffing.html"
    page_title = "Service day staffing"
    header_icon = "calendar-check"
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": "Home"},
        {"url": "", "label": "Service day staffing"},
    ]

    def dispatch(self, request, *args, **kwargs):
        _deny_unless(permissions.is_supervisor(request.user))
        return super().dispatch(request, *args, **kwargs)

    def staff_choices(self):
        from django.contrib.auth import get_user_model

        from voca.roles import FIELD_STAFF, SUPERVISOR

        return (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[*FIELD_STAFF, SUPERVISOR])
            .distinct()
            .order_by("first_name", "username")
        )

    def days(self):
        from events.models import ServiceDayPage

        today = local_today()
        return (
            ServiceDayPage.objects.filter(
                date__gte=today - datetime.timedelta(days=14),
                date__lte=today + datetime.timedelta(days=120),
            )
            .select_related("location")
            .prefetch_related("staff_assignments")
            .order_by("date", "start_time")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = list(self.staff_choices())
        context["rows"] = [
            {
                "day": day,
                "assigned": {a.user_id for a in day.staff_assignments.all()},
            }
            for day in self.days()
        ]
        context["staff"] = staff
        return context

    def post(self, request):
        day_id = parse_id(request.POST.get("service_day"))
        staff_ids = [parse_id(value) for value in request.POST.getlist("staff")]
        if day_id is None or None in staff_ids:
            messages.error(request, "Choose a service day and staff from the lists; nothing saved.")
            return self.render_to_response(self.get_context_data(), status=400)
        day = get_object_or_404(self.days(), pk=day_id)
        chosen = self.staff_choices().filter(pk__in=staff_ids)
        added, removed = operations.set_staffing(by=request.user, service_day=day, users=chosen)
        messages.success(request, f"{day.title}: {added} added, {removed} removed.")
        return redirect("services_staffing")


# --- Client chooser -----------------------------------------------------------------------------


class ClientChooserMixin:
    def dispatch(self, request, *args, **kwargs):
        _deny_unless(permissions.sees_client_level_data(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return permissions.visible_clients(self.request.user).order_by("code")

    # One client per choice: ?multiple= would ask for a chosen-multiple URL this chooser lacks.
    is_multiple_choice = False

    @property
    def columns(self):
        return [
            self.title_column,
            Column("age_group", label="Age group"),
            DateColumn("created_at", label="Registered"),
        ]


class ClientChooseView(ClientChooserMixin, ChooseView):
    pass


class ClientChooseResultsView(ClientChooserMixin, ChooseResultsView):
    pass


class ClientChosenView(ClientChooserMixin, ChosenView):
    def get_object(self, pk):
        client = get_object_or_404(permissions.visible_clients(self.request.user), pk=pk)
        log_read(self.request, client, AccessLog.Action.LOOKUP, detail="chooser")
        return client


# --- Access log ---------------------------------------------------------------------------------


class AccessLogIndexView(generic.IndexView):
    def dispatch(self, request, *args, **kwargs):
        _deny_unless(permissions.may_review_access_log(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return permissions.visible_access_log(
            self.request.user, super().get_base_queryset()
        ).select_related("user")
