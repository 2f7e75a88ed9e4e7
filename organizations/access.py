"""Which organization a staff account works for: the one read every scoping decision starts from."""

from django.db.models import Q

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


def owning_organization(actor) -> Organization:
    """The one rule for whose a new record is: the acting user's organization (the unit for a
    command run without one). Operations call it; no form ever offers the choice."""
    return organization_of(actor) or Organization.objects.the_unit()


def same_organization(user, record) -> bool:
    """Whether ``record`` (anything with an ``organization_id``) is ``user``'s organization's."""
    return record.organization_id == organization_id_of(user)


def members_of(organization: Organization | None) -> Q:
    """A filter on users: the people who work for ``organization`` (for the unit, every account
    without a membership too)."""
    if organization is None:
        return Q(pk__in=[])
    if organization.is_unit:
        return Q(membership__isnull=True) | Q(membership__organization=organization)
    return Q(membership__organization=organization)
