"""Staff accounts in Wagtail's Settings -> Users: deactivated, never deleted, so every history row
keeps the name behind it; roles described and checked for segregation of duties; a password an
administrator sets is changed by its holder at first sign-in."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from wagtail.admin.ui.components import Component
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as user_views

from organizations.models import Organization
from voca import passwords, people, permissions, roles
from voca.user_deletion import (  # noqa: F401 - where Wagtail and the tests find them
    DEACTIVATE_INSTEAD,
    NoDeleteUsersBulkAction,
    StaffUserPermissionPolicy,
    refuse_user_delete,
)


# --- Settings -> Users: the Roles tab ------------------------------------------------------------
class RoleChoiceField(forms.ModelMultipleChoiceField):
    """The roles as checkboxes, each with what the role is for beside it (voca/roles.py)."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, group):
        description = roles.role_description(group.name)
        return f"{group.name} — {description}" if description else group.name


class StaffAccountFormMixin:
    """Who edits decides what the form offers: only a superuser makes a superuser, nobody changes
    their own roles (voca.permissions), and roles that break segregation of duties are refused."""

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        groups = self.fields["groups"]
        self.fields["groups"] = RoleChoiceField(
            queryset=groups.queryset.order_by("name"),
            required=False,
            label="Roles",
            help_text="Tick the one role the job needs.",
        )
        if "is_superuser" in self.fields:
            if permissions.can_grant_superuser(self.actor):
                self.fields["is_superuser"].label = "Superuser"
                self.fields[
                    "is_superuser"
                ].help_text = "Full access to everything, client records included."
            else:
                del self.fields["is_superuser"]
        allowed, reason = permissions.can_change_roles(self.actor, self.instance)
        if not allowed:
            self.fields["groups"].disabled = True
            self.fields["groups"].help_text = reason

    def chosen_organization(self):
        return None  # an existing account keeps its organization

    def clean(self):
        data = super().clean()
        chosen = data.get("groups")
        if chosen is None or self.fields["groups"].disabled:
            return data  # unchanged by this form
        refusals = permissions.role_refusals(
            self.instance, [g.name for g in chosen], organization=self.chosen_organization()
        )
        if refusals:
            self.add_error("groups", refusals)
        return data


class StaffUserCreationForm(StaffAccountFormMixin, UserCreationForm):
    """A new account: the administrator chooses whose it is (the unit, or a subrecipient whose
    first director they are adding); the roles offered must fit it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"] = forms.ModelChoiceField(
            queryset=Organization.objects.filter(is_active=True).order_by("kind", "legal_name"),
            initial=Organization.objects.the_unit(),
            required=False,  # left out: the unit
            empty_label=None,
            label="Works for",
            help_text="The unit, or the subrecipient agency whose person this is (its people "
            "hold agency roles only and see only its records).",
        )

    def clean_organization(self):
        return self.cleaned_data.get("organization") or Organization.objects.the_unit()

    def chosen_organization(self):
        return self.cleaned_data.get("organization")


class StaffUserEditForm(StaffAccountFormMixin, UserEditForm):
    pass


class StaffAccountViewMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self):
        person = super().save_instance()
        organization = self.form.cleaned_data.get("organization")
        if organization is not None:
            people.join_organization(person, organization, actor=self.request.user)
        if self.form.cleaned_data.get("password1") and person != self.request.user:
            passwords.require_password_change(person, actor=self.request.user)
        return person


class StaffUserCreateView(StaffAccountViewMixin, user_views.CreateView):
    pass


class StaffUserEditView(StaffAccountViewMixin, user_views.EditView):
    def dispatch(self, request, *args, **kwargs):
        allowed, reason = permissions.can_change_account(request.user, self.object)
        if not allowed:
            raise PermissionDenied(reason)
        return super().dispatch(request, *args, **kwargs)


class StaffUserIndexView(user_views.IndexView):
    def get_edit_url(self, instance):
        # A row links to the account's form only for those who may change that account.
        if permissions.can_change_account(self.request.user, instance):
            return super().get_edit_url(instance)
        return None


class StaffUserViewSet(user_views.UserViewSet):
    """Wagtail's Settings -> Users with the forms above (StaffUsersConfig names it)."""

    index_view_class = StaffUserIndexView
    add_view_class = StaffUserCreateView
    edit_view_class = StaffUserEditView
    # A new person's roles are chosen on the Roles tab, never copied from someone else's account.
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm


class AccountsPanel(Component):
    """The administrator's home: staff accounts at a glance, with the way to add one. Counts of
    accounts only; nothing about clients or money."""

    name = "voca_accounts"
    template_name = "voca/accounts_panel.html"
    order = 40

    def get_context_data(self, parent_context):
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from voca.models import TemporaryPassword

        active = get_user_model().objects.filter(is_active=True)
        return {
            "active": active.count(),
            "temporary": TemporaryPassword.objects.filter(user__is_active=True).count(),
            "no_authenticator": active.exclude(
                pk__in=TOTPDevice.objects.filter(confirmed=True).values("user_id")
            ).count(),
            "deactivated": get_user_model().objects.filter(is_active=False).count(),
        }
