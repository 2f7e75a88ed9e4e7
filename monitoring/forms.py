"""Admin forms: they only collect values; the operations check them and their refusals come back
onto these fields through voca.forms.apply_operation_errors."""

from django import forms

from grants.forms import DateInput
from grants.models import UniformGuidance

from .rules import CHECKLIST, ENTERED, SCORE_CHOICES, Answer

TEXTAREA = forms.Textarea(attrs={"rows": 2})


class RiskAssessmentForm(forms.Form):
    assessed_on = forms.DateField(label="Day of the assessment", widget=DateInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for factor in ENTERED:
            self.fields[f"score_{factor.key}"] = forms.TypedChoiceField(
                label=factor.label,
                choices=[("", "---------"), *SCORE_CHOICES],
                coerce=int,
                required=False,
                help_text=factor.question,
            )
            self.fields[f"note_{factor.key}"] = forms.CharField(
                label=f"Why ({factor.label.lower()})", widget=TEXTAREA, required=False
            )
        self.fields["summary"] = forms.CharField(label="Summary", widget=TEXTAREA, required=False)

    def values(self):
        data = self.cleaned_data
        return {
            "assessed_on": data.get("assessed_on"),
            "scores": {f.key: data.get(f"score_{f.key}") for f in ENTERED},
            "notes": {f.key: data.get(f"note_{f.key}", "") for f in ENTERED},
            "summary": data.get("summary", ""),
        }


class ClaimChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj} · {obj.get_status_display()}"


class DeskReviewForm(forms.Form):
    period_start = forms.DateField(label="Claims from", widget=DateInput, required=False)
    period_end = forms.DateField(label="Claims to", widget=DateInput, required=False)
    claims = ClaimChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="The claims sampled: their periods fall within the dates above.",
    )
    documents = forms.CharField(
        label="Documents requested",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One a line, e.g. 'Payroll register for March'.",
    )
    requested_on = forms.DateField(label="Requested on", widget=DateInput, required=False)
    documents_due_on = forms.DateField(label="Documents due", widget=DateInput, required=False)

    def __init__(self, *args, claims, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["claims"].queryset = claims


class ReceiveForm(forms.Form):
    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        for document in documents:
            self.fields[f"received_{document.pk}"] = forms.DateField(
                label=f"{document.description}: received on",
                widget=DateInput,
                required=False,
                initial=document.received_on,
            )


class ConclusionForm(forms.Form):
    conclusion = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False)
    concluded_on = forms.DateField(label="Concluded on", widget=DateInput, required=False)


class SiteVisitPlanForm(forms.Form):
    planned_on = forms.DateField(label="Day of the visit", widget=DateInput, required=False)
    visitors = forms.CharField(label="Who visits", required=False)


class SiteVisitRecordForm(forms.Form):
    visited_on = forms.DateField(label="Visited on", widget=DateInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item, label in CHECKLIST:
            self.fields[f"answer_{item}"] = forms.ChoiceField(
                label=label, choices=Answer.choices, widget=forms.RadioSelect, required=False
            )
            self.fields[f"note_{item}"] = forms.CharField(label="Note", required=False)
        self.fields["summary"] = forms.CharField(
            label="Summary of the visit", widget=TEXTAREA, required=False
        )

    def values(self):
        data = self.cleaned_data
        return {
            "visited_on": data.get("visited_on"),
            "answers": {item: data.get(f"answer_{item}") for item, _ in CHECKLIST},
            "notes": {item: data.get(f"note_{item}", "") for item, _ in CHECKLIST},
            "summary": data.get("summary", ""),
        }


class FindingForm(forms.Form):
    text = forms.CharField(label="Finding", widget=TEXTAREA, required=False)
    action_required = forms.CharField(
        label="Corrective action required", widget=TEXTAREA, required=False
    )
    due_on = forms.DateField(label="Corrective action due", widget=DateInput, required=False)


class ResponseForm(forms.Form):
    response = forms.CharField(
        label="The agency's response", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    responded_on = forms.DateField(label="Date", widget=DateInput, required=False)


class CloseForm(forms.Form):
    note = forms.CharField(
        label="How the corrective action was verified", widget=TEXTAREA, required=False
    )
    closed_on = forms.DateField(label="Closed on", widget=DateInput, required=False)

    def operation_error_fields(self):
        return {"closing_note": "note"}


class AuditYearForm(forms.Form):
    fiscal_year_end = forms.DateField(
        label="The subrecipient's fiscal year ends", widget=DateInput, required=False
    )
    federal_expenditures = forms.CharField(
        label="Federal expenditures in that year (all sources)",
        required=False,
        help_text="From its schedule of expenditures of federal awards (SEFA).",
    )
    uniform_guidance = forms.ChoiceField(
        label="Uniform Guidance that sets the threshold", choices=UniformGuidance.choices
    )


class AuditReportForm(forms.Form):
    received_on = forms.DateField(label="Report received on", widget=DateInput, required=False)
    in_clearinghouse = forms.BooleanField(
        label="Found in the Federal Audit Clearinghouse", required=False
    )
    clearinghouse_reference = forms.CharField(label="FAC report ID", required=False)
    has_findings = forms.BooleanField(
        label="Findings that concern this state's subawards", required=False
    )
    findings = forms.CharField(label="Findings", widget=TEXTAREA, required=False)


class DecisionForm(forms.Form):
    decision = forms.CharField(
        label="Management decision", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    decided_on = forms.DateField(label="Issued on", widget=DateInput, required=False)
