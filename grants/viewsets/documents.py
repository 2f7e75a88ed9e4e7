"""Supporting documents leave private storage only through this view's permission check."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404

from .. import permissions
from ..models import Draw, MatchContribution

DOCUMENT_MODELS = {"draw": Draw, "matchcontribution": MatchContribution}


def document_view(request, model_name, pk):
    model = DOCUMENT_MODELS.get(model_name)
    if model is None:
        raise Http404
    obj = get_object_or_404(model, pk=pk)
    if not permissions.can_view_document(request.user, obj):
        raise PermissionDenied
    if not obj.document:
        raise Http404("No supporting document")
    response = FileResponse(
        obj.document.open("rb"),
        as_attachment=True,
        filename=obj.document.name.rsplit("/", 1)[-1],
    )
    response["Cache-Control"] = "private, no-store"
    return response
