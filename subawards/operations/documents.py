"""The subaward document is issued (stored and numbered) for every version that comes into force."""

import hashlib

from django.core.files.base import ContentFile

from voca import formats

from ..document import collect, document_number, render_pdf
from .base import save


def issue_document(version, actor) -> None:
    """Render the version's document and keep it with the version (never replaced)."""
    data = collect(version, generated_by=formats.person(actor))
    content = render_pdf(data)
    number = document_number(version)
    version.document.save(f"{number}.pdf", ContentFile(content), save=False)
    version.document_number = number
    version.document_sha256 = hashlib.sha256(content).hexdigest()
    save(version, actor, f"Document {number} issued")
