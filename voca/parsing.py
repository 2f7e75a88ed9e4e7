"""Ids typed into URLs, query strings and posts, read the one way every view reads them."""

import re

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from wagtail.admin.views.chooser import ChosenMultipleView as PageChosenMultipleView
from wagtail.admin.views.generic.chooser import ChosenMultipleViewMixin, ChosenViewMixin
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page

# ASCII only: str.isdigit() and int() also take "²", "١٢" and full-width digits.
_ID = re.compile(r"[0-9]{1,18}")


def parse_id(value) -> int | None:
    """A database id from request input, or None for anything else (no sign, no spaces, at most
    18 digits so it fits a 64-bit key on every database)."""
    if isinstance(value, str) and _ID.fullmatch(value):
        return int(value)
    return None


CHOSEN_VIEWS = (ChosenViewMixin, ChosenMultipleViewMixin, PageChosenMultipleView)


class ChooserIdMiddleware:
    """A 404, not a 500, for a chooser's "chosen" URL whose id cannot be a key of its model.

    Wagtail's chosen views (snippets, images, documents, pages, our client chooser) pass the id
    from the path or ``?id=`` straight to ``objects.get(pk=...)``, which raises ValueError for
    "abc". Checking the id against the model's own key field before those views run fixes every
    chooser at once, present and future, without copying or monkeypatching Wagtail's views, and
    without catching errors from anywhere else in them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        view_class = getattr(view_func, "view_class", None)
        if not (isinstance(view_class, type) and issubclass(view_class, CHOSEN_VIEWS)):
            return None
        if issubclass(view_class, PageChosenMultipleView):
            model = Page
        else:
            model = view_func.view_initkwargs.get("model") or view_class.model
        if model is None:
            return None
        key = resolve_model_string(model)._meta.pk
        if "pk" in view_kwargs:
            values = [unquote(str(view_kwargs["pk"]))]
        else:
            values = request.GET.getlist("id")
        if not all(_is_key(key, value) for value in values):
            raise Http404("No such item.")
        return None


def _is_key(field, value) -> bool:
    if isinstance(field, models.IntegerField):
        return parse_id(value) is not None
    try:
        field.to_python(value)
    except ValidationError:
        return False
    return True


# Numbers typed into forms: ASCII digits, an optional minus and one decimal point. Django's own
# IntegerField and DecimalField also take "١٢٣" or full-width digits.
_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)", re.ASCII)


class _AsciiNumber:
    def to_python(self, value):
        text = value.strip() if isinstance(value, str) else value
        if isinstance(text, str) and text and not _NUMBER.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class WholeNumberField(_AsciiNumber, forms.IntegerField):
    """An integer typed in ASCII digits."""


class DecimalNumberField(_AsciiNumber, forms.DecimalField):
    """A decimal number typed in ASCII digits."""
