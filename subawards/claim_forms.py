"""Forms of reimbursement claims. They only collect values (amounts as typed): the operations in
subawards.operations.claims and claim_steps check them, and their refusals come back onto these
fields through voca.forms.apply_operation_errors (a category's amount field is named by the
category, as the operations name their errors)."""

import calendar
import datetime as dt

from django import forms

from grants.forms import PaymentForm, ReasonForm, reason_field
from voca import formats

from .workflows import ClaimFrequency


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Several files at once; each is checked by the operation (voca.documents)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(DocumentsField, self).clean(d, initial) for d in data if d]
        return [data] if data else []


def periods(subaward, version) -> list[tuple[str, str]]:
    """Every month or quarter of the subaward's period of performance, as (first day, label)."""
    step = 3 if subaward.claim_frequency == ClaimFrequency.QUARTERLY else 1
    start = version.period_start.replace(day=1)
    if step == 3:
        start = start.replace(month=(start.month - 1) // 3 * 3 + 1)
    choices = []
    while start <= version.period_end:
        if step == 3:
            label = f"{start.year} Q{(start.month - 1) // 3 + 1}"
        else:
            label = f"{calendar.month_name[start.month]} {start.year}"
        choices.append((start.isoformat(), label))
        month = start.month + step
        start = dt.date(start.year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    return choices


class ClaimForm(forms.Form):
    """A claim (or a resubmission): an amount per category of the subaward's budget, each with
    what is left on it, the match provided, the documents and a note."""

    match_provided = forms.CharField(
        label="Match provided", required=False, help_text="Dollars and cents of match this period."
    )
    documents = DocumentsField(
        label="Supporting documents",
        required=False,
        help_text="PDF, PNG or JPEG, at most 10 MB each (receipts, payroll, invoices).",
    )
    note = forms.CharField(label="Note to the state", widget=forms.Textarea, required=False)

    def __init__(self, *args, subaward, version, left, requested=None, resubmit=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = []
        fields = {}
        if not resubmit:
            fields["period"] = forms.TypedChoiceField(
                label="Period",
                choices=periods(subaward, version),
                coerce=dt.date.fromisoformat,
                help_text=f"Claimed {subaward.get_claim_frequency_display().lower()}.",
            )
        else:
            fields["reason"] = reason_field()
        for line in version.budget_lines.all():
            self.categories.append(line.category)
            fields[line.category] = forms.CharField(
                label=line.get_category_display(),
                required=False,
                initial=(requested or {}).get(line.category),
                help_text=f"Left: {formats.money(left.get(line.category))} of "
                f"{formats.money(line.amount)}",
            )
        self.fields = {**fields, **self.fields}

    def lines(self) -> dict:
        return {c: self.cleaned_data.get(c) for c in self.categories}


class ProgramApprovalForm(forms.Form):
    """The amount approved per line (the claim's by default) and why, where it is less."""

    reason = reason_field()

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.categories = []
        fields = {}
        for line in lines:
            self.categories.append(line.category)
            fields[line.category] = forms.CharField(
                label=f"{line.get_category_display()} approved",
                initial=line.requested,
                help_text=f"Claimed: {formats.money(line.requested)}",
            )
            fields[f"reason_{line.category}"] = forms.CharField(
                label=f"Why less for {line.get_category_display().lower()}",
                required=False,
            )
        self.fields = {**fields, **self.fields}
        self.fields["reason"].required = False

    def amounts(self):
        data = self.cleaned_data
        return (
            {c: data.get(c) for c in self.categories},
            {c: data.get(f"reason_{c}") for c in self.categories},
        )


__all__ = ["ClaimForm", "PaymentForm", "ProgramApprovalForm", "ReasonForm"]
