"""Forms for service days: the visitor's filter form for the list of days (a GET form:
shareable URLs) and the editor's page form. They read no models: callers pass the choices in."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from voca.i18n import lang_attribute, local_miles, local_month, text_language

from .geo import DEFAULT_MILES, DISTANCE_CHOICES, zip_point

# Values that can be a slug or a language code; anything else never reaches the database.
CODE_PATTERN = re.compile(r"^[-a-zA-Z0-9_]{1,120}$")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")


def _lang_of(value) -> str:
    """' lang="en"' on the option of a service or language not translated yet."""
    instance = getattr(value, "instance", None)
    return lang_attribute(text_language(instance, "name")) if instance is not None else ""


class FastSelect(forms.Select):
    """A plain <select> built in Python: the list page renders it on every uncached visit, and
    Django's per-option templates cost more than the rest of the form."""

    def render(self, name, value, attrs=None, renderer=None):
        final_attrs = self.build_attrs(self.attrs, attrs)
        final_attrs["name"] = name
        selected = self.format_value(value)
        options = format_html_join(
            "",
            '<option value="{}"{}{}>{}</option>',
            (
                (str(v), " selected" if str(v) in selected else "", _lang_of(v), label)
                for v, label in self.choices
            ),
        )
        return format_html("<select{}>{}</select>", flatatt(final_attrs), options)


class CodeChoiceField(forms.ModelChoiceField):
    """A choice by slug or code that rejects malformed input before any query."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not CODE_PATTERN.match(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


def month_start(value: str) -> datetime.date | None:
    match = MONTH_PATTERN.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        return None
    return datetime.date(year, month, 1)


def month_end(start: datetime.date) -> datetime.date:
    following = (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return following - datetime.timedelta(days=1)


def month_choices(first: datetime.date, count: int, step: int = 1) -> list[tuple[str, str]]:
    """(value, label) for ``count`` months from ``first``'s month, forwards or backwards."""
    choices = []
    year, month = first.year, first.month
    for _step in range(count):
        start = datetime.date(year, month, 1)
        choices.append((start.strftime("%Y-%m"), local_month(start)))
        month += step
        if month == 13:
            year, month = year + 1, 1
        elif month == 0:
            year, month = year - 1, 12
    return choices


class ServiceDayFilterForm(forms.Form):
    service = CodeChoiceField(
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("Any service"),
        widget=FastSelect,
        label=_("Help you need"),
        error_messages={"invalid_choice": _("Choose a service from the list.")},
    )
    month = forms.ChoiceField(
        required=False,
        widget=FastSelect,
        label=_("Month"),
        error_messages={"invalid_choice": _("Choose a month from the list.")},
    )
    start = forms.DateField(
        required=False,
        label=_("From"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date, for example 2026-12-31.")},
    )
    end = forms.DateField(
        required=False,
        label=_("To"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a real date, for example 2026-12-31.")},
    )
    area = forms.ChoiceField(
        required=False,
        widget=FastSelect,
        label=_("Area"),
        error_messages={"invalid_choice": _("Choose an area from the list.")},
    )
    zip = forms.RegexField(
        regex=r"^\d{5}$",
        required=False,
        label=_("ZIP code"),
        max_length=5,
        strip=True,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}
        ),
        error_messages={"invalid": _("Enter a 5-digit ZIP code, for example 63118.")},
    )
    within = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=DEFAULT_MILES,
        widget=FastSelect,
        label=_("Distance from the ZIP code"),
        error_messages={"invalid_choice": _("Choose a distance from the list.")},
    )
    language = CodeChoiceField(
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label=_("Any language"),
        widget=FastSelect,
        label=_("Language"),
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )

    def __init__(self, data, *, months, services, languages, areas, **kwargs):
        """``months``: (value, label) pairs; ``services``, ``languages``: querysets to choose
        from; ``areas``: a callable giving the area names."""
        if data is not None and not data.get("within"):
            data = data.copy()  # the distance shown chosen is the one used: the default
            data["within"] = str(DEFAULT_MILES)
        super().__init__(data, **kwargs)
        self.fields["month"].choices = [("", _("Any month")), *months]
        self.fields["within"].choices = lambda: [
            (str(miles), _("Within %(distance)s") % {"distance": local_miles(miles, 0)})
            for miles in DISTANCE_CHOICES
        ]
        self.fields["service"].queryset = services
        self.fields["language"].queryset = languages
        # A callable: the areas are read only when the form is drawn or an area is chosen.
        self.fields["area"].choices = lambda: [("", _("Any area")), *((a, a) for a in areas())]

    DATE_FIELDS = ("start", "end")

    def full_clean(self):
        super().full_clean()
        # A date input may hold only an ISO date or nothing: a date read in another format is
        # shown as ISO, and an unreadable one is named as an error but never echoed back.
        if not self.data:
            return
        data = self.data.copy()
        for name in self.DATE_FIELDS:
            key = self.add_prefix(name)
            if not data.get(key):
                continue
            try:
                data[key] = self.fields[name].clean(data[key]).isoformat()
            except ValidationError:
                data.pop(key, None)
        self.data = data

    def clean_zip(self):
        zip_code = self.cleaned_data.get("zip")
        if zip_code and zip_point(zip_code) is None:
            raise ValidationError(
                _("%(zip)s is not a US ZIP code we know. Check it, or choose an area instead."),
                params={"zip": zip_code},
            )
        return zip_code

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("The 'To' date is before the 'From' date."))
        return data

    def apply(self, days):
        """Narrow a queryset of days by every filter that is valid; invalid ones are ignored
        (and shown as errors on their fields)."""
        self.is_valid()  # runs validation once; invalid fields are left out of cleaned_data
        data = self.cleaned_data
        if service := data.get("service"):
            days = days.offering(service)
        if language := data.get("language"):
            days = days.in_language(language)
        if area := data.get("area"):
            days = days.in_area(area)
        if zip_code := data.get("zip"):
            days = days.near(zip_point(zip_code), data.get("within") or DEFAULT_MILES)
        if start_of_month := month_start(data.get("month") or ""):
            days = days.between(start_of_month, month_end(start_of_month))
        if "end" not in self.errors:
            days = days.between(data.get("start"), data.get("end"))
        return days

    @property
    def is_filtered(self) -> bool:
        self.is_valid()
        # The distance narrows nothing by itself: only with a ZIP code.
        return any(self.cleaned_data.get(name) for name in self.fields if name != "within")

    @property
    def distance_text(self) -> str:
        """'10 miles': how far from the ZIP code the list reaches."""
        self.is_valid()
        return local_miles(self.cleaned_data.get("within") or DEFAULT_MILES, 0)

    @property
    def zip_code(self) -> str:
        """The ZIP code the days are measured from, when one is in use."""
        self.is_valid()
        return self.cleaned_data.get("zip") or ""


class ServiceDayPageForm(WagtailAdminPageForm):
    """The editor's form: each kind of staff is listed once, with its count."""

    def clean(self):
        cleaned_data = super().clean()
        staffing = self.formsets.get("staffing")
        if staffing is not None and staffing.is_valid():
            seen = set()
            for form in staffing.forms:
                role = form.cleaned_data.get("role")
                if not role or staffing._should_delete_form(form):
                    continue
                if role in seen:
                    label = staffing.model.Role(role).label
                    self.add_error(
                        None,
                        f"“{label}” is listed more than once under staffing: "
                        "list each kind of staff once, with how many will come.",
                    )
                    break
                seen.add(role)
        return cleaned_data
