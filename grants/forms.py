"""Admin forms. They only collect values: saving is grants.operations' job, and its refusals
(text limits included) come back onto these forms through voca.forms.apply_operation_errors.
Amounts are parsed by voca.money's MoneyField."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from voca import clock, formats
from voca.money import MoneyField
from voca.parsing import DecimalNumberField, WholeNumberField

from .exports.forms import AsOfField
from .models import (
    Award,
    BudgetLine,
    CostCategory,
    IndirectRateType,
    MatchKind,
    UniformGuidance,
)
from .operations.base import today as ledger_today


def reason_field(label="Reason", help_text="Kept in the audit trail.", **kwargs):
    return forms.CharField(
        label=label, help_text=help_text, widget=forms.Textarea(attrs={"rows": 2}), **kwargs
    )


class DateInput(forms.DateInput):
    input_type = "date"


class LineChoiceField(forms.ModelChoiceField):
    """Lines of several awards share names: each choice says its award ("FAIN — line")."""

    def label_from_instance(self, obj):
        return obj.award_label


UNBUDGETED = "unbudgeted-"


def revision_source_choices() -> list:
    """The revision form's "From": per award not closed, its unbudgeted money (with how much)
    and then its lines. Two queries."""
    awards = list(Award.objects.not_closed().with_budgeted().lapsing_first())
    lines: dict[int, list[BudgetLine]] = {a.pk: [] for a in awards}
    for line in BudgetLine.objects.filter(award__in=awards).select_related("award"):
        lines[line.award_id].append(line)
    groups = [("", "---------")]
    for award in awards:
        unbudgeted = (
            f"{UNBUDGETED}{award.pk}",
            f"{award.federal_award_number} \N{EM DASH} Not yet budgeted money of the award: "
            f"{formats.money(award.unbudgeted())}",
        )
        offered = [(li.pk, li.award_label) for li in lines[award.pk]]
        groups.append((str(award), [unbudgeted, *offered]))
    return groups


SUGGESTED = "suggested: lapses first"


def line_choice_label(choice) -> str:
    """A line as the draw form offers it: its award, what is left, days left, the suggestion."""
    line, days = choice.line, choice.days_left
    parts = [
        f"{line.award.federal_award_number}",
        f"{line.description}",
        f"{formats.money(choice.remaining)} left",
        f"{days} day{'s' if days != 1 else ''} left" if days >= 0 else "period ended",
    ]
    if choice.suggested:
        parts.append(SUGGESTED)
    return " · ".join(parts)


def draw_line_choices(day, *, keep=None) -> tuple[list, dict]:
    """Grouped choices (one group per category and program) and each group's suggested line.

    The suggestion is BudgetLine.objects.choices_for_draws' rule: shown, never chosen silently.
    ``keep`` is a line to offer even when its award no longer takes new draws (a draft's line).
    """
    groups: dict[str, list] = {}
    suggested: dict[tuple[str, str], BudgetLine] = {}
    offered = BudgetLine.objects.choices_for_draws(day)
    for choice in offered:
        groups.setdefault(choice.group_label, []).append(
            (choice.line.pk, line_choice_label(choice))
        )
        if choice.suggested:
            suggested[(choice.line.category, choice.line.program.strip().casefold())] = choice.line
    if keep is not None and all(c.line.pk != keep.pk for c in offered):
        groups.setdefault(keep.short_label, []).insert(
            0, (keep.pk, f"{keep.award.federal_award_number} · {keep.description}")
        )
    return [("", "---------"), *groups.items()], suggested


class AwardForm(forms.Form):
    federal_award_number = forms.CharField()
    funder = forms.CharField(initial="Office for Victims of Crime, U.S. Department of Justice")
    administering_agency = forms.CharField()
    federal_fiscal_year = WholeNumberField(min_value=1984, max_value=2100)
    total_amount = MoneyField(label="Total federal amount")
    period_start = forms.DateField(label="Period of performance starts", widget=DateInput)
    period_end = forms.DateField(label="Period of performance ends", widget=DateInput)
    # The rates' ranges and decimals are operations.create_award's rule; the form only parses.
    match_rate = DecimalNumberField(
        label="Required match (share of total project cost)", initial=Decimal("0.20")
    )
    match_waiver_percent = DecimalNumberField(label="Match waived (%)", initial=0)
    match_waiver_reference = forms.CharField(required=False)
    indirect_cost_rate = DecimalNumberField(label="Indirect cost rate (%)", required=False)
    negotiated_indirect_rate = forms.BooleanField(
        label="Indirect rate from a negotiated agreement", required=False
    )
    indirect_rate_type = forms.ChoiceField(
        label="Type of indirect rate (SF-425 line 11a)",
        choices=[
            ("", "From the agreement box: de minimis, or provisional"),
            *IndirectRateType.choices,
        ],
        required=False,
    )
    uniform_guidance = forms.ChoiceField(
        label="Uniform Guidance that applies",
        choices=[("", "From the start date of the period"), *UniformGuidance.choices],
        required=False,
    )
    reason = reason_field(initial="Award letter received")


class BudgetLineForm(forms.Form):
    award = forms.ModelChoiceField(Award.objects.all())
    category = forms.ChoiceField(label="Federal cost category", choices=CostCategory.choices)
    program = forms.CharField(help_text="e.g. Victim Service Days")
    description = forms.CharField()
    amount = MoneyField(label="Approved amount")
    administration = forms.BooleanField(
        label="State administration and training",
        required=False,
        help_text="Counted against the 5% cap of the award (28 CFR 94.107).",
    )
    reason = reason_field(initial="Approved budget")


class RevisionForm(forms.Form):
    from_line = forms.ChoiceField(
        label="From",
        help_text="A budget line, or the money of an award not yet given to any line.",
    )
    to_line = LineChoiceField(
        BudgetLine.objects.filter(award__closed_at__isnull=True).select_related("award"),
        label="To line",
    )
    amount = MoneyField(label="Amount")
    reason = reason_field(help_text="Why the budget should change. Kept in the audit trail.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_line"].choices = revision_source_choices()

    def clean_from_line(self):
        """The source as (award id or None, line or None): the operation checks the rest."""
        value = self.cleaned_data["from_line"]
        if value.startswith(UNBUDGETED):
            return (int(value.removeprefix(UNBUDGETED)), None)
        line = BudgetLine.objects.filter(pk=int(value)).first()
        if line is None:
            raise forms.ValidationError("Choose a budget line.")
        return (line.award_id, line)


class DrawForm(forms.Form):
    line = LineChoiceField(
        BudgetLine.objects.select_related("award"),
        label="Budget line",
        help_text="Each line shows its award, what is left and the days left in the award's "
        "period of performance. When the same category and program is on several awards, "
        f"the one whose money lapses first is marked “{SUGGESTED}”; choose another award "
        "only if the cost belongs there.",
    )
    incurred_on = forms.DateField(label="Date incurred", widget=DateInput)
    month = forms.DateField(
        label="Month it belongs to",
        required=False,
        widget=DateInput,
        help_text="Any day of the month; leave empty for the month it was incurred.",
    )
    amount = MoneyField(label="Amount")
    payee = forms.CharField(help_text="A vendor, employee or contractor; never a victim's name.")
    description = forms.CharField(help_text="What was bought. Nothing that identifies a victim.")
    document = forms.FileField(
        label="Supporting document",
        required=False,
        help_text="Invoice or receipt; kept private and shown only to finance staff and auditors.",
    )
    submit = forms.BooleanField(label="Submit for approval now", required=False, initial=True)
    reason = reason_field(initial="Invoice received")

    def __init__(self, *args, today=None, suggest_for=None, keep_line=None, **kwargs):
        """``suggest_for`` = (category, program): pre-select that group's suggested line."""
        super().__init__(*args, **kwargs)
        choices, suggested = draw_line_choices(today or ledger_today(), keep=keep_line)
        self.fields["line"].choices = choices
        if suggest_for and not self.is_bound and "line" not in self.initial:
            category, program = suggest_for
            line = suggested.get((category, (program or "").strip().casefold()))
            if line is not None:
                self.initial["line"] = line.pk
                self.suggested_line = line


class DraftDrawForm(DrawForm):
    submit = None


class MatchForm(forms.Form):
    award = forms.ModelChoiceField(Award.objects.all())
    contributed_on = forms.DateField(label="Date", widget=DateInput)
    kind = forms.ChoiceField(choices=MatchKind.choices)
    hours = forms.CharField(required=False, help_text="Volunteer hours only")
    hourly_rate = MoneyField(
        label="Rate per hour", required=False, help_text="Volunteer hours only"
    )
    value = MoneyField(required=False, help_text="Dollar value (volunteer time is hours x rate)")
    description = forms.CharField()
    document = forms.FileField(label="Supporting document", required=False)
    reason = reason_field(initial="Recorded")


class ReasonForm(forms.Form):
    reason = reason_field()


class PaymentForm(ReasonForm):
    """Record payment: when it was paid and the check, EFT or voucher that paid it."""

    paid_on = forms.DateField(label="Date paid", widget=DateInput)
    payment_reference = forms.CharField(
        label="Payment reference", max_length=100, help_text="Check number, EFT or voucher."
    )
    field_order = ["paid_on", "payment_reference", "reason"]


class AsOfForm(forms.Form):
    award = forms.ModelChoiceField(Award.objects.all(), empty_label=None)
    at = AsOfField(
        label="As of",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        initial=lambda: timezone.localtime(clock.now()).replace(second=0, microsecond=0),
    )


class CloseOutForm(forms.Form):
    deobligated = MoneyField(
        label="Unobligated balance to be de-obligated",
        help_text="Type the amount shown in the checklist: it goes back to the funder.",
    )
    document = forms.FileField(
        label="Close-out documents",
        required=False,
        help_text="Final performance report and close-out letter; kept private.",
    )
    reason = reason_field(initial="Close-out: final SF-425 and performance report submitted")
