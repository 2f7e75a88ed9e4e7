"""The one policy deciding who may see or change which client and contact.

- Field staff (advocate, social worker, program representative): the contacts they logged and the
  clients they served (or registered).
- Supervisors: everything; only they void contacts.
- Auditors: listings, history and access logs, but never notes or names.
- Finance, grants managers, editors: no client-level data at all; aggregate counts only.
- Nobody deletes a client, a contact or an access-log entry.
- Every row belongs to one organization (the unit or a subrecipient agency) and everyone, the
  unit's supervisors and superusers included, sees only their own organization's rows: another
  organization's record answers 404 like one that does not exist (28 CFR 94.115). An agency's
  director is its supervisor, its advocates its field staff; service days are the unit's.

Model permissions (voca/roles.py) open the menus; the row rules below decide the rows. Every view,
chooser, export and panel asks this module.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from organizations.access import members_of, organization_id_of, organization_of, works_for_unit
from voca.roles import AUDITOR, FIELD_STAFF, SUPERVISORS


def _roles(user) -> set[str]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_voca_role_names", None)
    if cached is None:
        cached = set(user.groups.values_list("name", flat=True))
        user._voca_role_names = cached
    return cached


def is_supervisor(user) -> bool:
    return user.is_authenticated and (user.is_superuser or bool(_roles(user) & set(SUPERVISORS)))


def is_field_staff(user) -> bool:
    return bool(_roles(user) & set(FIELD_STAFF))


def is_auditor(user) -> bool:
    return AUDITOR in _roles(user)


def can_see_client_level_data(user) -> bool:
    """Whether the user may see any client or contact row at all."""
    return is_supervisor(user) or is_field_staff(user) or is_auditor(user)


def can_log_contacts(user) -> bool:
    """Field staff and supervisors: who logs contacts, registers clients and works service days."""
    return is_supervisor(user) or is_field_staff(user)


def can_log_for_others(actor) -> bool:
    """Only a supervisor logs a contact under another staff member's name."""
    return is_supervisor(actor)


def can_see_identifiers(user) -> bool:
    """Names, phones, notes and referrals: never for auditors (or anyone without client access)."""
    return is_supervisor(user) or is_field_staff(user)


# A client's victim-identifying fields, kept only with the client's consent.
CLIENT_IDENTIFIER_FIELDS = frozenset({"first_name", "phone", "consent_scope"})


def visible_client_fields(actor, client) -> frozenset[str]:
    """Which of ``client``'s identifying fields ``actor`` sees and edits.

    Never auditors or roles without client access. Once the client's consent has expired, only a
    supervisor (who decides on renewal and retention) sees them, until a worker records the
    renewed consent; until retention erases them they stay stored, hidden.
    """
    if not can_see_identifiers(actor):
        return frozenset()
    if client.consent_expired and not is_supervisor(actor):
        return frozenset()
    return CLIENT_IDENTIFIER_FIELDS


def can_review_access_log(user) -> bool:
    return is_supervisor(user) or is_auditor(user)


def can_void(user) -> bool:
    return is_supervisor(user)


def can_staff_service_days(user) -> bool:
    """Service days are the unit's: only its supervisors staff them."""
    return is_supervisor(user) and works_for_unit(user)


def works_service_days(user) -> bool:
    """Whether ``user`` is staffed on (and logs contacts at) service days: the unit's people."""
    return works_for_unit(user)


def in_organization_of(user, queryset):
    """``queryset`` narrowed to ``user``'s organization: the first filter of every row rule."""
    return queryset.filter(organization_id=organization_id_of(user))


# Victim-identifying fields: history tables skip most, and no history screen lists any.
HIDDEN_HISTORY_FIELDS = frozenset({"first_name", "phone", "notes", "referrals", "consent_scope"})


def dashboard_search_kind(user) -> str:
    """Which search the dashboard offers: pages, a returning client's exact code, or none."""
    from wagtail.admin.auth import user_has_any_page_permission

    if user_has_any_page_permission(user):
        return "pages"
    if can_log_contacts(user):
        return "client_code"
    return ""


def home_panel_kind(user) -> str:
    """Which figures the admin's home shows: a supervisor the quarter per staff member and day
    ("quarter"), field staff their own week and days ("my_work"), anyone else let into the admin
    counts only ("counts"), nobody else anything ("")."""
    if is_supervisor(user):
        return "quarter"
    if is_field_staff(user):
        return "my_work"
    if user.is_authenticated and user.has_perm("wagtailadmin.access_admin"):
        return "counts"
    return ""


