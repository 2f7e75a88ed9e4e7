"""Forms of the funder's reports (SAR, FFATA). They only collect values as typed: the operations
in subawards.operations.sar and .ffata check them, and their refusals come back onto these
fields (the operations name their errors by these field names)."""

from django import forms

from grants.forms import DateInput
from organizations.models import Organization

from .models.ffata import EXECUTIVES
from .models.sar import BUDGET_SOURCES, STAFFING

YES_NO = [("", "---------"), ("yes", "Yes"), ("no", "No")]


class SarPartForm(forms.Form):
    """The subrecipient's part: typed as text, so the operation gives the one message."""

    def __init__(self, *args, initial_part=None, **kwargs):
        super().__init__(*args, **kwargs)
        for field, label in (*BUDGET_SOURCES, *STAFFING):
            self.fields[field] = forms.CharField(
                label=label,
                required=False,
                initial=(initial_part or {}).get(field),
                help_text="Dollars" if field.startswith("budget_") else "",
            )

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name, "") for name in self.fields}


class ReportedOnForm(forms.Form):
    reported_on = forms.DateField(label="Day it was entered", widget=DateInput)


class FfataReportForm(forms.Form):
    reported_on = forms.DateField(label="Day it was reported in SAM.gov", widget=DateInput)
    confirmation = forms.CharField(label="SAM.gov confirmation (optional)", required=False)


class ExecutiveCompensationForm(forms.Form):
    organization = forms.ModelChoiceField(
        queryset=Organization.objects.subrecipients().filter(is_active=True),
        label="Subrecipient",
    )
    answered_on = forms.DateField(label="Answers as of", widget=DateInput)
    mostly_federal = forms.ChoiceField(
        choices=YES_NO,
        label="In its preceding fiscal year, 80% or more of its annual gross revenue came from "
        "federal awards",
    )
    federal_25m = forms.ChoiceField(
        choices=YES_NO,
        label="... and $25,000,000 or more of its annual gross revenue came from federal awards",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for rank in range(1, EXECUTIVES + 1):
            self.fields[f"name_{rank}"] = forms.CharField(
                label=f"Officer {rank}: name", required=False
            )
            self.fields[f"amount_{rank}"] = forms.CharField(
                label=f"Officer {rank}: total compensation", required=False
            )
        self.fields["name_1"].help_text = (
            "Only when both answers are yes (and the public has no access to these figures "
            "through SEC or IRS filings)."
        )

    def answer(self, name):
        return {"yes": True, "no": False}.get(self.cleaned_data.get(name))

    def officers(self) -> list[tuple[str, str]]:
        data = self.cleaned_data
        return [
            (data.get(f"name_{r}", ""), data.get(f"amount_{r}", ""))
            for r in range(1, EXECUTIVES + 1)
        ]
