"""People: an agency director lists, adds and deactivates its own people and gives them agency
roles, without the state's administrator. Another organization's account answers 404.

Every decision is ``voca.permissions``'s, every write ``voca.people``'s; the forms only parse."""

from django import forms
from django.contrib import messages
from django.contrib.auth import password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse_lazy
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from organizations.access import organization_of
from voca import people, permissions, roles
from voca.forms import apply_operation_errors

BREADCRUMBS = [
    {"url": reverse_lazy("wagtailadmin_home"), "label": "Home"},
    {"url": reverse_lazy("voca_people"), "label": "People"},
]


class AgencyRolesField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        choices = [
            (name, f"{name} — {roles.role_description(name)}") for name in roles.AGENCY_ROLES
        ]
        super().__init__(choices=choices, required=False, label="Roles", **kwargs)


class AddPersonForm(forms.Form):
    username = forms.CharField(max_length=150)
    first_name = forms.CharField(max_length=150, required=False)
    last_name = forms.CharField(max_length=150, required=False)
    email = forms.EmailField(label="E-mail", required=False)
    groups = AgencyRolesField(help_text="Tick the one role the job needs.")
    password1 = forms.CharField(
        label="Temporary password",
        widget=forms.PasswordInput,
        required=False,
        strip=False,
        help_text="Leave empty to e-mail a link where they choose their own password.",
    )
    password2 = forms.CharField(
        label="Temporary password again", widget=forms.PasswordInput, required=False, strip=False
    )

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and first != second:
            self.add_error("password2", "The two passwords differ.")
        elif first:
            try:
                password_validation.validate_password(first)
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class EditPersonForm(forms.Form):
    groups = AgencyRolesField()
    is_active = forms.BooleanField(
        label="Active",
        required=False,
        help_text="Untick to deactivate: they can no longer sign in.",
    )


class PeopleMixin(WagtailAdminTemplateMixin):
    header_icon = "group"

    def dispatch(self, request, *args, **kwargs):
        if not permissions.can_manage_people(request.user):
            raise PermissionDenied
        self.organization = organization_of(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(organization=self.organization, **kwargs)


class PeopleIndexView(PeopleMixin, TemplateView):
    template_name = "voca/people/index.html"
    page_title = "People"

    def get_breadcrumbs_items(self):
        return [*BREADCRUMBS[:1], {"url": "", "label": "People"}]

    def get_context_data(self, **kwargs):
        rows = [
            (person, ", ".join(sorted(g.name for g in person.groups.all())) or "No role")
            for person in permissions.visible_people(self.request.user).prefetch_related("groups")
        ]
        return super().get_context_data(rows=rows, **kwargs)


class AddPersonView(PeopleMixin, FormView):
    template_name = "voca/people/form.html"
    page_title = "Add a person"
    form_class = AddPersonForm

    def get_breadcrumbs_items(self):
        return [*BREADCRUMBS, {"url": "", "label": "Add a person"}]

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            person = people.add_person(
                self.request.user,
                organization=self.organization,
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                roles=data["groups"],
                password=data["password1"],
            )
        except ValidationError as error:
            apply_operation_errors(form, error)
            return self.form_invalid(form)
        how = (
            "They choose their own password at first sign-in."
            if data["password1"]
            else f"A link to choose a password was e-mailed to {person.email}."
        )
        messages.success(self.request, f"{person.get_username()} was added. {how}")
        return redirect("voca_people")


class EditPersonView(PeopleMixin, FormView):
    template_name = "voca/people/form.html"
    form_class = EditPersonForm

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(permissions.visible_people(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"{self.person.get_full_name() or self.person.get_username()}"

    def get_breadcrumbs_items(self):
        return [*BREADCRUMBS, {"url": "", "label": self.get_page_title()}]

    def get_initial(self):
        return {
            "groups": list(self.person.groups.values_list("name", flat=True)),
            "is_active": self.person.is_active,
        }

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        allowed, reason = permissions.can_change_roles(self.request.user, self.person)
        if not allowed:
            form.fields["groups"].disabled = True
            form.fields["groups"].help_text = reason
        allowed, reason = permissions.can_deactivate(self.request.user, self.person)
        if not allowed:
            form.fields["is_active"].disabled = True
            form.fields["is_active"].help_text = reason
        return form

    def get_context_data(self, **kwargs):
        return super().get_context_data(person=self.person, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            if not form.fields["groups"].disabled:
                people.set_roles(self.request.user, self.person, data["groups"])
            if not form.fields["is_active"].disabled and data["is_active"] != self.person.is_active:
                people.set_active(self.request.user, self.person, data["is_active"])
        except ValidationError as error:
            apply_operation_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{self.person.get_username()} was saved.")
        return redirect("voca_people")


def admin_urls():
    return [
        path("people/", PeopleIndexView.as_view(), name="voca_people"),
        path("people/new/", AddPersonView.as_view(), name="voca_people_add"),
        path("people/<int:pk>/", EditPersonView.as_view(), name="voca_people_edit"),
    ]
