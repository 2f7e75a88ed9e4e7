"""Shared infrastructure records: security events on staff accounts, passwords to change."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SecurityEvent(models.Model):
    """Something that changed how an account signs in; shown to the account holder.

    Rows are only ever added (nobody edits or deletes them), so a holder who did not make a change
    can see it and report it."""

    AUTHENTICATOR_ADDED = "authenticator_added"
    AUTHENTICATOR_REMOVED = "authenticator_removed"
    RECOVERY_CODES_ISSUED = "recovery_codes_issued"
    RECOVERY_CODE_USED = "recovery_code_used"
    KINDS = [
        (AUTHENTICATOR_ADDED, "Authenticator app added"),
        (AUTHENTICATOR_REMOVED, "Authenticator or recovery codes removed"),
        (RECOVERY_CODES_ISSUED, "New recovery codes issued"),
        (RECOVERY_CODE_USED, "Signed in with a recovery code"),
    ]

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="security_events"
    )
    kind = models.CharField(max_length=32, choices=KINDS)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.at:%Y-%m-%d %H:%M})"


class TemporaryPassword(models.Model):
    """The account's password was set by an administrator: its holder chooses their own before
    opening any staff page (voca.passwords, voca.security.RequirePasswordChangeMiddleware)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="temporary_password",
    )
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    set_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"temporary password of user #{self.user_id}"


class StoredFile(models.Model):
    """A private file (supporting document, generated report) kept in the database itself.

    Used when VOCA_FILE_STORE is "database" (voca/file_store.py): every app server and the worker
    read the same rows, a file is written in the same transaction as the record naming it, and one
    pg_dump holds records and files in one snapshot. Never served at a URL of its own: files leave
    only through their app's permission-checked view."""

    name = models.CharField(max_length=255, unique=True)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        default_permissions = ()

    def __str__(self):
        # The name may say what a document is; the number is enough for a log or an error.
        return f"stored file #{self.pk}"
