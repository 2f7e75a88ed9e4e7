from django.apps import AppConfig
from wagtail.users.apps import WagtailUsersAppConfig


class VocaConfig(AppConfig):
    """Project wiring: roles across apps and the demo-content command. No domain logic."""

    default = True  # this module holds two app configs; "voca" in INSTALLED_APPS means this one
    name = "voca"
    verbose_name = "VOCA project"

    def ready(self):
        from django.core.checks import register

        from voca import wagtail_fixes
        from voca.accounts import connect_signals
        from voca.crypto import check_keys
        from voca.spreadsheet import escape_listing_exports

        register(check_keys)
        connect_signals()
        wagtail_fixes.apply()
        escape_listing_exports()


class StaffUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, where accounts are deactivated, never deleted, and roles are checked
    (voca.users)."""

    user_viewset = "voca.users.StaffUserViewSet"

    def ready(self):
        super().ready()
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_delete
        from wagtail.permissions import register_permission_policy

        from voca.user_deletion import StaffUserPermissionPolicy, refuse_user_delete

        User = get_user_model()
        register_permission_policy(User, StaffUserPermissionPolicy(User))
        pre_delete.connect(refuse_user_delete, sender=User, dispatch_uid="voca-no-user-delete")
