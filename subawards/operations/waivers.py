"""Match waivers (28 CFR 94.118): the state publishes its waiver policy, version by version; a
subrecipient's Agency Director requests a waiver of a subaward's match citing the policy in
effect; the state's Grants Manager approves it (in whole or in part) or denies it with a reason.

An approval is an amendment: a new version of the subaward, requested by the agency and approved
by the state, whose match waived rises by the amount approved (its reason the request's, its
decision the policy applied and the decision's reason, decided by the approver). The one rule for
the amount, at most the match required, is the one every version is checked by
(``terms.check_waiver``)."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from voca.operations import field_text
from voca.text import model_max_length, within_limit

from .. import match_permissions as rules
from ..models import SubawardVersion, WaiverPolicy, WaiverRequest
from ..permissions import require
from ..waiver_workflow import DECIDE_WAIVER, WAIVERS, WaiverStatus
from ..workflows import VERSIONS, VersionKind, VersionStatus
from .amendments import prepare_amendment
from .base import lock_subaward, money, now, reason_text, save, today, usd
from .making import put_in_force


@transaction.atomic
def publish_waiver_policy(actor, *, title: str, text: str, effective_on, reason: str):
    """A new version of the state's match waiver policy, in effect from ``effective_on`` (not
    before the version in effect now); earlier versions are kept as they were."""
    require(rules.can_publish_waiver_policy(actor))
    reason = reason_text(reason)
    errors = {}
    title = field_text(title, WaiverPolicy, "title", errors=errors)
    text = field_text(text, WaiverPolicy, "text", multiline=True, errors=errors)
    if not title and "title" not in errors:
        errors["title"] = "Give the policy a title."
    if not text and "text" not in errors:
        errors["text"] = "Write the policy: agencies and OVC read it."
    latest = WaiverPolicy.objects.select_for_update().order_by("-number").first()
    if not isinstance(effective_on, dt.date):
        errors["effective_on"] = "Enter the date the policy takes effect."
    elif latest is not None and effective_on < latest.effective_on:
        errors["effective_on"] = (
            f"A new version takes effect on or after the last one ({latest.label})."
        )
    if errors:
        raise ValidationError(errors)
    policy = WaiverPolicy(
        number=(latest.number if latest else 0) + 1,
        title=title,
        text=text,
        effective_on=effective_on,
        reason=reason,
        published_by=actor,
    )
    save(policy, actor, reason)
    return policy


@transaction.atomic
def request_match_waiver(actor, *, subaward_id, amount, reason: str) -> WaiverRequest:
    """The Agency Director asks to waive ``amount`` of the subaward's match, citing the policy
    in effect today; at most the match still due."""
    subaward = lock_subaward(subaward_id)
    require(rules.can_request_waiver(actor, subaward))
    reason = reason_text(reason)
    amount = money(amount, "amount")
    current = subaward.current_version()
    if amount > current.match_due:
        raise ValidationError(
            {
                "amount": f"At most the match still due can be waived: {usd(current.match_due)} "
                f"({usd(current.match_required)} required, {usd(current.match_waived)} already "
                "waived)."
            }
        )
    request = WaiverRequest(
        subaward=subaward,
        policy=WaiverPolicy.objects.in_effect_on(today()),
        amount=amount,
        reason=reason,
        status=WaiverStatus.REQUESTED,
        requested_by=actor,
        requested_at=now(),
    )
    save(request, actor, f"Match waiver requested: {reason}")
    return request


def _open(actor, request_id, step_name: str, reason: str):
    keys = WaiverRequest.objects.filter(pk=request_id).values("subaward_id").first()
    if keys is None:
        raise ValidationError("That match waiver request does not exist.")
    require(
        rules.holds_state_permission(actor, DECIDE_WAIVER),
        "Only the state's Grants Manager decides match waiver requests.",
    )
    subaward = lock_subaward(keys["subaward_id"])
    request = WaiverRequest.objects.select_for_update().get(pk=request_id)
    step = WAIVERS.check(request, step_name, actor)
    if step_name == "approve" and (refusal := rules._pending_refusal(subaward)):
        raise ValidationError(refusal)
    return step, subaward, request, reason_text(reason)


@transaction.atomic
def approve_match_waiver(actor, *, request_id, reason: str, amount=None) -> WaiverRequest:
    """Approve the request in whole (``amount`` None) or in part: a new subaward version puts
    it in force."""
    step, subaward, request, reason = _open(actor, request_id, "approve", reason)
    approved = request.amount if amount in (None, "") else money(amount, "amount")
    if approved > request.amount:
        raise ValidationError(
            {"amount": f"At most the amount requested can be approved ({usd(request.amount)})."}
        )
    current = subaward.current_version()
    decision = f"{request.policy.label}. {reason}"
    limit = model_max_length(SubawardVersion, "match_waiver_decision")
    if len(decision) > limit:
        raise ValidationError(
            {
                "reason": f"Keep the reason shorter: it is printed on the subaward after the "
                f"policy's name, {limit} characters in all (this would be {len(decision)})."
            }
        )
    try:
        version = prepare_amendment(
            actor,
            subaward,
            VersionKind.MATCH_WAIVER,
            # The request's whole reason is kept in match_waiver_reason; the version's own
            # reason is marked where it is cut (voca.text.within_limit), never cut silently.
            within_limit(
                f"Match waiver request #{request.pk}: {request.reason}",
                model_max_length(SubawardVersion, "reason"),
            ),
            {
                "match_waived": current.match_waived + approved,
                "match_waiver_reason": request.reason,
                "match_waiver_decision": decision,
            },
            status=VersionStatus.REQUESTED,
            requested_by=request.requested_by,
        )
    except ValidationError as error:
        messages = getattr(error, "message_dict", {}).get("match_waived")
        raise (ValidationError({"amount": messages}) if messages else error) from None
    put_in_force(actor, subaward, version, VERSIONS["approve"], reason)
    request.status = step.target
    request.approved_amount = approved
    request.decided_by, request.decided_at, request.decision_reason = actor, now(), reason
    request.version = version
    save(request, actor, f"Approved ({usd(approved)}): {reason}")
    return request


@transaction.atomic
def deny_match_waiver(actor, *, request_id, reason: str) -> WaiverRequest:
    step, _subaward, request, reason = _open(actor, request_id, "deny", reason)
    request.status = step.target
    request.decided_by, request.decided_at, request.decision_reason = actor, now(), reason
    save(request, actor, f"Denied: {reason}")
    return request
