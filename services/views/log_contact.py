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
from services.views.common import deny_unless, error_fields, hide_victim_input, log_read
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
        context["returning_client"] = getattr(form, "client", None)
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not (form.is_valid() & self.identifiers_form.is_valid()):
            return self.form_invalid(form)
        try:
            contact = self.save(form)
        except ValidationError as error:
            self.show_refusal(form, error)
            return self.form_invalid(form)
        label = contact.client.code if contact.client_id else "an anonymous person"
        messages.success(
            request,
            f"Contact with {label} logged. Ready for the next one.",
        )
        new = "&new_client=1" if form.cleaned_data["client_kind"] == ContactForm.CLIENT_NEW else ""
        return redirect(reverse("services_log_contact") + f"?logged={contact.pk}{new}")

    def show_refusal(self, form, error):
        """The new client's identifier errors on their fieldset, the rest on the contact."""
        by_field = getattr(error, "error_dict", {})
        identifiers = {k: v for k, v in by_field.items() if k in self.identifiers_form.fields}
        rest = {k: v for k, v in by_field.items() if k not in identifiers}
        if identifiers:
            apply_operation_errors(self.identifiers_form, ValidationError(identifiers))
        if rest or not by_field:
            apply_operation_errors(
                form, ValidationError(rest) if by_field else error, form.operation_fields
            )

    def save(self, form):
        user = self.request.user
        data = form.cleaned_data
        if data["client_kind"] == ContactForm.CLIENT_NEW:
            ids = self.identifiers_form.cleaned_data
            return operations.register_client_and_log_contact(
                actor=user,
                client_fields={
                    "race_ethnicity": data.get("race_ethnicity"),
                    "gender_identity": data.get("gender_identity"),
                    "age_group": data.get("age_group"),
                    "special_classifications": data.get("special_classifications") or [],
                    "first_name": ids.get("first_name", ""),
                    "phone": ids.get("phone", ""),
                    "consent_given_on": ids.get("consent_given_on"),
                    "consent_scope": ids.get("consent_scope", ""),
                    "consent_expires_on": ids.get("consent_expires_on"),
                },
                contact_fields=form.contact_values(),
            )
        if form.client is not None:
            log_read(self.request, form.client, AccessLog.Action.LOOKUP)
        return operations.log_contact(actor=user, client=form.client, **form.contact_values())

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
        logged = parse_id(request.GET.get("logged"))
        if logged is not None:
            context["just_logged"] = (
                permissions.visible_contacts(request.user).filter(pk=logged).first()
            )
            context["new_client"] = request.GET.get("new_client") == "1"
        return self.render_to_response(context)
