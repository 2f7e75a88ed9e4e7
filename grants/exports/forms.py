"""The Reports area's form: which report, which period (quarter or dates), as of when."""

import datetime as dt

from django import forms
from django.utils import timezone

from voca import clock
from voca.fiscal import quarter_of

from ..models import Award
from ..reports.period import Period, check_as_of, check_period, parse_as_of
from ..reports.registry import award_for


class AsOfField(forms.DateTimeField):
    """An as-of moment typed in a form, read by ``parse_as_of`` (a date alone: end of that day)."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            return value if timezone.is_aware(value) else timezone.make_aware(value)
        try:
            return parse_as_of(str(value).replace(" ", "T", 1))
        except ValueError:
            raise forms.ValidationError(
                "Enter a date (YYYY-MM-DD, meaning the end of that day) or a date and time."
            ) from None


def recent_quarters(today: dt.date, count: int = 12) -> list[tuple[str, str]]:
    fy, q = quarter_of(today)
    choices = []
    for _ in range(count):
        period = Period.from_quarter(f"FY{fy}Q{q}")
        choices.append((period.quarter, period.label))
        q -= 1
        if q == 0:
            fy, q = fy - 1, 4
    return choices


class ReportForm(forms.Form):
    format = forms.ChoiceField(label="File format")
    quarter = forms.ChoiceField(
        label="Federal fiscal-year quarter", required=False, help_text="Or give a date range below."
    )
    start = forms.DateField(
        label="From", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label="To", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    as_of = AsOfField(
        label="Data as of",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Leave empty for now. The same period and as-of always give the same figures.",
    )

    award = forms.ModelChoiceField(
        Award.objects.order_by("period_start", "pk"),
        to_field_name="federal_award_number",
        required=False,
        empty_label="(the only award in the period)",
        help_text="Needed when several awards overlap the period.",
    )

    def __init__(self, *args, report, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        if not report.per_award:  # PMT: every award funding the period unless one is named
            award = self.fields["award"]
            award.empty_label = "(every award funding the period)"
            award.help_text = "Optional: only the contacts this award funded (open in the period)."
        self.fields["format"].choices = [(f, f.upper()) for f in report.formats]
        quarters = recent_quarters(today or clock.local_today())
        self.fields["quarter"].choices = [("", "(use the dates below)"), *quarters]
        # Default to the last complete quarter.
        self.fields["quarter"].initial = quarters[1][0]

    def clean(self):
        data = super().clean()
        quarter, start, end = data.get("quarter"), data.get("start"), data.get("end")
        if self.errors:
            return data
        if quarter and (start or end):
            raise forms.ValidationError("Pick a quarter or a date range, not both.")
        try:
            if quarter:
                data["period"] = Period.from_quarter(quarter)
            elif start and end:
                data["period"] = Period.from_dates(start, end)
            else:
                raise forms.ValidationError("Pick a quarter, or give both dates of a range.")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        try:
            check_period(data["period"], one_fiscal_year=self.report.one_fiscal_year)
        except ValueError as exc:
            self.add_error("end", str(exc))
        try:
            check_as_of(data.get("as_of"))
        except ValueError as exc:
            self.add_error("as_of", str(exc))
        named = data.get("award")
        try:
            number = named.federal_award_number if named else None
            data["award"] = award_for(self.report, data["period"], number)
        except ValueError as exc:
            self.add_error("award", str(exc))
        return data
