"""Staff accounts are never deleted, superusers included: deactivated, so every history row keeps
the name behind it (used by Wagtail's user admin, ``voca.users``, and its app config)."""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.users.views.bulk_actions.delete import DeleteBulkAction

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
