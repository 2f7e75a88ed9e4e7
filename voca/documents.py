"""Uploaded supporting documents: what is accepted, and where they are kept.

One rule for every upload that proves something (a claim's receipts, a SAM.gov exclusion check, a
match record): a PDF or an image (PNG, JPEG), recognised by its first bytes rather than its name,
and no larger than ``MAX_DOCUMENT_BYTES``. A refusal says which and why; nothing is saved.
"""

from django.core.exceptions import ValidationError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024  # 10 MB: a scanned multi-page receipt fits

# First bytes of each accepted kind (the name and the browser's content type can lie).
SIGNATURES = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
)


def document_kind(upload) -> str | None:
    """ "PDF", "PNG image" or "JPEG image" from the file's first bytes; None for anything else."""
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(8)
    upload.seek(position)
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    return None


def validate_document(upload) -> str:
    """Refuse an upload that is not a PDF or image, is empty, or is over the size limit; return
    its kind when it is accepted."""
    size = getattr(upload, "size", None) or 0
    if size == 0:
        raise ValidationError("The file is empty: choose the document again.", code="empty")
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            "The file is %(size)s MB; documents can be at most %(limit)s MB. Scan at a lower "
            "resolution or split it into parts.",
            params={
                "size": f"{size / 1024 / 1024:.1f}",
                "limit": MAX_DOCUMENT_BYTES // 1024 // 1024,
            },
            code="too_large",
        )
    kind = document_kind(upload)
    if kind is None:
        raise ValidationError(
            "Only a PDF or an image (PNG or JPEG) can be attached: this file is neither.",
            code="file_type",
        )
    return kind


def private_storage():
    """Where supporting documents are kept: never served at a URL of their own; files leave only
    through their app's permission-checked view."""
    from django.core.files.storage import storages

    return storages["private"]
