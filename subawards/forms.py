"""Admin forms. They only collect values: the operations check them, and their refusals come back
onto these forms' fields through voca.forms.apply_operation_errors."""

from django import forms

from grants.forms import DateInput, reason_field
from grants.models import BudgetLine, CostCategory
from organizations.models import ExclusionResult, Organization, OvcOrganizationType
from voca.money import MoneyField
from voca.parsing import DecimalNumberField

from .models import IndirectRateKind
from .operations.terms import BUDGET_CATEGORIES, budget_field
from .workflows import ClaimFrequency, VersionKind


class SubrecipientForm(forms.Form):
    legal_name = forms.CharField(label="Legal name (as registered in SAM.gov)", required=False)
    short_name = forms.CharField(label="Short name", required=False)
    uei = forms.CharField(
        label="UEI", required=False, help_text="SAM.gov Unique Entity ID: 12 letters and digits."
    )
    ovc_type = forms.ChoiceField(
        label="OVC organization type",
        choices=[("", "---------"), *OvcOrganizationType.choices],
        required=False,
    )
    street = forms.CharField(required=False)
    city = forms.CharField(required=False)
    state = forms.CharField(required=False, initial="MO")
    zip_code = forms.CharField(label="ZIP code", required=False)
    congressional_district = forms.CharField(required=False, help_text='e.g. "MO-01"')
    service_area = forms.CharField(
        label="Service area",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Counties and cities served, one per line.",
    )
    contact_name = forms.CharField(label="Point of contact", required=False)
    contact_title = forms.CharField(required=False)
    contact_email = forms.CharField(label="Contact e-mail", required=False)
    contact_phone = forms.CharField(required=False)
    is_active = forms.BooleanField(label="Active", required=False, initial=True)
    reason = reason_field()


class ExclusionCheckForm(forms.Form):
    checked_on = forms.DateField(label="Day SAM.gov was searched", widget=DateInput)
    result = forms.ChoiceField(choices=ExclusionResult.choices, widget=forms.RadioSelect)
    evidence = forms.FileField(
        help_text="The SAM.gov search result, saved as a PDF or an image (at most 10 MB)."
    )


class SubawardsLineField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.award_label


class BudgetMixin:
    """One amount per federal cost category (left empty: none)."""

    def add_budget_fields(self, initial=None):
        for category in BUDGET_CATEGORIES:
            self.fields[budget_field(category)] = MoneyField(
                label=f"Budget: {CostCategory(category).label}",
                required=False,
                initial=(initial or {}).get(category),
            )

    def operation_error_fields(self) -> dict[str, str]:
        """A refusal of the budget as a whole (over what is left on the line) shows on the
        largest amount typed."""
        typed = (
            {budget_field(c): amount for c, amount in self.budget().items()}
            if hasattr(self, "cleaned_data")
            else {}
        )
        return {"budget": max(typed, key=typed.get)} if typed else {}

    def budget(self) -> dict:
        return {
            c: self.cleaned_data.get(budget_field(c))
            for c in BUDGET_CATEGORIES
            if self.cleaned_data.get(budget_field(c)) is not None
        }


class TermsFields(forms.Form):
    period_start = forms.DateField(label="Period of performance starts", widget=DateInput)
    period_end = forms.DateField(label="Period of performance ends", widget=DateInput)
    budget_period_start = forms.DateField(
        label="Budget period starts",
        widget=DateInput,
        required=False,
        help_text="Empty: the period of performance.",
    )
    budget_period_end = forms.DateField(
        label="Budget period ends", widget=DateInput, required=False
    )
    federal_award_date = forms.DateField(
        label="Federal award date",
        widget=DateInput,
        required=False,
        help_text="Empty: the start of the federal award's period.",
    )
    total_committed = MoneyField(
        label="Total federal funds committed",
        required=False,
        help_text="Empty: the total obligated (the budget's total).",
    )
    project_description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    pass_through_contact = forms.CharField(
        label="Pass-through contact", required=False, help_text="Name, title, e-mail and phone."
    )
    is_research = forms.BooleanField(label="Research and development", required=False)
    indirect_rate_kind = forms.ChoiceField(
        label="Indirect cost rate", choices=IndirectRateKind.choices
    )
    indirect_rate = DecimalNumberField(label="Indirect cost rate (%)", required=False)
    match_waived = MoneyField(label="Match waived", required=False)
    match_waiver_reason = forms.CharField(
        label="Why the match is waived", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    match_waiver_decision = forms.CharField(
        label="The state's decision on the waiver",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    conditions = forms.CharField(
        label="Special conditions flowed down",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One condition per paragraph (separate them by an empty line).",
    )
    reason = reason_field()


def split_conditions(text: str) -> list[str]:
    return [part.strip() for part in (text or "").split("\n\n") if part.strip()]


class SubawardForm(BudgetMixin, TermsFields):
    subrecipient = forms.ModelChoiceField(queryset=Organization.objects.subrecipients())
    line = SubawardsLineField(
        label="Subawards line of the federal award",
        queryset=BudgetLine.objects.filter(category="subawards", award__closed_at__isnull=True),
    )
    claim_frequency = forms.ChoiceField(
        label="The subrecipient claims",
        choices=ClaimFrequency.choices,
        initial=ClaimFrequency.MONTHLY,
    )
    field_order = ["subrecipient", "line", "claim_frequency"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_budget_fields()


class AmendmentForm(BudgetMixin, TermsFields):
    kind = forms.ChoiceField(
        label="Kind of amendment",
        choices=[c for c in VersionKind.choices if c[0] != VersionKind.ORIGINAL],
    )
    field_order = ["kind"]

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_budget_fields(current.budget() if current else None)


class RevisionRequestForm(BudgetMixin, forms.Form):
    indirect_rate_kind = forms.ChoiceField(
        label="Indirect cost rate", choices=IndirectRateKind.choices
    )
    indirect_rate = DecimalNumberField(label="Indirect cost rate (%)", required=False)
    reason = reason_field(label="Why the budget changes")

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_budget_fields(current.budget() if current else None)
