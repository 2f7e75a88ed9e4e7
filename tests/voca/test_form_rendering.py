"""The form renderer writes out Django's commonest form templates in Python: what a user's browser
gets must be exactly what Django's templates give, for every kind of widget and value."""

import datetime as dt

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from voca.form_rendering import FormRenderer


class Everything(forms.Form):
    name = forms.CharField(help_text="No names of <people>.", max_length=20)
    when = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), required=False)
    minutes = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}))
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    agreed = forms.BooleanField(required=False, label="Agreed & signed")
    secret = forms.CharField(widget=forms.PasswordInput, required=False)
    zone = forms.ChoiceField(
        choices=[("", "---"), ("America/Chicago", "Chicago"), ("x<y", 'Quote " & <tag>')]
    )
    grouped = forms.ChoiceField(
        choices=[("Numbers", [("1", "One"), ("2", "Two")]), ("3", "Three")], required=False
    )
    many = forms.MultipleChoiceField(
        choices=[("a", "A <b>"), ("b", mark_safe("B <i>safe</i>"))],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "choices"}),
        required=False,
    )
    grouped_boxes = forms.MultipleChoiceField(
        choices=[("Group & co", [("x", "X"), ("y", "Y")])],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mode = forms.ChoiceField(
        choices=[("in", "In person"), ("ph", "Phone")], widget=forms.RadioSelect
    )
    unlabelled = forms.CharField(label="", required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False)


def pages(form_kwargs):
    """The form's every field group and widget, through our renderer and through Django's."""
    out = []
    for renderer in (FormRenderer(), DjangoTemplates()):
        form = Everything(renderer=renderer, **form_kwargs)
        out.append(
            [(str(field.as_field_group()), str(field), str(field.label_tag())) for field in form]
        )
    return out


@pytest.mark.parametrize(
    "form_kwargs",
    [
        {},
        {
            "initial": {
                "zone": "x<y",
                "many": ["a", "b"],
                "mode": "ph",
                "when": dt.date(2026, 12, 7),
            }
        },
        {"auto_id": False},
        {"prefix": "id"},
        # Bound, with errors on some fields (their groups fall back to the templates).
        {"data": {"name": 'Robert "Bob" <script>', "minutes": "x", "zone": "nope", "many": ["b"]}},
        {"data": {"name": "ok", "minutes": "5", "zone": "", "grouped": "2", "mode": "in"}},
    ],
)
def test_every_widget_renders_exactly_as_djangos_templates(form_kwargs):
    ours, djangos = pages(form_kwargs)
    assert ours == djangos


def test_a_field_with_errors_shows_them(settings):
    form = Everything(data={"minutes": "many"}, renderer=FormRenderer())
    group = str(form["minutes"].as_field_group())
    assert 'class="errorlist"' in group and "Enter a whole number." in group
