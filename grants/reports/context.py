"""The inputs of one report run: award, period, as-of and who asked. Built by the registry."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from ..ledger import AwardBalances, balances_as_of
from .cover import Meta
from .period import Period, cutoff


@dataclass(frozen=True)
class ReportContext:
    meta: Meta
    period: Period
    as_of: dt.datetime
    award_id: int | None

    @property
    def cut(self) -> dt.datetime:
        return cutoff(self.period, self.as_of)

    def balances_to_date(self) -> AwardBalances | None:
        """The ledger as recorded at the period's end (or at as-of, when earlier)."""
        return balances_as_of(self.award_id, self.cut) if self.award_id else None

    def balances_before(self) -> AwardBalances | None:
        """The ledger as recorded just before the period opened."""
        if not self.award_id or self.as_of <= self.period.opens_at:
            return self.balances_to_date()
        return balances_as_of(self.award_id, self.period.opens_at)


def user_names() -> dict[int, str]:
    """Every staff member's display name by id (one query; staff lists are short)."""
    names = {}
    for pk, username, first, last in get_user_model().objects.values_list(
        "pk", "username", "first_name", "last_name"
    ):
        full = f"{first} {last}".strip()
        names[pk] = f"{full} ({username})" if full else username
    return names
