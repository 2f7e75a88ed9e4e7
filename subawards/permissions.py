"""Who may see or change which subaward, subrecipient or exclusion check.

The state's people (the unit) act through their roles' model permissions (``voca/roles.py``); a
subrecipient's people act on their own organization's subawards only, by their agency role (in
``voca/roles.py``, given by the agency's director). Each decision returns a ``Decision`` whose
reason the page shows where a button would be; the operations refuse with the same sentence.
"""

from django.core.exceptions import PermissionDenied
from wagtail.permission_policies import ModelPermissionPolicy

from grants.workflows import Transition
from organizations.access import organization_of, works_for_unit
from voca.decision import ALLOWED, Decision
from voca.roles import AGENCY_DIRECTOR, AGENCY_FINANCE

from .workflows import VERSIONS

# The subrecipient's people who see its subawards and their documents (not its advocates).
AGENCY_MONEY_ROLES = (AGENCY_DIRECTOR, AGENCY_FINANCE)


def require(decision, message: str = "You do not have permission to do this.") -> None:
    if not decision:
        raise PermissionDenied(getattr(decision, "reason", "") or message)


def _holds(user, *group_names) -> bool:
    if not (user and user.is_active):
        return False
    held = getattr(user, "_voca_group_names", None)
    if held is None:
        held = set(user.groups.values_list("name", flat=True))
        user._voca_group_names = held
    return bool(held & set(group_names))


def holds_role(user, *group_names) -> bool:
    """Whether ``user`` (active) holds one of the roles named (for the apps above subawards)."""
    return _holds(user, *group_names)


def holds_state_permission(user, permission: str) -> bool:
    """A member of the state's unit whose role holds ``permission``."""
    return bool(user and user.is_active and user.has_perm(permission) and works_for_unit(user))


def _own_agency(user, subaward, *roles) -> bool:
    """One of ``subaward``'s subrecipient's own people, in one of ``roles``."""
    org = organization_of(user)
    return bool(org and org.pk == subaward.subrecipient_id and _holds(user, *roles))


# --- subrecipients and their exclusion checks -----------------------------------------------------


def can_manage_subrecipients(user) -> Decision:
    if holds_state_permission(user, "organizations.change_organization"):
        return ALLOWED
    return Decision.refuse("Only the state's grants manager adds and edits subrecipients.")


def can_view_subrecipients(user) -> bool:
    return holds_state_permission(user, "organizations.view_organization")


def can_record_exclusion_check(user) -> Decision:
    if holds_state_permission(user, "organizations.add_exclusioncheck"):
        return ALLOWED
    return Decision.refuse("Only the state's grants manager records SAM.gov exclusion checks.")


def can_view_exclusion_evidence(user, check) -> bool:
    return holds_state_permission(user, "organizations.view_exclusioncheck")


# --- subawards ----------------------------------------------------------------------------------


def can_view_subawards(user) -> bool:
    """The subawards menu: the state's money roles, and each subrecipient's director and finance."""
    if holds_state_permission(user, "subawards.view_subaward"):
        return True
    org = organization_of(user)
    return bool(org and not org.is_unit and _holds(user, *AGENCY_MONEY_ROLES))


def visible_subawards(user):
    """The subawards ``user`` may read: all for the state's money roles, their own agency's for
    its director and finance, none otherwise."""
    from .models import Subaward

    subawards = Subaward.objects.with_current()
    if holds_state_permission(user, "subawards.view_subaward"):
        return subawards
    org = organization_of(user)
    if org and not org.is_unit and _holds(user, *AGENCY_MONEY_ROLES):
        return subawards.filter(subrecipient=org)
    return subawards.none()


def can_view_subaward(user, subaward) -> bool:
    return holds_state_permission(user, "subawards.view_subaward") or _own_agency(
        user, subaward, *AGENCY_MONEY_ROLES
    )


def can_download_document(user, version) -> bool:
    """A subaward document goes to the state's money roles and the subrecipient's own people."""
    return bool(version.document) and can_view_subaward(user, version.subaward)


def can_make_subawards(user) -> Decision:
    if holds_state_permission(user, "subawards.add_subaward"):
        return ALLOWED
    return Decision.refuse("Only the state's grants manager makes and amends subawards.")


def can_amend(user, subaward) -> Decision:
    """Whether the state may start an amendment of ``subaward`` now, and if not why."""
    if not (decision := can_make_subawards(user)):
        return decision
    refusal = _subaward_refusal(subaward)
    return Decision.refuse(refusal) if refusal else ALLOWED


def can_request_revision(user, subaward) -> Decision:
    """The subrecipient's director or finance request a budget revision of their own subaward."""
    if not _own_agency(user, subaward, *AGENCY_MONEY_ROLES):
        return Decision.refuse(
            "Only the subrecipient's Agency Director or Agency Finance request a budget revision."
        )
    if refusal := _subaward_refusal(subaward):
        return Decision.refuse(refusal)
    from .operations.amendments import revision_window_refusal  # operations import this module

    if message := revision_window_refusal(subaward.current_version()):
        return Decision.refuse(message)
    return ALLOWED


