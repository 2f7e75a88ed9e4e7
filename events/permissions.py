"""Who may run service days in the admin: editors, through Wagtail's page permissions."""

from wagtail.admin.auth import user_has_any_page_permission


def can_manage_service_days(user) -> bool:
    return user.is_authenticated and user_has_any_page_permission(user)
