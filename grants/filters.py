"""Listing filters of the ledger screens: lines of several awards share names, so a line filter
names each line's award, and every money listing filters by award."""

import django_filters
from wagtail.admin.filters import WagtailFilterSet

from .models import Award, BudgetLine, BudgetRevision, Draw


class LineFilterField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.award_label


class LineFilter(django_filters.ModelChoiceFilter):
    field_class = LineFilterField


class DrawFilterSet(WagtailFilterSet):
    award = django_filters.ModelChoiceFilter(queryset=Award.objects.all(), label="Award")
    line = LineFilter(queryset=BudgetLine.objects.select_related("award"), label="Budget line")

    class Meta:
        model = Draw
        fields = ["status", "award", "line", "month"]


class RevisionFilterSet(WagtailFilterSet):
    award = django_filters.ModelChoiceFilter(queryset=Award.objects.all(), label="Award")

    class Meta:
        model = BudgetRevision
        fields = ["status", "award"]
