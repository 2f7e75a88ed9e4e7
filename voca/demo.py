"""Demo users, one per role, sharing a documented password. Used only by load_demo."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from voca import roles

# Shared by every demo account; documented in README.md. load_demo refuses to run in production.
DEMO_PASSWORD = "victim-services-demo"  # noqa: S105

DEMO_USERS = (
    ("advocate", "Alex", "Advocate", roles.ADVOCATE),
    ("socialworker", "Sam", "Social Worker", roles.SOCIAL_WORKER),
    ("programrep", "Pat", "Program Representative", roles.PROGRAM_REPRESENTATIVE),
    ("supervisor", "Sky", "Supervisor", roles.SUPERVISOR),
    ("finance", "Fran", "Finance", roles.FINANCE),
    ("grantsmanager", "Gale", "Grants Manager", roles.GRANTS_MANAGER),
    ("editor", "Eddie", "Editor", roles.EDITOR),
    ("auditor", "Avery", "Auditor", roles.AUDITOR),
    ("administrator", "Ari", "Administrator", roles.ADMINISTRATOR),
    # A second Finance person: records the payment of a claim that `finance` approved.
    ("payments", "Parker", "Payments", roles.FINANCE),
    # The three demo subrecipient agencies' own people (organizations/demo.py makes them its).
    ("safeharbor.director", "Dana", "Reyes", roles.AGENCY_DIRECTOR),
    ("safeharbor.finance", "Hollis", "Grant", roles.AGENCY_FINANCE),
    ("safeharbor.advocate", "Marta", "Ibarra", roles.AGENCY_ADVOCATE),
    ("gatewaycac.director", "Morgan", "Lee", roles.AGENCY_DIRECTOR),
    ("gatewaycac.finance", "Quinn", "Porter", roles.AGENCY_FINANCE),
    ("gatewaycac.advocate", "Jesse", "Okafor", roles.AGENCY_ADVOCATE),
    ("legalaid.director", "Riley", "Chen", roles.AGENCY_DIRECTOR),
    ("legalaid.finance", "Casey", "Novak", roles.AGENCY_FINANCE),
    ("legalaid.advocate", "Toni", "Alvarez", roles.AGENCY_ADVOCATE),
)


def ensure_demo_users() -> int:
    """Create missing demo users (never resetting a password); return how many were new."""
    User = get_user_model()
    created = 0
    for username, first, last, role in DEMO_USERS:
        user, was_created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.org"},
        )
        if was_created:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
        user.groups.add(Group.objects.get(name=role))
    return created


def demo_logins_text(address: str = "http://127.0.0.1:8000") -> str:
    """The log-ins, at the address the server really answers on (make run PORT=...)."""
    lines = [
        "",
        f"Demo log-ins at {address.rstrip('/')}/admin/  (password for all: {DEMO_PASSWORD})",
    ]
    lines += [f"  {role:<24} {username}" for username, _, _, role in DEMO_USERS]
    return "\n".join(lines)