def hidden_history_fields(actor, model) -> frozenset[str]:
    """Fields whose values a history screen never lists: they identify a victim.

    The same for every reader (``actor`` included for the one signature): history tables do not
    keep most of them, and a value that was kept before must not show either.
    """
    return HIDDEN_HISTORY_FIELDS


# --- Rows -----------------------------------------------------------------------------------


def staffable_people(actor):
    """Who ``actor`` may staff on a service day: the unit's field staff and supervisors only (an
    agency's people are never offered)."""
    if not can_staff_service_days(actor):
        return visible_staff(actor).none()
    return visible_staff(actor)


def visible_staff(actor):
    """The people ``actor`` may name as the staff member of a contact or staff on a service day.

    Supervisors choose among their organization's active field staff and supervisors (those
    ``can_log_contacts`` allows by role); everyone else only themselves.
    """
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    if can_log_for_others(actor):
        return (
            users.filter(is_active=True, groups__name__in=[*FIELD_STAFF, *SUPERVISORS])
            .filter(members_of(organization_of(actor)))
            .distinct()
            .order_by("first_name", "username")
        )
    if can_log_contacts(actor):
        return users.filter(pk=actor.pk)
    return users.none()


def visible_contacts(user, queryset=None):
    from services.models import Contact

    qs = in_organization_of(user, Contact.objects.all() if queryset is None else queryset)
    if is_supervisor(user) or is_auditor(user):
        return qs
    if is_field_staff(user):
        return qs.filter(staff=user)
    return qs.none()


def visible_clients(user, queryset=None):
    from services.models import Client

    qs = in_organization_of(user, Client.objects.all() if queryset is None else queryset)
    if is_supervisor(user) or is_auditor(user):
        return qs
    if is_field_staff(user):
        return qs.served_by(user)
    return qs.none()


def visible_clients_by_code(user):
    """Clients a user may bring up by their exact code to log a contact.

    A returning client gives their code to whoever is free at the service day, so field staff may
    attach any of their organization's clients by the exact code (the lookup is access-logged);
    listings and search still show them only the clients they served.
    """
    from services.models import Client

    if not can_log_contacts(user):
        return Client.objects.none()
    return in_organization_of(user, Client.objects.all())


def changeable_contacts(user, queryset=None):
    if is_supervisor(user):
        return visible_contacts(user, queryset)
    if is_field_staff(user):
        return visible_contacts(user, queryset).filter(voided=False)
    return visible_contacts(user, queryset).none()


def changeable_clients(user, queryset=None):
    if is_supervisor(user) or is_field_staff(user):
        return visible_clients(user, queryset)
    return visible_clients(user, queryset).none()


def can_change_contact(user, contact) -> bool:
    return changeable_contacts(user).filter(pk=contact.pk).exists()


def can_change_client(user, client) -> bool:
    return changeable_clients(user).filter(pk=client.pk).exists()


def visible_access_log(user, queryset=None):
    from services.models import AccessLog

    qs = in_organization_of(user, AccessLog.objects.all() if queryset is None else queryset)
    return qs if can_review_access_log(user) else qs.none()


# --- Wagtail permission policies -------------------------------------------------------------


class _RowPolicy(ModelPermissionPolicy):
    """Model permissions from the role table, narrowed per row by the functions above."""

    visible = staticmethod(visible_contacts)
    changeable = staticmethod(changeable_contacts)

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        if not can_see_client_level_data(user):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        actions = set(actions) - {"delete"}
        if not any(self.user_has_permission(user, a) for a in actions):
            return self.model.objects.none()
        if actions & {"change", "add"} and not actions & {"view"}:
            return self.changeable(user)
        return self.visible(user)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return (
            self.instances_user_has_any_permission_for(user, actions)
            .filter(pk=instance.pk)
            .exists()
        )


class ContactPolicy(_RowPolicy):
    visible = staticmethod(visible_contacts)
    changeable = staticmethod(changeable_contacts)


class ClientPolicy(_RowPolicy):
    visible = staticmethod(visible_clients)
    changeable = staticmethod(changeable_clients)


class AccessLogPolicy(ModelPermissionPolicy):
    """Read-only for supervisors and auditors; no one adds, changes or deletes entries by hand."""

    def user_has_permission(self, user, action):
        return action == "view" and can_review_access_log(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and can_review_access_log(user)

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_access_log(user) if "view" in actions else self.model.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return "view" in actions and visible_access_log(user).filter(pk=instance.pk).exists()
