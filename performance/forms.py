"""The quarterly report's forms: the PMT questions (each count typed as text: the operation
parses and refuses, the form only shows its message), a step's reason, the roll-up's choice."""

from django import forms

from grants.forms import ReasonForm
from grants.models import Award

from .figures import questions
from .models import NOTE_MAX

__all__ = ["FiguresForm", "ReasonForm", "RollupForm"]


class FiguresForm(forms.Form):
    """One text box per PMT question in force at the quarter's end, grouped as the workbook."""

    def __init__(self, *args, quarter_end, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups: dict[str, list[str]] = {}
        for question in questions(quarter_end):
            self.fields[question.name] = forms.CharField(
                label=question.label,
                required=False,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 6}),
            )
            self.groups.setdefault(question.group, []).append(question.name)
        self.fields["proration_note"] = forms.CharField(
            label="Proration note",
            required=False,
            max_length=NOTE_MAX,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Only if the demographics tables do not sum to the new individuals: say why "
            "(e.g. figures prorated from records kept elsewhere).",
        )

    def grouped(self):
        return [(group, [self[name] for name in names]) for group, names in self.groups.items()]

    def values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "proration_note"}


class RollupForm(forms.Form):
    award = forms.ModelChoiceField(
        queryset=Award.objects.order_by("-period_start"),
        to_field_name="federal_award_number",
        label="Federal award",
    )
    quarter = forms.CharField(
        label="Federal quarter", max_length=12, help_text="Like FY2027Q2 (January - March 2027)."
    )
    format = forms.ChoiceField(choices=[("xlsx", "Excel workbook"), ("pdf", "PDF")])
