"""Who may change which staff account: the access decisions of Settings -> Users.

Each answers "may this actor do this, and if not, why" (a ``voca.decision.Decision``): the same
answer disables the field and words its help text."""

from voca.decision import ALLOWED, Decision


def can_change_roles(actor, person) -> Decision:
    """Nobody changes their own roles: an administrator cannot give themselves client records or
    money without a second administrator's change."""
    if person.pk is not None and person.pk == actor.pk:
        return Decision.refuse(
            "Another administrator changes your roles: nobody changes their own."
        )
    return ALLOWED


def can_change_account(actor, person) -> Decision:
    """Only a superuser changes a superuser's account (its password, its being active)."""
    if person.is_superuser and not actor.is_superuser:
        return Decision.refuse("Only a superuser changes a superuser's account.")
    return ALLOWED


def can_administer_accounts(actor) -> bool:
    """Who sees the staff accounts panel on the admin home: whoever may add and change accounts."""
    return actor.is_authenticated and actor.has_perms(("auth.add_user", "auth.change_user"))
