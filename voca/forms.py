"""Shared form plumbing: an operation's refusal shown on the form that called it."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms import Form


def apply_operation_errors(
    form: Form, error: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Put ``error``'s messages on the fields it names and the rest at the top of ``form``.

    ``field_map`` renames an operation's argument to the form field that edits it
    (e.g. ``{"line_id": "line"}``) where the two differ; a form's own
    ``operation_error_fields()`` does the same for every view that uses it.
    """
    # A form may say where an operation's argument shows (e.g. a subaward's "budget" on the
    # budget amount that was typed): its ``operation_error_fields()``.
    field_map = {**getattr(form, "operation_error_fields", dict)(), **(field_map or {})}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for name, errors in error.error_dict.items():
        target = field_map.get(name, name)
        if target == NON_FIELD_ERRORS or target not in form.fields:
            target = None
        # Only a message with params is a %-template: "at most 5% of the award" is plain text.
        form.add_error(target, [e.message % e.params if e.params else e.message for e in errors])
