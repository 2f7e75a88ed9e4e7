"""Who may do what on the public site's own records."""


def can_approve_translation(actor, page) -> bool:
    """Approving a machine-drafted translation is publishing it as reviewed: publishers only."""
    if actor is None or not actor.is_authenticated:
        return False
    return page.permissions_for_user(actor).can_publish()
