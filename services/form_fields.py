"""Form fields of the back office: choices by id, refused before any query unless they fit a key."""

from django import forms
from django.core.exceptions import ValidationError

from voca import formats
from voca.parsing import parse_id

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ChoicesReadOnce(forms.models.ModelChoiceIterator):
    """Reference choices (a few dozen rows) read in one plain query the first time the form
    iterates them and kept for the rest of that form: a widget and its options iterate them more
    than once per page, and ``.iterator()`` costs a server-side cursor on PostgreSQL."""

    def __init__(self, field):
        super().__init__(field)
        self._choices = None

    def __iter__(self):
        if self._choices is None:
            empty = [("", self.field.empty_label)] if self.field.empty_label is not None else []
            self._choices = empty + [self.choice(obj) for obj in self.queryset.all()]
        return iter(self._choices)

    def __len__(self):
        return len(list(iter(self)))

    def __bool__(self):
        return bool(len(self))


class IdChoiceField(forms.ModelChoiceField):
    """A choice by id: anything but an id that fits a key is refused before any query."""

    iterator = ChoicesReadOnce

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several choices by id, each refused before any query unless it fits a key."""

    iterator = ChoicesReadOnce

    def _check_values(self, value):
        for pk in value:
            if isinstance(pk, str) and parse_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_choice"],
                    code="invalid_choice",
                    params={"value": pk},
                )
        return super()._check_values(value)


class WholeQuerySetIterator(forms.models.ModelChoiceIterator):
    """Choices read by evaluating the queryset whole (not ``.iterator()``), so what its read
    rules attach to each row (a day's page in the staff member's language) is there."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.queryset.all():
            yield self.choice(obj)


class ServiceDayChoiceField(IdChoiceField):
    iterator = WholeQuerySetIterator

    def label_from_instance(self, obj):
        label = f"{obj.date:%a} {formats.day(obj.date)} · {obj.shown.title}"
        # Staff must not travel to a cancelled or moved day: its status is in the choice itself.
        return label if obj.is_scheduled else f"{label} · {obj.get_status_display().upper()}"


class StaffChoiceField(IdChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


class ReferenceMultipleChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.label


class ServiceChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} · {obj.label}"
