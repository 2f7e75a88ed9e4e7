"""Shared pieces of the money models: cents, append-only rows, private storage."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.functions import Round

from voca.money import round_cents

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
# The longest reason kept (TextFields, history change reasons); voca.text enforces it.
REASON_MAX = 1000


def MoneyField(verbose_name, **kwargs):
    return models.DecimalField(verbose_name, max_digits=14, decimal_places=2, **kwargs)


def _cents(total) -> Decimal:
    """A database sum as whole cents (SQLite returns sums of DECIMAL columns with stray digits)."""
    return round_cents(Decimal(total or 0))


def _two_decimals(field: str) -> Q:
    return Q(**{field: Round(models.F(field), 2)})


class AppendOnlyQuerySet(models.QuerySet):
    """Money rows are corrected by new entries, never removed or rewritten in bulk."""

    def delete(self):
        raise ValidationError("Money records are never deleted; record a correcting entry.")

    def update(self, **kwargs):
        raise ValidationError("Money records change one at a time through grants.operations.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def delete(self, *args, **kwargs):
        raise ValidationError("Money records are never deleted; record a correcting entry.")


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]
