"""The only writers of subawards, subrecipients and exclusion checks. Screens, the demo and tests
call these with the acting user; each runs in one transaction and records who and why."""

from .amendments import amend_subaward, approve_version, reject_version, request_budget_revision
from .claim_steps import (
    approve_finance,
    approve_program,
    pay_claim,
    reject_claim,
    send_back_claim,
)
from .claims import resubmit_claim, set_claim_frequency, submit_claim
from .conditions import accept_condition
from .exclusion import exclusion_refusal, record_exclusion_check
from .ffata import record_executive_compensation, report_ffata
from .making import create_subaward, issue_version
from .sar import report_sar, sar_of, submit_sar_part
from .subrecipients import create_subrecipient, update_subrecipient
from .volunteers import record_volunteers, waive_volunteer_requirement
from .waivers import (
    approve_match_waiver,
    deny_match_waiver,
    publish_waiver_policy,
    request_match_waiver,
)

__all__ = [
    "accept_condition",
    "amend_subaward",
    "approve_finance",
    "approve_match_waiver",
    "approve_program",
    "approve_version",
    "create_subaward",
    "create_subrecipient",
    "deny_match_waiver",
    "exclusion_refusal",
    "issue_version",
    "pay_claim",
    "publish_waiver_policy",
    "record_exclusion_check",
    "record_executive_compensation",
    "record_volunteers",
    "reject_claim",
    "reject_version",
    "report_ffata",
    "report_sar",
    "request_budget_revision",
    "request_match_waiver",
    "resubmit_claim",
    "sar_of",
    "send_back_claim",
    "set_claim_frequency",
    "submit_claim",
    "submit_sar_part",
    "update_subrecipient",
    "waive_volunteer_requirement",
]
