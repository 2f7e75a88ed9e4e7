"""A person's account and roles, written once for every screen that adds people or gives roles:
the state's administrator (Settings -> Users) and an agency director (People).

Each function takes the acting user (``actor``), refuses with the reason from
``voca.permissions``, and runs in one transaction. Accounts are never deleted: deactivated."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.admin.views.account import password_reset_enabled

from organizations.access import organization_of
from organizations.models import Membership, Organization
from voca import passwords, permissions


def join_organization(person, organization: Organization, *, actor) -> None:
    """``person`` works for ``organization`` (no row for the unit: an account without one is the
    unit's)."""
    if organization.is_unit:
        Membership.objects.filter(user=person).delete()
        return
    Membership.objects.update_or_create(
        user=person, defaults={"organization": organization, "added_by": actor}
    )


def check_roles(actor, person, names, *, organization: Organization | None = None) -> None:
    """Refuse roles ``actor`` may not give ``person`` (every reason at once, on the roles field)."""
    allowed, reason = permissions.can_change_roles(actor, person)
    if not allowed:
        raise ValidationError({"groups": reason})
    refusals = permissions.role_refusals(person, names, organization=organization)
    if refusals:
        raise ValidationError({"groups": refusals})


@transaction.atomic
def set_roles(actor, person, names) -> None:
    """``person`` holds exactly the roles ``names``."""
    names = set(names)
    check_roles(actor, person, names)
    person.groups.set(Group.objects.filter(name__in=names))


def set_password_link(person) -> str:
    """The absolute address of the page where ``person`` chooses their password (the e-mailed
    reset link's page: it also ends a temporary password)."""
    path = reverse(
        "wagtailadmin_password_reset_confirm",
        args=[
            urlsafe_base64_encode(force_bytes(person.pk)),
            default_token_generator.make_token(person),
        ],
    )
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_set_password_link(person, *, organization: Organization) -> None:
    link = set_password_link(person)
    send_mail(
        "Your account: choose your password",
        f"An account was made for you ({person.get_username()}) for {organization}.\n\n"
        f"Choose your password here (the link works once):\n{link}\n\n"
        "Then sign in and set up two-factor sign-in with an authenticator app.\n",
        None,
        [person.email],
    )


@transaction.atomic
def add_person(
    actor,
    *,
    organization: Organization,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    roles=(),
    password: str = "",
):
    """A new account of ``organization`` with ``roles``: with a temporary ``password`` (changed at
    first sign-in), or, without one, an e-mailed link to choose a password."""
    if not permissions.can_manage_people(actor):
        raise PermissionDenied("Only an agency's director adds its people here.")
    if organization != organization_of(actor):
        raise PermissionDenied("A director adds people to their own organization only.")
    User = get_user_model()
    errors = {}
    username = (username or "").strip()
    if not username:
        errors["username"] = "Enter a username."
    elif User.objects.filter(username__iexact=username).exists():
        errors["username"] = "That username is taken: choose another."
    if not password and not password_reset_enabled():
        errors["password1"] = (
            "This server sends no e-mail, so no link can be sent: set a temporary password."
        )
    elif not password and not email:
        errors["email"] = "Enter an e-mail address to send the link to, or set a password."
    person = User(username=username, first_name=first_name, last_name=last_name, email=email)
    try:
        check_roles(actor, person, roles, organization=organization)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    if password:
        person.set_password(password)
    else:
        person.set_unusable_password()
    person.save()
    join_organization(person, organization, actor=actor)
    person.groups.set(Group.objects.filter(name__in=set(roles)))
    if password:
        passwords.require_password_change(person, actor=actor)
    else:
        transaction.on_commit(lambda: send_set_password_link(person, organization=organization))
    return person


@transaction.atomic
def set_active(actor, person, active: bool) -> None:
    """Deactivate (or reactivate) an account: never deleted, so every history row keeps its
    name."""
    allowed, reason = permissions.can_deactivate(actor, person)
    if not allowed:
        raise ValidationError(reason)
    person.is_active = active
    person.save(update_fields=["is_active"])
