"""The access log: append-only, who read which confidential record, when, from where."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from organizations.models import Organization
from voca import clock

from .clients import Client
from .contacts import Contact


class AccessLogQuerySet(models.QuerySet):
    """Bulk writes skip the row guards below, so the queryset refuses them too."""

    def update(self, **kwargs):
        raise ValidationError("The access log is append-only.")

    def delete(self):
        raise ValidationError("The access log is append-only.")


class AccessLog(models.Model):
    """Append-only: who read which confidential record, when, from where."""

    class Action(models.TextChoices):
        INSPECT = "inspect", "Inspect"
        EDIT = "edit", "Open for editing"
        HISTORY = "history", "History"
        EXPORT = "export", "Export"
        LOOKUP = "lookup", "Client code lookup"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    # Whose record was read (the reader's organization for a listing): each reads only its own.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+", editable=False
    )
    record_type = models.CharField(max_length=40)
    record_id = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=clock.now, editable=False, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "access log entry"
        indexes = [models.Index(fields=["organization", "-at"], name="accesslog_org_newest_first")]
        verbose_name_plural = "access log entries"

    def __str__(self):
        return f"Access #{self.pk}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("The access log is append-only.")

    @property
    def record_label(self) -> str:
        """What was read, as staff name it: the client code or "Contact #302 on 1 Dec 2026"."""
        cached = getattr(self, "_record_label", None)
        if cached is None:
            AccessLog.label_records([self])
            cached = self._record_label
        return cached

    @staticmethod
    def label_records(entries) -> None:
        """Set ``record_label`` on each entry, with one query per kind of record read."""
        by_type: dict[str, set[int]] = {}
        for entry in entries:
            if entry.record_id.isdigit():
                by_type.setdefault(entry.record_type, set()).add(int(entry.record_id))
        labels = {}
        if by_type.get("services.Client"):
            ids = by_type["services.Client"]
            for pk, code in Client.objects.filter(pk__in=ids).values_list("pk", "code"):
                labels["services.Client", pk] = f"Client {code}"
        if by_type.get("services.Contact"):
            for contact in Contact.objects.filter(pk__in=by_type["services.Contact"]).only("date"):
                labels["services.Contact", contact.pk] = str(contact)
        for entry in entries:
            key = (entry.record_type, int(entry.record_id) if entry.record_id.isdigit() else None)
            kind = {"services.Client": "Clients", "services.Contact": "Contacts"}
            many = f"{kind.get(entry.record_type, 'Records')} (a listing or export)"
            fallback = many if not entry.record_id else "A record no longer there"
            entry._record_label = labels.get(key, fallback)
