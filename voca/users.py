"""Staff accounts in Wagtail's Settings -> Users: deactivated, never deleted, so every history row
keeps the name behind it; roles described and checked for segregation of duties; a password an
administrator sets is changed by its holder at first sign-in."""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.forms import UserCreationForm, UserEditForm
from wagtail.users.views import users as user_views
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

from voca import passwords, permissions, roles

DEACTIVATE_INSTEAD = "Staff accounts are never deleted: deactivate the account instead."


class StaffUserPermissionPolicy(ModelPermissionPolicy):
    """Nobody, superusers included, may delete a user through the admin."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - {"delete"})

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - {"delete"})


class NoDeleteUsersBulkAction(DeleteBulkAction):
    """Replaces Wagtail's bulk "Delete" for users with a refusal."""

    def check_perm(self, obj):
        return False

    @classmethod
    def execute_action(cls, objects, model=None, **kwargs):
        raise PermissionDenied(DEACTIVATE_INSTEAD)


def refuse_user_delete(sender, instance, **kwargs):
    raise PermissionDenied(DEACTIVATE_INSTEAD)


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
            if self.actor.is_superuser:
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

    def clean_groups(self):
        chosen = self.cleaned_data["groups"]
        if self.fields["groups"].disabled:
            return chosen  # unchanged by this form
        breaches = roles.separation_breaches(group.name for group in chosen)
        if breaches:
            raise ValidationError(breaches)
        return chosen


class StaffUserCreationForm(StaffAccountFormMixin, UserCreationForm):
    pass


class StaffUserEditForm(StaffAccountFormMixin, UserEditForm):
    pass


class StaffAccountViewMixin:
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def save_instance(self):
        person = super().save_instance()
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
