from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem, SubmenuMenuItem

from voca import people_views
from voca.permissions import can_administer_accounts, can_manage_people
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


hooks.register("register_admin_urls", people_views.admin_urls)


class PeopleMenuItem(MenuItem):
    def is_shown(self, request):
        return can_manage_people(request.user)


@hooks.register("register_admin_menu_item")
def register_people_menu_item():
    """An agency director's own people (voca.people_views)."""
    return PeopleMenuItem(
        "People", reverse("voca_people"), name="people", icon_name="group", order=900
    )
