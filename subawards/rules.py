"""The pass-through rules that differ between states and over time: one table, read by every check.

Thresholds that come from the Uniform Guidance (de minimis rate, single audit, the part of each
subaward counted in MTDC) are the federal award's, in ``grants.models.award.RULES``; these are the
state's own policy (Iowa's VOCA manual and the OVC guide; states differ, so they are settings).
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class SubawardRules:
    # 2 CFR 200.332(a): the SAM.gov exclusion check a subaward relies on is at most this old.
    exclusion_check_max_age_days: int
    # A budget revision moving more than this share of the subaward's total needs the state.
    revision_share_needing_approval: Decimal
    # No budget revision in the last days of the subaward's period of performance.
    no_revision_last_days: int
    # 28 CFR 94.118: match as a share of total project cost.
    match_share: Decimal
    # The CFDA number every VOCA victim-assistance subaward carries.
    assistance_listing: str
    # FFATA: subawards from this amount are reported in SAM.gov.
    ffata_threshold: Decimal
    # 2 CFR 200.344(b): a subrecipient's last claim comes in within this many days of its end.
    claim_deadline_days: int = 120
    # Volunteer time claimed as in-kind match is valued at most at this rate per hour (the
    # state's choice; Independent Sector's national value of volunteer time for 2024).
    volunteer_hour_rate: Decimal = Decimal("34.79")


RULES = SubawardRules(
    exclusion_check_max_age_days=30,
    revision_share_needing_approval=Decimal("0.10"),
    no_revision_last_days=30,
    match_share=Decimal("0.20"),
    assistance_listing="16.575",
    ffata_threshold=Decimal("30000.00"),
)
