"""Special conditions are accepted by the subrecipient's Agency Director: who and when."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import permissions
from ..models import SpecialCondition
from .base import lock_subaward, now, save


@transaction.atomic
def accept_condition(actor, *, condition_id) -> SpecialCondition:
    keys = SpecialCondition.objects.filter(pk=condition_id).values("subaward_id").first()
    if keys is None:
        raise ValidationError("That condition does not exist.")
    lock_subaward(keys["subaward_id"])
    condition = SpecialCondition.objects.select_for_update().get(pk=condition_id)
    decision = permissions.can_accept_condition(actor, condition)
    if not decision:
        raise ValidationError(decision.reason)
    condition.accepted_by, condition.accepted_at = actor, now()
    save(condition, actor, "Accepted by the subrecipient")
    return condition
