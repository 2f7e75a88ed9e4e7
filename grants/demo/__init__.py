"""Demo ledger: three overlapping VOCA awards, as a state really runs them.

- FY2023 (``others.OLDER``): extended to 31 Dec 2026, money about to lapse;
- FY2026 (``current``): $2,000,000.00 spent month by month since October 2025;
- FY2027 (``others.NEWER``): started 1 Oct 2026, its first draws.

Everything is written through grants.operations with the clock set to each past day, so the
history tables hold a realistic audit trail and "balances as of" a past date shows what it
showed then. Loaded once: a second run finds the awards and writes nothing.
"""

from ..models import Award
from . import current, others


def load(stdout):
    if Award.objects.filter(federal_award_number=current.AWARD_NUMBER).exists():
        stdout.write("  VOCA ledger: already in place")
        return
    others.load_older(stdout)
    current.load(stdout)
    others.load_newer(stdout)
    others.fund_contacts(stdout)
