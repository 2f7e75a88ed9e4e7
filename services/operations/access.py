"""The access log: one row appended per read of a confidential record."""

from services.models import AccessLog
from voca.text import model_max_length, within_limit


def record_access(*, user, record, action: str, ip_address: str | None = None, detail=""):
    """Append one read to the access log (``record`` is an instance or a model class)."""
    is_instance = not isinstance(record, type)
    model = type(record) if is_instance else record
    return AccessLog.objects.create(
        user=user if user and user.is_authenticated else None,
        record_type=model._meta.label,
        record_id=str(record.pk) if is_instance else "",
        action=action,
        ip_address=ip_address or None,
        detail=within_limit(detail, model_max_length(AccessLog, "detail")),
    )