def can_accept_condition(user, condition) -> Decision:
    """A special condition is accepted once, by the subrecipient's Agency Director."""
    if condition.is_accepted:
        return Decision.refuse("This condition was already accepted.")
    if not _own_agency(user, condition.subaward, AGENCY_DIRECTOR):
        return Decision.refuse("Only the subrecipient's Agency Director accepts its conditions.")
    if not condition.added_in.is_in_force:
        return Decision.refuse("A condition is accepted once its subaward version is issued.")
    return ALLOWED


def can_take_step(user, version, step: Transition | str) -> Decision:
    """Whether ``user`` may take ``step`` (issue, approve, reject) on ``version`` now."""
    step = VERSIONS[step] if isinstance(step, str) else step
    if not holds_state_permission(user, step.permission):
        return Decision.refuse(f"Your role does not let you take this step ({step.label}).")
    if refusal := VERSIONS.refusal(version, step.name, user):
        return Decision.refuse(refusal)
    if step.name in ("issue", "approve"):
        from .operations.making import issue_refusal  # the operations import this module

        if message := issue_refusal(version):
            return Decision.refuse(message)
    return ALLOWED


def steps_within_reach(user, version) -> list[tuple[Transition, Decision]]:
    return [
        (step, can_take_step(user, version, step))
        for step in VERSIONS.available(version)
        if holds_state_permission(user, step.permission)
    ]


def _subaward_refusal(subaward) -> str:
    """Why no change of ``subaward`` starts now (one still being decided, or the subaward not
    issued yet); empty when one may."""
    return _pending_refusal(subaward) or _not_issued_refusal(subaward)


def _pending_refusal(subaward) -> str:
    from .workflows import PENDING

    pending = subaward.versions.filter(status__in=sorted(PENDING)).order_by("number").first()
    if pending is None:
        return ""
    return (
        f"Version {pending.number} ({pending.get_kind_display().lower()}) is still "
        f"{pending.get_status_display().lower()}: it is decided before another change starts."
    )


def _not_issued_refusal(subaward) -> str:
    if subaward.current_version() is None:
        return "The subaward is not issued yet: issue it before amending it."
    return ""


class SubawardPolicy(ModelPermissionPolicy):
    """The list and pages follow subawards.permissions; nobody edits or deletes a subaward in
    place (every change is a version, through the operations)."""

    def user_has_permission(self, user, action):
        if action == "view":
            return can_view_subawards(user)
        if action == "add":
            return bool(can_make_subawards(user))
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "view":
            return can_view_subaward(user, instance)
        return self.user_has_permission(user, action)

    def instances_user_has_permission_for(self, user, action):
        if action == "view":
            return visible_subawards(user)
        return visible_subawards(None)


# --- the funder's reports: SARs and FFATA (subawards.operations.sar, .ffata) -------------------
# The state's grants manager marks SARs reported in PMT and FFATA actions reported in SAM.gov, and
# records executive-compensation answers; the state's money roles and the auditor read them. A
# subrecipient's Agency Director or Finance read their own SARs and submit their own part.
SAR_READ = "subawards.view_subgrantawardreport"
FFATA_READ = "subawards.view_ffatareport"


def can_view_sars(user) -> bool:
    """The SARs menu: the state's readers, and each subrecipient's director and finance."""
    if holds_state_permission(user, SAR_READ):
        return True
    org = organization_of(user)
    return bool(org and not org.is_unit and _holds(user, *AGENCY_MONEY_ROLES))


def visible_sar_subawards(user):
    """The issued subawards whose SAR ``user`` may read (all for the state's readers, their own
    agency's for its director and finance)."""
    from .models import Subaward

    issued = Subaward.objects.with_current().filter(obligation__isnull=False)
    if holds_state_permission(user, SAR_READ):
        return issued
    org = organization_of(user)
    if org and not org.is_unit and _holds(user, *AGENCY_MONEY_ROLES):
        return issued.filter(subrecipient=org)
    return issued.none()


def can_view_sar(user, subaward) -> bool:
    return holds_state_permission(user, SAR_READ) or _own_agency(
        user, subaward, *AGENCY_MONEY_ROLES
    )


def can_submit_sar(user, sar) -> Decision:
    """The subrecipient's own Agency Director or Finance submit (or correct) its part."""
    from .funder_workflows import SAR

    if not _own_agency(user, sar.subaward, *AGENCY_MONEY_ROLES):
        return Decision.refuse(
            "Only the subrecipient's Agency Director or Agency Finance fill in its part of the SAR."
        )
    if sar.subaward.obligation_id is None:
        return Decision.refuse("The subaward is not issued yet: its SAR is not due.")
    if refusal := SAR.refusal(sar, "submit", user):
        return Decision.refuse(refusal)
    return ALLOWED


