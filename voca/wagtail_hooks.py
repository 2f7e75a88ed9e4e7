from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import SubmenuMenuItem

from voca.permissions import can_administer_accounts
from voca.users import AccountsPanel, NoDeleteUsersBulkAction

# Registered late so it replaces Wagtail's own bulk "Delete" for users.
hooks.register("register_bulk_action", NoDeleteUsersBulkAction, order=1000)


@hooks.register("construct_main_menu", order=1000)
def hide_software_version(request, menu_items):
    """No software version or vendor "what's new" links in the admin's menus."""
    for index, item in enumerate(menu_items):
        if item.name == "settings":
            # Wagtail's own Settings item prints its version in its footer; this one does not.
            menu_items[index] = SubmenuMenuItem(
                item.label, item.menu, name=item.name, icon_name=item.icon_name, order=item.order
            )
    menu_items[:] = [item for item in menu_items if item.name != "help"]


@hooks.register("insert_global_admin_css")
def back_office_css():
    return format_html('<link rel="stylesheet" href="{}">', static("voca/admin.css"))


@hooks.register("insert_global_admin_js")
def back_office_js():
    return format_html('<script src="{}" defer></script>', static("voca/admin.js"))


@hooks.register("construct_homepage_panels")
def add_accounts_panel(request, home_panels):
    if can_administer_accounts(request.user):
        home_panels.append(AccountsPanel())
