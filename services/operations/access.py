"""The access log: one row appended per read of a confidential record."""

from organizations.access import owning_organization
from services.models import AccessLog
from voca.text import model_max_length, within_limit


def record_access(*, user, record, action: str, ip_address: str | None = None, detail=""):
    """Append one read to the access log (``record`` is an instance or a model class). The
    entry is the record's organization's (the reader's for a listing), so only it reads it."""
    is_instance = not isinstance(record, type)
    model = type(record) if is_instance else record
    reader = user if user and user.is_authenticated else None
    organization_id = getattr(record, "organization_id", None) if is_instance else None
    return AccessLog.objects.create(
        organization_id=organization_id or owning_organization(reader).pk,
        user=user if user and user.is_authenticated else None,
        record_type=model._meta.label,
        record_id=str(record.pk) if is_instance else "",
        action=action,
        ip_address=ip_address or None,
        detail=within_limit(detail, model_max_length(AccessLog, "detail")),
    )
