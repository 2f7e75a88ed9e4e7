"""Who may change which staff account: the access decisions of Settings -> Users.

Each answers "may this actor do this, and if not, why": the same answer disables the field and
words its help text."""


def can_change_roles(actor, person) -> tuple[bool, str]:
    """Nobody changes their own roles: an administrator cannot give themselves client records or
    money without a second administrator's change."""
    if person.pk is not None and person.pk == actor.pk:
        return False, "Another administrator changes your roles: nobody changes their own."
    return True, ""


def can_change_account(actor, person) -> tuple[bool, str]:
    """Only a superuser changes a superuser's account (its password, its being active)."""
    if person.is_superuser and not actor.is_superuser:
        return False, "Only a superuser changes a superuser's account."
    return True, ""


def can_administer_accounts(actor) -> bool:
    """Who sees the staff accounts panel on the admin home: whoever may add and change accounts."""
    return actor.is_authenticated and actor.has_perms(("auth.add_user", "auth.change_user"))
