"""What services' operations add to the kit (voca.operations): the reason's limit, and no change
to a record holding values this server cannot open."""

from django.core.exceptions import ValidationError

from voca import operations as kit
from voca.crypto import UNREADABLE_MESSAGE, unreadable_fields

REASON_MAX_LENGTH = 300


def reason_text(reason, required: str = "") -> str:
    return kit.reason_text(reason, max_length=REASON_MAX_LENGTH, required=required)


def refuse_if_unreadable(record):
    """A record holding values no key of this server opens cannot be changed: saving the form
    would replace them with the refusal. Reading it, voiding it and retention still work."""
    if unreadable_fields(record):
        raise ValidationError(
            f"{UNREADABLE_MESSAGE} It cannot be changed here until that key is restored "
            "(ask your system administrator)."
        )
