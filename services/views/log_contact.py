"""Log a contact: the one fast-entry screen, with code lookup or a new client inline."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.functional import cached_property
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from services import operations, permissions
from services.forms import ContactForm, NewClientIdentifiersForm
from services.models import AccessLog
from services.views.common import (
    deny_unless,
    error_fields,
    hide_victim_input,
    log_read,
    show_refusals,
)
from voca.forms import apply_operation_errors
from voca.parsing import parse_id


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
        deny_unless(permissions.can_log_contacts(request.user))
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
        context["error_fields"] = error_fields(form, self.identifiers_form)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not (form.is_valid() & self.identifiers_form.is_valid()):
            # Some input did not parse: show it with every rule the rest breaks, all at once.
            refusals = operations.contact_refusals(
                actor=request.user,
                client_fields=self.client_fields(form),
                **form.contact_values(),
            )
            self.show_refusal(form, ValidationError(refusals) if refusals else None)
            return self.form_invalid(form)
        try:
            contact = self.save(form)
        except ValidationError as error:
            self.show_refusal(form, error)
            return self.form_invalid(form)
        if contact.client_id and form.cleaned_data["client_kind"] == ContactForm.CLIENT_RETURNING:
            log_read(request, contact.client, AccessLog.Action.LOOKUP)
        label = contact.client.code if contact.client_id else "an anonymous person"
        messages.success(
            request,
            f"Contact with {label} logged. Ready for the next one.",
        )
        new = "&new_client=1" if form.cleaned_data["client_kind"] == ContactForm.CLIENT_NEW else ""
        return redirect(reverse("services_log_contact") + f"?logged={contact.pk}{new}")

    def show_refusal(self, form, error):
        """The new client's identifier errors on their fieldset, the rest on the contact."""
        if error is None:
            return
        if not hasattr(error, "error_dict"):
            apply_operation_errors(form, error)
            return
        refusals = error.message_dict
        ids = self.identifiers_form
        show_refusals(ids, {k: v for k, v in refusals.items() if k in ids.fields})
        show_refusals(
            form,
            {k: v for k, v in refusals.items() if k not in ids.fields},
            form.operation_fields,
        )

    def client_fields(self, form) -> dict | None:
        """``create_client``'s arguments for a new client (None for a returning or anonymous)."""
        data = form.cleaned_data
        if data.get("client_kind") != ContactForm.CLIENT_NEW:
            return None
        ids = getattr(self.identifiers_form, "cleaned_data", {})
        return {
            "race_ethnicity": data.get("race_ethnicity"),
            "gender_identity": data.get("gender_identity"),
            "age_group": data.get("age_group"),
            "special_classifications": data.get("special_classifications") or [],
            "first_name": ids.get("first_name", ""),
            "phone": ids.get("phone", ""),
            "consent_given_on": ids.get("consent_given_on"),
            "consent_scope": ids.get("consent_scope", ""),
            "consent_expires_on": ids.get("consent_expires_on"),
        }

    def save(self, form):
        client_fields = self.client_fields(form)
        if client_fields is not None:
            return operations.register_client_and_log_contact(
                actor=self.request.user,
                client_fields=client_fields,
                contact_fields=form.contact_values(),
            )
        return operations.log_contact(actor=self.request.user, **form.contact_values())

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
                seen = permissions.visible_contacts(request.user, found.contacts.active())
                context["found_client_contacts"], context["found_client_last"] = seen.summary()
                context["may_renew_consent"] = permissions.can_change_client(request.user, found)
        logged = parse_id(request.GET.get("logged"))
        if logged is not None:
            context["just_logged"] = (
                permissions.visible_contacts(request.user).filter(pk=logged).first()
            )
            context["new_client"] = request.GET.get("new_client") == "1"
        return self.render_to_response(context)
