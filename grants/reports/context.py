"""The inputs of one report run: award, period, as-of and who asked. Built by the registry."""

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model

from ..ledger import AwardBalances, balances_for_period
from .cover import Meta
from .period import Period, cutoff


@dataclass(frozen=True)
class ReportContext:
    meta: Meta
    period: Period
    as_of: dt.datetime
    award_id: int | None
    # Whose contacts the PMT counts: the unit's when None, else this organization's (a
    # subrecipient's own figures, computed for its quarterly report, never reach the state as rows).
    organization_id: int | None = None

    @property
    def cut(self) -> dt.datetime:
        return cutoff(self.period, self.as_of)

    def balances_to_date(self) -> AwardBalances | None:
        """The ledger at the period's end: budget, match and commitments as recorded at the
        cut-off; payments dated on or before the period end as known at the as-of moment."""
        if not self.award_id:
            return None
        return balances_for_period(
            self.award_id, cut=self.cut, known_at=self.as_of, paid_through=self.period.end
        )

    def balances_before(self) -> AwardBalances | None:
        """The ledger just before the period opened (payments dated before it, as known at
        the as-of moment)."""
        if not self.award_id or self.as_of <= self.period.opens_at:
            return self.balances_to_date()
        return balances_for_period(
            self.award_id,
            cut=self.period.opens_at,
            known_at=self.as_of,
            paid_through=self.period.start - dt.timedelta(days=1),
        )


def user_names() -> dict[int, str]:
    """Every staff member's display name by id (one query; staff lists are short)."""
    names = {}
    for pk, username, first, last in get_user_model().objects.values_list(
        "pk", "username", "first_name", "last_name"
    ):
        full = f"{first} {last}".strip()
        names[pk] = f"{full} ({username})" if full else username
    return names
