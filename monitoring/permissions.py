"""Who may see or change which monitoring record.

The state's Grants Manager monitors (assesses risk, reviews, visits, records findings and audits,
closes corrective actions); the Auditor reads everything; a subrecipient's Agency Director and
Agency Finance read their own agency's findings and corrective actions only, and its Agency
Director responds to them. Nobody else sees any of it, and another agency's finding is "not found".
"""

from organizations.access import organization_of
from subawards.permissions import holds_role, holds_state_permission
from voca.decision import ALLOWED, Decision
from voca.roles import AGENCY_DIRECTOR, AGENCY_FINANCE

READ = "monitoring.view_riskassessment"
MANAGE = "monitoring.add_riskassessment"
CLOSE = "monitoring.close_finding"
AGENCY_READERS = (AGENCY_DIRECTOR, AGENCY_FINANCE)


def can_view_monitoring(user) -> bool:
    """The state's monitoring screens (subrecipients, risk, reviews, visits, audits, due list)."""
    return holds_state_permission(user, READ)


def can_monitor(user) -> Decision:
    if holds_state_permission(user, MANAGE):
        return ALLOWED
    return Decision.refuse("Only the state's grants manager records monitoring.")


def _own_agency(user, organization_id, *roles) -> bool:
    org = organization_of(user)
    return bool(org and not org.is_unit and org.pk == organization_id and holds_role(user, *roles))


def can_view_findings(user) -> bool:
    """The findings menu: the state's monitoring readers and each agency's director and finance."""
    if can_view_monitoring(user):
        return True
    org = organization_of(user)
    return bool(org and not org.is_unit and holds_role(user, *AGENCY_READERS))


def visible_findings(user):
    from .models import Finding

    findings = Finding.objects.select_related("organization")
    if can_view_monitoring(user):
        return findings
    org = organization_of(user)
    if org and not org.is_unit and holds_role(user, *AGENCY_READERS):
        return findings.filter(organization=org)
    return findings.none()


def can_view_finding(user, finding) -> bool:
    return can_view_monitoring(user) or _own_agency(user, finding.organization_id, *AGENCY_READERS)


def can_respond(user, finding) -> Decision:
    """The agency's response to a finding: its own Agency Director, while the finding is open."""
    if not _own_agency(user, finding.organization_id, AGENCY_DIRECTOR):
        return Decision.refuse("Only the agency's Agency Director responds to its findings.")
    if finding.closed_on:
        return Decision.refuse("This finding is closed.")
    return ALLOWED


def can_close(user, finding) -> Decision:
    """The state closes a finding with a note once the agency has responded."""
    if not holds_state_permission(user, CLOSE):
        return Decision.refuse("Only the state's grants manager closes findings.")
    if finding.closed_on:
        return Decision.refuse("This finding is already closed.")
    if not finding.responded_on:
        return Decision.refuse(
            "The agency has not responded yet: a finding closes on its response."
        )
    return ALLOWED
