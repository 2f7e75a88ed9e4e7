"""Form fields of the back office: choices by id, refused before any query unless they fit a key."""

from django import forms
from django.core.exceptions import ValidationError

from voca import formats
from voca.parsing import parse_id

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class IdChoiceField(forms.ModelChoiceField):
    """A choice by id: anything but an id that fits a key is refused before any query."""

    def to_python(self, value):
        if isinstance(value, str) and value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several choices by id, each refused before any query unless it fits a key."""

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
