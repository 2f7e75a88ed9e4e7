"""Which organization a staff account works for: the one read every scoping decision starts from."""

from .models import Membership, Organization


def organization_of(user) -> Organization | None:
    """The organization ``user`` works for (the unit when the account has no membership row);
    None for an anonymous visitor. Cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False):
        return None
    cached = getattr(user, "_voca_organization", None)
    if cached is None:
        membership = Membership.objects.select_related("organization").filter(user=user).first()
        cached = membership.organization if membership else Organization.objects.the_unit()
        user._voca_organization = cached
    return cached


def organization_id_of(user) -> int | None:
    org = organization_of(user)
    return org.pk if org else None


def works_for_unit(user) -> bool:
    org = organization_of(user)
    return bool(org and org.is_unit)
