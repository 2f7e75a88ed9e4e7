"""The model field types that keep a confidential value encrypted in its column (see
``voca.crypto``); they encrypt and decrypt through ``voca.crypto.keys``."""

from cryptography.fernet import InvalidToken
from django import forms
from django.db import models

from . import keys
from .keys import UNREADABLE_MESSAGE


def public_path(field) -> str:
    """``voca.crypto.<Type>``: the path the migrations name these types by (they were defined in
    ``voca.crypto`` itself until it became a package), so moving them changes no migration."""
    return f"voca.crypto.{type(field).__name__}"


class Unreadable(str):
    """A stored value no key held opens: reads as the refusal, saves back its ciphertext."""

    def __new__(cls, token: str):
        value = super().__new__(cls, UNREADABLE_MESSAGE)
        value.token = token
        return value


def unreadable_fields(instance) -> list[str]:
    """Names of ``instance``'s encrypted fields this server could not decrypt."""
    return [
        field.name
        for field in instance._meta.concrete_fields
        if isinstance(field, EncryptedTextField)
        and isinstance(instance.__dict__.get(field.attname), Unreadable)
    ]


class EncryptedTextField(models.TextField):
    """Plaintext in Python, Fernet ciphertext in the column; "" is stored as NULL.

    Only ``isnull`` can be asked of the column (it is "is this empty?"): ciphertext cannot be
    compared, ordered or searched. Use a ``lookup_digest`` column for exact-value searches.
    """

    description = "Text encrypted with the agency's keys"

    def __init__(self, *args, **kwargs):
        kwargs["null"] = True
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        path = public_path(self)
        kwargs.pop("null", None)
        return name, path, args, kwargs

    def get_lookup(self, lookup_name):
        return super().get_lookup(lookup_name) if lookup_name == "isnull" else None

    def get_transform(self, name):
        return None

    def from_db_value(self, value, expression, connection):
        if value is None:
            return ""
        try:
            return keys.decrypt(value)
        except InvalidToken:
            return Unreadable(value)

    def to_python(self, value):
        if value is None or isinstance(value, str):
            return value or ""
        return str(value)

    def get_prep_value(self, value):
        if isinstance(value, Unreadable):
            return value.token
        if value is None or value == "":
            return None
        return keys.encrypt(str(value))

    def value_to_string(self, obj):
        # Serializers (dumpdata) write ciphertext, as the database holds it.
        return self.get_prep_value(self.value_from_object(obj))


class EncryptedCharField(EncryptedTextField):
    """One line of encrypted text; ``max_length`` limits the plaintext (the column is text)."""

    def formfield(self, **kwargs):
        return forms.CharField(
            max_length=self.max_length, required=not self.blank, label=self.verbose_name, **kwargs
        )


class LookupDigestField(models.CharField):
    """The ``lookup_digest`` of another field of the row, kept up to date on every save.

    Search with ``<name>__in=lookup_digests(value)``. Hashed identifiers are still identifiers
    (28 CFR 94.115): keep the column out of history and erase it with its source.
    """

    def __init__(self, *args, source: str = "", **kwargs):
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _, args, kwargs = super().deconstruct()
        path = public_path(self)
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, instance, add):
        value = getattr(instance, self.source)
        if not isinstance(value, Unreadable):
            setattr(instance, self.attname, keys.lookup_digest(value))
        return getattr(instance, self.attname)
