"""One contact or client: inspect, edit through its operation, void; never add here or delete."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from services import operations, permissions
from services.forms import ClientForm, ContactEditForm, ContactForm, VoidForm
from services.models import CONFIDENTIAL_CONTACT_FIELDS, AccessLog, Client
from services.views.common import (
    RecordMixin,
    deny_unless,
    error_fields,
    hide_victim_input,
    log_read,
    show_refusals,
)
from voca.clock import local_today
from voca.crypto import UNREADABLE_MESSAGE, unreadable_fields
from voca.forms import apply_operation_errors


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
            show_identifiers=permissions.can_see_identifiers(user),
            unreadable_message=UNREADABLE_MESSAGE if unreadable_fields(self.object) else "",
            can_change=permissions.can_change_contact(user, self.object),
            can_void=permissions.can_void(user) and not self.object.voided,
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
    can_change = staticmethod(permissions.can_change_contact)
    inspect_url_name = "services_contact:inspect"

    def dispatch(self, request, *args, pk=None, **kwargs):
        self.object = self.load_record(request, pk)
        deny_unless(type(self).can_change(request.user, self.object))
        if request.method == "GET":
            log_read(request, self.object, self.access_action)
        if unreadable_fields(self.object):
            # Saving the form would write the refusal over the values this server cannot open.
            messages.error(
                request, f"{UNREADABLE_MESSAGE} It cannot be edited until that key is restored."
            )
            return redirect(self.inspect_url_name, self.object.pk)
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_subtitle(self):
        return str(self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        context["error_fields"] = error_fields(context["form"])
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
            apply_operation_errors(form, error, getattr(form, "operation_fields", None))
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

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            return self.form_valid(form)
        # Some input did not parse: show it with every rule the rest breaks, all at once.
        show_refusals(
            form,
            operations.contact_refusals(actor=request.user, **self.values(form)),
            form.operation_fields,
        )
        return self.form_invalid(form)

    def values(self, form) -> dict:
        values = form.contact_values()
        if form.cleaned_data.get("client_kind") != ContactForm.CLIENT_RETURNING:
            values["client"] = None
        return values

    def save(self, form):
        data = form.cleaned_data
        values = self.values(form)
        operations.update_contact(
            self.object.pk,
            actor=self.request.user,
            version=data["version"],
            reason=data.get("reason", ""),
            **values,
        )


@hide_victim_input
class VoidContactView(RecordMixin, View):
    def post(self, request, pk):
        contact = self.load_record(request, pk)
        deny_unless(permissions.can_void(request.user))
        form = VoidForm(request.POST)
        if form.is_valid():
            try:
                operations.void_contact(
                    contact.pk, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{contact} voided. It stays on record and in history.")
        else:
            messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("services_contact:inspect", contact.pk)


class NoDeleteView(View):
    """Nobody deletes a confidential record: supervisors void contacts instead."""

    def dispatch(self, request, *args, **kwargs):
        return HttpResponseNotAllowed([], "Records here are never deleted; a supervisor voids.")


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
        identifier_fields = permissions.visible_client_fields(user, client)
        context.update(
            object=client,
            client=client,
            show_identifiers=permissions.can_see_identifiers(user),
            identifier_fields=identifier_fields,
            # Staff who would see them with consent in force are told why they do not.
            hidden_by_consent=permissions.can_see_identifiers(user) and not identifier_fields,
            unreadable_message=UNREADABLE_MESSAGE if unreadable_fields(client) else "",
            # The list shows no encrypted field: none is loaded or decrypted.
            contacts=permissions.visible_contacts(user, client.contacts.all())
            .select_related("staff", "service_day")
            .defer(*CONFIDENTIAL_CONTACT_FIELDS, "void_reason"),
            can_log=permissions.can_log_contacts(user),
            special_classifications=client.special_classifications.all(),
        )
        return context


@hide_victim_input
class ClientEditView(ClientRecordMixin, RecordEditView):
    """Identifiers (only with consent) and demographics of a client."""

    template_name = "services/client_edit.html"
    page_title = "Edit client"
    header_icon = "user"
    can_change = staticmethod(permissions.can_change_client)
    inspect_url_name = "services_client:inspect"

    def get_form(self, form_class=None):
        kwargs = self.get_form_kwargs()
        kwargs.pop("initial", None)
        shown = permissions.visible_client_fields(self.request.user, self.object)
        return ClientForm(
            **kwargs, client=self.object, hidden=permissions.CLIENT_IDENTIFIER_FIELDS - shown
        )

    def save(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        reason = data.pop("reason", "")
        operations.update_client(
            self.object.pk, actor=self.request.user, version=version, reason=reason, **data
        )


class AddRedirectView(View):
    """New contacts and clients are entered on the fast-entry screen."""

    def dispatch(self, request, *args, **kwargs):
        deny_unless(permissions.can_log_contacts(request.user))
        return redirect("services_log_contact")