def can_report_sar(user, sar) -> Decision:
    """The state's grants manager records that the SAR was entered in PMT."""
    from .funder_workflows import SAR

    step = SAR["report"]
    if not holds_state_permission(user, step.permission):
        return Decision.refuse("Only the state's grants manager marks a SAR reported in PMT.")
    if refusal := SAR.refusal(sar, "report", user):
        return Decision.refuse(refusal)
    return ALLOWED


def can_view_ffata(user) -> bool:
    return holds_state_permission(user, FFATA_READ)


def can_report_ffata(user, version) -> Decision:
    if not holds_state_permission(user, "subawards.add_ffatareport"):
        return Decision.refuse("Only the state's grants manager marks FFATA actions reported.")
    if hasattr(version, "ffata_report"):
        return Decision.refuse("This action was already reported in SAM.gov.")
    return ALLOWED


def can_record_executive_compensation(user) -> Decision:
    if holds_state_permission(user, "subawards.add_executivecompensation"):
        return ALLOWED
    return Decision.refuse(
        "Only the state's grants manager records a subrecipient's executive-compensation answers."
    )


# --- reimbursement claims (subawards.operations.claims) -------------------------------------------
# The subrecipient's Agency Finance submits and resubmits its own claims (its director reads
# them); the state's Grants Manager gives program approval, Finance the finance approval and,
# another Finance person, the payment; either reviewer sends back or rejects. Claims are read by
# the state's money roles (and the auditor) and by the subrecipient's own money roles only.
CLAIM_STATE_READ = "subawards.view_claim"


def can_submit_claims(user, subaward) -> Decision:
    """The subrecipient's own Agency Finance submits claims on an issued subaward."""
    if not _own_agency(user, subaward, AGENCY_FINANCE):
        return Decision.refuse("Only the subrecipient's Agency Finance submits its claims.")
    if subaward.current_version() is None:
        return Decision.refuse("The subaward is not issued yet: nothing can be claimed on it.")
    return ALLOWED


def can_view_claims(user) -> bool:
    """The claims menu: the state's money roles, and each subrecipient's director and finance."""
    return holds_state_permission(user, CLAIM_STATE_READ) or can_view_subawards(user)


def visible_claims(user):
    """The claims ``user`` may read: all for the state, their own agency's for its money roles."""
    from .models import Claim

    if holds_state_permission(user, CLAIM_STATE_READ):
        return Claim.objects.all()
    org = organization_of(user)
    if org and not org.is_unit and _holds(user, *AGENCY_MONEY_ROLES):
        return Claim.objects.of_organization(org)
    return Claim.objects.none()


def can_view_claim(user, claim) -> bool:
    return holds_state_permission(user, CLAIM_STATE_READ) or _own_agency(
        user, claim.subaward, *AGENCY_MONEY_ROLES
    )


def can_download_claim_document(user, document) -> bool:
    """A claim's documents go to its subrecipient's own money roles and the state's money roles
    (the claim's reviewers: Grants Manager and Finance); the auditor reads the claim, not them."""
    from .workflows import CLAIM_REVIEW

    return holds_state_permission(user, CLAIM_REVIEW) or _own_agency(
        user, document.round.claim.subaward, *AGENCY_MONEY_ROLES
    )


def can_take_claim_step(user, claim, step: Transition | str) -> Decision:
    """Whether ``user`` may take ``step`` of ``CLAIMS`` on ``claim`` now, and if not why."""
    from .workflows import AGENCY_STEPS, CLAIMS

    step = CLAIMS[step] if isinstance(step, str) else step
    if step.name in AGENCY_STEPS:
        if not _own_agency(user, claim.subaward, AGENCY_FINANCE):
            return Decision.refuse("Only the subrecipient's Agency Finance resubmits its claims.")
    elif not holds_state_permission(user, step.permission):
        return Decision.refuse(f"Your role does not let you take this step ({step.label}).")
    if refusal := CLAIMS.refusal(claim, step.name, user):
        return Decision.refuse(refusal)
    if step.name in ("program_approve", "finance_approve") and user.pk == claim.submitted_by_id:
        return Decision.refuse("You submitted this claim, so someone else must approve it.")
    return ALLOWED


def claim_steps_within_reach(user, claim) -> list[tuple[Transition, Decision]]:
    """The steps whose buttons ``user`` sees on ``claim``: those their role takes from its state,
    each with its decision (a button is shown only when allowed)."""
    from .workflows import AGENCY_STEPS, CLAIMS

    mine = []
    for step in CLAIMS.available(claim):
        if step.name in AGENCY_STEPS:
            held = _own_agency(user, claim.subaward, AGENCY_FINANCE)
        else:
            held = holds_state_permission(user, step.permission)
        if held:
            mine.append((step, can_take_claim_step(user, claim, step)))
    return mine


class ClaimPolicy(ModelPermissionPolicy):
    """The claims list and pages follow the decisions above; claims are made and changed only
    through their operations (no add, edit or delete view)."""

    def user_has_permission(self, user, action):
        return action == "view" and can_view_claims(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and can_view_claim(user, instance)

    def instances_user_has_permission_for(self, user, action):
        return visible_claims(user if action == "view" else None)
