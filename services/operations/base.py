"""What every operation shares: text cleaning, reasons, stale-form refusals, history saves."""

from django.core.exceptions import ValidationError

from voca.crypto import UNREADABLE_MESSAGE, unreadable_fields
from voca.text import clean_text

REASON_MAX_LENGTH = 300


class EditConflict(ValidationError):
    """Someone else saved the record since this form was opened."""

    def __init__(self, message, changed_fields, saved_by, saved_at):
        super().__init__(message, code="conflict")
        self.changed_fields = changed_fields
        self.saved_by = saved_by
        self.saved_at = saved_at


def text(errors, name, value, limit, *, multiline=False) -> str:
    """``value`` cleaned by voca.text; a refusal is added to ``errors`` with the others."""
    try:
        return clean_text(value, field=name, max_length=limit, multiline=multiline)
    except ValidationError as error:
        errors.update(error.message_dict)
        return ""


def reason_text(reason) -> str:
    return clean_text(reason, field="reason", max_length=REASON_MAX_LENGTH, multiline=True)


def last_saved_by(record):
    """Who saved ``record`` last (from its history), and how to name them in a message."""
    last = record.history.order_by("-history_id").first()
    user = last.history_user if last else None
    return user, (user.get_full_name() or user.username) if user else "someone"


def save_with_history(instance, *, actor, reason: str):
    instance._history_user = actor
    instance._change_reason = reason or ""
    instance.save()


def refuse_if_unreadable(record):
    """A record holding values no key of this server opens cannot be changed: saving the form
    would replace them with the refusal. Reading it, voiding it and retention still work."""
    if unreadable_fields(record):
        raise ValidationError(
            f"{UNREADABLE_MESSAGE} It cannot be changed here until that key is restored "
            "(ask your system administrator)."
        )
