"""Who may see or change the match waiver policy, match waiver requests and volunteer records.

The same vocabulary as ``subawards.permissions`` (whose helpers these use): the state's Grants
Manager publishes the policy, decides waiver requests and waives the volunteer requirement; a
subrecipient's Agency Director requests a waiver of its own subaward's match; its Director or
Finance record its volunteers. Another agency's records are never visible.
"""

from wagtail.permission_policies import ModelPermissionPolicy

from organizations.access import organization_of
from voca.clock import local_today
from voca.decision import ALLOWED, Decision
from voca.roles import AGENCY_DIRECTOR

from .permissions import (
    AGENCY_MONEY_ROLES,
    _holds,
    _own_agency,
    _pending_refusal,
    can_view_subaward,
    can_view_subawards,
    holds_state_permission,
)
from .waiver_workflow import DECIDE_WAIVER, WAITING, WAIVERS

PUBLISH_POLICY = "subawards.add_waiverpolicy"
WAIVE_VOLUNTEERS = "subawards.add_volunteerwaiver"
STATE_READ = "subawards.view_subaward"


# --- the waiver policy ----------------------------------------------------------------------------


def can_view_waiver_policy(user) -> bool:
    """The state's money roles and every subrecipient's Director and Finance read the policy."""
    return can_view_subawards(user)


def can_publish_waiver_policy(user) -> Decision:
    if holds_state_permission(user, PUBLISH_POLICY):
        return ALLOWED
    return Decision.refuse("Only the state's Grants Manager publishes the match waiver policy.")


# --- waiver requests ------------------------------------------------------------------------------


def visible_waiver_requests(user):
    from .models import WaiverRequest

    requests = WaiverRequest.objects.select_related("subaward__subrecipient", "policy")
    if holds_state_permission(user, STATE_READ):
        return requests
    org = organization_of(user)
    if org and not org.is_unit and _holds(user, *AGENCY_MONEY_ROLES):
        return requests.of_organization(org)
    return requests.none()


def can_view_waiver_request(user, request) -> bool:
    return can_view_subaward(user, request.subaward)


def can_request_waiver(user, subaward) -> Decision:
    """The subrecipient's Agency Director asks for a waiver of an issued subaward's match, one
    request at a time, citing the policy in effect."""
    from .models import WaiverPolicy

    if not _own_agency(user, subaward, AGENCY_DIRECTOR):
        return Decision.refuse("Only the subrecipient's Agency Director requests a match waiver.")
    current = subaward.current_version()
    if current is None:
        return Decision.refuse(
            "The subaward is not issued yet: a waiver is asked of an issued one."
        )
    if subaward.waiver_requests.filter(status__in=sorted(WAITING)).exists():
        return Decision.refuse("A match waiver request of this subaward is waiting for a decision.")
    if current.match_due <= 0:
        return Decision.refuse("No match is left to waive on this subaward.")
    if WaiverPolicy.objects.in_effect_on(local_today()) is None:
        return Decision.refuse("The state has not published a match waiver policy yet.")
    return ALLOWED


def can_decide_waiver(user, request, step) -> Decision:
    """Whether ``user`` may approve or deny ``request`` now (``step``: a WAIVERS step or name)."""
    step = WAIVERS[step] if isinstance(step, str) else step
    if not holds_state_permission(user, DECIDE_WAIVER):
        return Decision.refuse("Only the state's Grants Manager decides match waiver requests.")
    if refusal := WAIVERS.refusal(request, step.name, user):
        return Decision.refuse(refusal)
    if step.name == "approve" and (refusal := _pending_refusal(request.subaward)):
        return Decision.refuse(refusal)
    return ALLOWED


def waiver_steps_within_reach(user, request) -> list:
    return [
        (step, can_decide_waiver(user, request, step))
        for step in WAIVERS.available(request)
        if holds_state_permission(user, step.permission)
    ]


# --- volunteers -----------------------------------------------------------------------------------


def can_record_volunteers(user, subaward) -> Decision:
    if not _own_agency(user, subaward, *AGENCY_MONEY_ROLES):
        return Decision.refuse(
            "Only the subrecipient's Agency Director or Agency Finance record its volunteers."
        )
    if subaward.current_version() is None:
        return Decision.refuse("The subaward is not issued yet.")
    return ALLOWED


def can_waive_volunteers(user, subaward) -> Decision:
    if not holds_state_permission(user, WAIVE_VOLUNTEERS):
        return Decision.refuse(
            "Only the state's Grants Manager waives the requirement to use volunteers."
        )
    if hasattr(subaward, "volunteer_waiver"):
        return Decision.refuse("The volunteer requirement of this subaward is already waived.")
    return ALLOWED


class WaiverPolicyPolicy(ModelPermissionPolicy):
    """The policy list and pages: read by the state's money roles and agencies' Director and
    Finance; a version is added by the Grants Manager; nothing is edited or deleted."""

    def user_has_permission(self, user, action):
        if action == "view":
            return can_view_waiver_policy(user)
        if action == "add":
            return bool(can_publish_waiver_policy(user))
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and can_view_waiver_policy(user)

    def instances_user_has_permission_for(self, user, action):
        from .models import WaiverPolicy

        if action == "view" and can_view_waiver_policy(user):
            return WaiverPolicy.objects.all()
        return WaiverPolicy.objects.none()


class WaiverRequestPolicy(ModelPermissionPolicy):
    """Requests are read by the state's money roles and the agency's own Director and Finance;
    they are made and decided through their operations only."""

    def user_has_permission(self, user, action):
        return action == "view" and can_view_subawards(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and can_view_waiver_request(user, instance)

    def instances_user_has_permission_for(self, user, action):
        return visible_waiver_requests(user if action == "view" else None)
