"""A password an administrator sets is temporary: its holder replaces it at first sign-in.

The only functions that write or read that flag (``voca.models.TemporaryPassword``)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from voca import clock
from voca.models import TemporaryPassword


def require_password_change(person, *, actor) -> None:
    """``actor`` set ``person``'s password: ``person`` must choose their own before going on."""
    TemporaryPassword.objects.update_or_create(
        user=person, defaults={"set_by": actor, "set_at": clock.now()}
    )


def must_change_password(person) -> bool:
    return TemporaryPassword.objects.filter(user=person).exists()


@transaction.atomic
def change_own_password(person, new_password: str) -> None:
    """The holder's own new password, which ends the temporary one."""
    if person.check_password(new_password):
        raise ValidationError(
            "Choose a new password, not the one you were given.", code="password_unchanged"
        )
    person.set_password(new_password)
    person.save(update_fields=["password"])
    end_temporary_password(person)


def end_temporary_password(person) -> None:
    """``person`` chose a password of their own (here, or by the e-mailed reset link): the one an
    administrator gave is no longer in use, so nothing asks them to replace it again."""
    TemporaryPassword.objects.filter(user=person).delete()
