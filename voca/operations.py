"""The operations kit: what every app's operations share when they write business state.

Text a person typed (``field_text``), the reason kept in the audit trail (``reason_text``), a
date that may not be in the future (``future_refusal``), a form opened before someone else saved
(``check_version``, ``EditConflict``) and the save that records who and why
(``save_with_history``). Each app's ``operations`` add only their own rules (locks, money).
"""

import datetime
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.utils import timezone

from voca import clock, formats
from voca.text import clean_text, model_max_length


def field_text(value, model, field: str, *, multiline: bool = False, errors=None) -> str:
    """``value`` for ``model.field`` cleaned by voca.text within the field's own max_length.

    With ``errors`` (a dict), a refusal is added to it with the others and "" returned;
    without, it is raised."""
    try:
        return clean_text(
            value, field=field, max_length=model_max_length(model, field), multiline=multiline
        )
    except ValidationError as error:
        if errors is None:
            raise
        errors.update(error.message_dict)
        return ""


def reason_text(reason, *, max_length: int, required: str = "", field: str = "reason") -> str:
    """The reason kept in history, cleaned by voca.text; refused with ``required`` when empty
    and a message is given."""
    reason = clean_text(reason, field=field, max_length=max_length, multiline=True)
    if required and not reason:
        raise ValidationError({field: required})
    return reason


def future_refusal(day, field: str, message: str) -> dict[str, str]:
    """``{field: message}`` when the date ``day`` is after today in St. Louis (records are kept
    of what happened, never ahead of it), else none. ``{today}`` in ``message`` names today."""
    today = clock.local_today()
    if isinstance(day, datetime.date) and day > today:
        return {field: message.format(today=formats.day(today))}
    return {}


class EditConflict(ValidationError):
    """Someone else saved the record since this form was opened."""

    def __init__(self, message, changed_fields, saved_by, saved_at):
        super().__init__(message, code="conflict")
        self.changed_fields = changed_fields
        self.saved_by = saved_by
        self.saved_at = saved_at


def last_saved_by(record):
    """Who saved ``record`` last (from its history), and how to name them in a message."""
    last = record.history.order_by("-history_id").first()
    user = last.history_user if last else None
    return user, (user.get_full_name() or user.username) if user else "someone"


def check_version(
    record,
    expected_version: int,
    *,
    noun: str,
    changed: Callable[[], list[str]] | None = None,
    saved_at=None,
) -> None:
    """Refuse with ``EditConflict`` when ``record`` (locked) was saved since the form read
    ``expected_version``: who saved it, when (``saved_at``) and what (``changed()``), if known."""
    if record.version == expected_version:
        return
    saved_by, who = last_saved_by(record)
    fields = changed() if changed else []
    when = f" at {timezone.localtime(saved_at):%H:%M}" if saved_at else ""
    listed = f" Changed: {', '.join(fields)}." if fields else ""
    raise EditConflict(
        f"{who} saved this {noun}{when} after you opened it; your changes were not saved."
        f"{listed} Reload the {noun} and make your changes again.",
        changed_fields=fields,
        saved_by=saved_by,
        saved_at=saved_at,
    )


def save_with_history(obj, *, actor, reason: str, check_fields: bool = False) -> None:
    """Save ``obj`` with who (``actor``) and why (``reason``) in its history, dated at the
    clock's moment when one is set (``voca.clock.clock_at``). With ``check_fields`` the model's
    field rules (lengths, choices) are checked first; related rows are left out, as the
    operation locked and checked them."""
    obj._history_user = actor
    obj._change_reason = reason or ""
    if clock.is_set():
        obj._history_date = clock.now()
    if check_fields:
        obj.clean_fields(exclude=[f.name for f in obj._meta.fields if f.is_relation])
    obj.save()
