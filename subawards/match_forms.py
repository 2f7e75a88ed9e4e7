"""Forms of the match waiver and volunteer screens. They only collect values: the operations
(``operations.waivers``, ``operations.volunteers``) check them and their refusals come back onto
the form (voca.forms.apply_operation_errors)."""

from django import forms

from grants.forms import DateInput, reason_field
from grants.models import Award
from voca.money import MoneyField

from .rules import RULES


class WaiverPolicyForm(forms.Form):
    title = forms.CharField(max_length=200)
    text = forms.CharField(
        label="Policy text",
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="What agencies and OVC read: who may ask, on what grounds, how the state "
        "decides.",
    )
    effective_on = forms.DateField(label="In effect from", widget=DateInput)
    reason = reason_field(initial="Published match waiver policy")


class WaiverRequestForm(forms.Form):
    amount = MoneyField(label="Match to waive")
    reason = reason_field(
        label="Why the match should be waived",
        help_text="Kept with the request and, if approved, printed on the subaward and reported "
        "to OVC.",
    )


class WaiverDecisionForm(forms.Form):
    amount = MoneyField(
        label="Match waived",
        required=False,
        help_text="Leave empty to approve the whole amount requested; less approves part of it.",
    )
    reason = reason_field(label="Reason for the decision")


class VolunteerMonthForm(forms.Form):
    month = forms.DateField(widget=DateInput, help_text="Any day of the month.")
    volunteers = forms.CharField(label="Number of volunteers")
    hours = forms.CharField(label="Volunteer hours")
    claimed_as_match = forms.BooleanField(
        label="Claim these hours as in-kind match", required=False
    )
    rate = forms.CharField(
        label="Value per hour",
        required=False,
        help_text=f"Leave empty for the state's rate (${RULES.volunteer_hour_rate} an hour, "
        "also the most allowed).",
    )
    reason = reason_field(
        required=False, help_text="Needed when you correct a month already recorded."
    )


class VolunteerWaiverForm(forms.Form):
    reason = reason_field(label="Why this subaward need not use volunteers")


class WaiverReportForm(forms.Form):
    award = forms.ModelChoiceField(Award.objects.all(), label="Federal award")
    fiscal_year = forms.IntegerField(label="Federal fiscal year", min_value=2000, max_value=2100)
