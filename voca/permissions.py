"""Who may change which staff account: the access decisions of Settings -> Users and of an agency
director's People screen.

Each answers "may this actor do this, and if not, why" (a ``voca.decision.Decision``): the same
answer disables the field and words its help text. Which roles a person may hold is decided here
once (``role_refusals``): segregation of duties, and agency roles for a subrecipient's people only,
the unit's roles for the unit's people only."""

from organizations.access import members_of, organization_of
from organizations.models import Organization
from voca import roles
from voca.decision import ALLOWED, Decision


def _role_names(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()


def organization_of_person(person) -> Organization:
    """The organization ``person`` works for (the unit for an account not yet saved)."""
    if person.pk is None:
        return Organization.objects.the_unit()
    return organization_of(person)


def role_refusals(person, names, *, organization: Organization | None = None) -> list[str]:
    """Why ``person`` may not hold the roles ``names`` (empty when they may): the one place the
    roles an account gets are checked. ``organization`` is the person's (for a new account, the
    one chosen for it)."""
    organization = organization or organization_of_person(person)
    names = set(names)
    return roles.separation_breaches(names) + roles.organization_breaches(
        names, for_unit=organization.is_unit
    )


def is_agency_director(actor) -> bool:
    """A subrecipient's director: manages its own people (never the unit's or another's)."""
    if not actor.is_authenticated or not actor.is_active:
        return False
    organization = organization_of(actor)
    return (
        organization is not None
        and not organization.is_unit
        and roles.AGENCY_DIRECTOR in _role_names(actor)
    )


def can_manage_people(actor) -> bool:
    """Who opens the People screen: a subrecipient's director."""
    return is_agency_director(actor)


def visible_people(actor):
    """The accounts ``actor`` manages on the People screen: their own organization's (another
    organization's account answers 404)."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    if not can_manage_people(actor):
        return users.none()
    return users.filter(members_of(organization_of(actor))).order_by("-is_active", "username")


def can_change_roles(actor, person) -> Decision:
    """Nobody changes their own roles: an administrator cannot give themselves client records or
    money without a second administrator's change (nor a director themselves). A director changes
    only their own organization's people."""
    if person.pk is not None and person.pk == actor.pk:
        return Decision.refuse(
            "Another administrator changes your roles: nobody changes their own."
        )
    if (
        is_agency_director(actor)
        and person.pk is not None
        and not visible_people(actor).filter(pk=person.pk).exists()
    ):
        return Decision.refuse("You change the roles of your own organization's people only.")
    return ALLOWED


def can_grant_superuser(actor) -> Decision:
    """Only a superuser makes (or unmakes) a superuser: a superuser sees every record, so an
    administrator ticking it would give client access by the back door."""
    if not actor.is_superuser:
        return Decision.refuse("Only a superuser makes a superuser.")
    return ALLOWED


def can_change_account(actor, person) -> Decision:
    """Only a superuser changes a superuser's account (its password, its being active)."""
    if person.is_superuser and not actor.is_superuser:
        return Decision.refuse("Only a superuser changes a superuser's account.")
    return ALLOWED


def can_deactivate(actor, person) -> Decision:
    """A director deactivates their own organization's people, never themselves."""
    if person.pk == actor.pk:
        return Decision.refuse("You cannot deactivate your own account: ask another director.")
    return can_change_account(actor, person)


def can_administer_accounts(actor) -> bool:
    """Who sees the staff accounts panel on the admin home: whoever may add and change accounts."""
    return actor.is_authenticated and actor.has_perms(("auth.add_user", "auth.change_user"))
