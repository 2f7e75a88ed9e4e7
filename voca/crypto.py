"""Confidential fields encrypted in the application with the agency's keys (28 CFR 94.115).

A stolen dump, backup or replica holds ciphertext only: values are encrypted with Fernet
(AES-128-CBC + HMAC-SHA256, authenticated) before they reach the database and decrypted when the
application loads the row.

Keys (setting ``VOCA_FIELD_KEYS``, from the environment variable of the same name): one or more
Fernet keys, comma-separated, **newest first**. New values are written with the newest; every key
listed can read. ``manage.py voca_rotate_keys`` rewrites every value under the newest key, after
which older keys can be removed.

Exact-value lookups never search plaintext: ``lookup_digest`` is an HMAC-SHA256 of the value under
a lookup key: ``VOCA_LOOKUP_KEY`` when set, otherwise one derived (HKDF-SHA256) from each field
key, so a rotation also moves the digests to the newest key; ``lookup_digests`` gives the digest
under every key held, for the rows not yet rotated.

A value written under a key this server does not hold loads as ``Unreadable``: it shows as
``UNREADABLE_MESSAGE`` and saves back its ciphertext unchanged, so nothing is lost by reading it.
"""

import base64
import functools
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

UNREADABLE_MESSAGE = "This record was encrypted with a key this server does not hold."
KEYS_HELP = (
    "Confidential fields (names, phones, consent, notes, referrals) are encrypted with the "
    "agency's keys and cannot be read or written without one: make a key with "
    "`python -m voca.crypto` and set VOCA_FIELD_KEYS (newest first, comma-separated)."
)
DEFAULT_KEY_FILE = Path.home() / ".local" / "share" / "voca" / "field-keys"


def parse_keys(raw) -> tuple[str, ...]:
    """``"k2,k1"`` or a list of keys -> ("k2", "k1"), blanks dropped, order kept (newest first)."""
    parts = raw.split(",") if isinstance(raw, str) else (raw or ())
    return tuple(key.strip() for key in parts if key and key.strip())


def new_key() -> str:
    return Fernet.generate_key().decode()


def local_key_file_keys(path=None) -> tuple[str, ...]:
    """Development and demo only: the keys in a file outside the repository, made on first use.

    ``VOCA_FIELD_KEYS_FILE`` names the file (default ``~/.local/share/voca/field-keys``).
    """
    path = Path(path or os.environ.get("VOCA_FIELD_KEYS_FILE") or DEFAULT_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        # Created readable by its owner only, never replaced once there.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as out:
            out.write(new_key() + "\n")
    return parse_keys(path.read_text().replace("\n", ","))


def validated_keys(raw) -> tuple[str, ...]:
    """``raw`` as keys, refusing none or a malformed one with a message saying what to do."""
    keys = parse_keys(raw)
    if not keys:
        raise ImproperlyConfigured(f"VOCA_FIELD_KEYS is not set. {KEYS_HELP}")
    _fernets(keys)
    return keys


@functools.lru_cache(maxsize=8)
def _parsed(raw) -> tuple[str, ...]:
    return parse_keys(raw)


def field_keys() -> tuple[str, ...]:
    # Read on every value (tests and rotations change the setting), parsed once per key set.
    raw = getattr(settings, "VOCA_FIELD_KEYS", ())
    keys = _parsed(raw if isinstance(raw, str) else tuple(raw or ()))
    if not keys:
        raise ImproperlyConfigured(f"VOCA_FIELD_KEYS is not set. {KEYS_HELP}")
    return keys


@functools.lru_cache(maxsize=8)
def _fernets(keys: tuple[str, ...]) -> tuple[MultiFernet, Fernet]:
    try:
        each = [Fernet(key) for key in keys]
    except ValueError as error:
        raise ImproperlyConfigured(
            "A key in VOCA_FIELD_KEYS is not a Fernet key (32 url-safe base64-encoded bytes). "
            + KEYS_HELP
        ) from error
    return MultiFernet(each), each[0]


def encrypt(text: str) -> str:
    return _fernets(field_keys())[0].encrypt(text.encode()).decode()


def decrypt(token: str) -> str:
    """The plaintext of ``token``; ``InvalidToken`` when no key held opens it."""
    return _fernets(field_keys())[0].decrypt(token.encode()).decode()


def is_under_newest_key(token: str) -> bool:
    try:
        _fernets(field_keys())[1].decrypt(token.encode())
    except InvalidToken:
        return False
    return True


# --- Keyed digests for exact-value lookups ---------------------------------------------------


@functools.lru_cache(maxsize=8)
def _lookup_keys(keys: tuple[str, ...], given: str) -> tuple[bytes, ...]:
    if given:
        return (given.encode(),)
    return tuple(
        HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"voca lookup digest").derive(
            base64.urlsafe_b64decode(key)
        )
        for key in keys
    )


def _digest(key: bytes, value: str) -> str:
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def lookup_digest(value: str) -> str:
    """The digest stored beside an encrypted value (under the newest lookup key); "" for ""."""
    if not value:
        return ""
    given = getattr(settings, "VOCA_LOOKUP_KEY", "") or ""
    return _digest(_lookup_keys(field_keys(), given)[0], value)


def lookup_digests(value: str) -> list[str]:
    """Every digest ``value`` may be stored under (each key held), for ``<field>__in``."""
    if not value:
        return []
    given = getattr(settings, "VOCA_LOOKUP_KEY", "") or ""
    return [_digest(key, value) for key in _lookup_keys(field_keys(), given)]


# --- Model fields ----------------------------------------------------------------------------


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
        name, path, args, kwargs = super().deconstruct()
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
            return decrypt(value)
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
        return encrypt(str(value))

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
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, instance, add):
        value = getattr(instance, self.source)
        if not isinstance(value, Unreadable):
            setattr(instance, self.attname, lookup_digest(value))
        return getattr(instance, self.attname)


def check_keys(app_configs=None, **kwargs):
    """System check: no start-up (runserver, migrate, gunicorn's checks) without a usable key."""
    from django.core.checks import Error

    try:
        validated_keys(getattr(settings, "VOCA_FIELD_KEYS", ()))
    except ImproperlyConfigured as error:
        return [Error(str(error), id="voca.E001")]
    return []


# --- Rewriting stored values in batches (the data migration and key rotation) ------------------


def encrypted_columns(model, names=None) -> tuple[list, list]:
    """(encrypted fields, digest fields) of ``model``, as stored in its table; only those named
    in ``names`` (and the digests of those) when given."""
    fields = model._meta.concrete_fields
    return (
        [
            f
            for f in fields
            if isinstance(f, EncryptedTextField) and (names is None or f.name in names)
        ],
        [
            f
            for f in fields
            if isinstance(f, LookupDigestField) and (names is None or f.source in names)
        ],
    )


def rewrite_rows(connection, model, rewrite, *, batch_size: int = 500, encrypted=None):
    """Read ``model``'s encrypted and digest columns raw, by primary key, ``batch_size`` rows at a
    time; ``rewrite(values) -> changed values`` ({column: value}); each batch commits on its own,
    so an interrupted run keeps what it did and a rerun goes on from there.

    ``encrypted``/digest fields default to the model's; the migration passes its own.
    Yields the number of rows rewritten per batch.
    """
    from django.db import transaction

    enc, digests = encrypted or encrypted_columns(model)
    columns = [f.column for f in enc + digests]
    quote = connection.ops.quote_name
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    select = (
        f"SELECT {pk}, {', '.join(quote(c) for c in columns)} FROM {table} "  # noqa: S608
        f"WHERE {pk} > %s ORDER BY {pk} LIMIT %s"
    )
    last = 0
    while True:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute(select, [last, batch_size])
            rows = cursor.fetchall()
            if not rows:
                return
            changed = 0
            for row in rows:
                values = dict(zip(columns, row[1:], strict=True))
                new = {c: v for c, v in rewrite(values).items() if values.get(c) != v}
                if new:
                    sets = ", ".join(f"{quote(c)} = %s" for c in new)
                    cursor.execute(
                        f"UPDATE {table} SET {sets} WHERE {pk} = %s",  # noqa: S608
                        [*new.values(), row[0]],
                    )
                    changed += 1
            last = rows[-1][0]
        yield changed


def _digest_columns(digests) -> dict[str, str]:
    return {d.source: d.column for d in digests}


def encrypting(model, fields=None) -> callable:
    """A ``rewrite_rows`` step: plaintext (as an older release stored it) -> ciphertext, "" -> NULL.
    Values already encrypted are left as they are, so the step can run twice. ``fields``: the
    encrypted fields to rewrite (default: every one of ``model``)."""
    enc, digests = encrypted_columns(model, fields)
    digest_of = _digest_columns(digests)

    def rewrite(values):
        out = {}
        for field in enc:
            value = values[field.column]
            plain = value or ""
            if value == "":
                out[field.column] = None
            elif value is not None:
                try:
                    plain = decrypt(value)
                except InvalidToken:
                    out[field.column] = encrypt(value)
            if field.name in digest_of:
                out[digest_of[field.name]] = lookup_digest(plain)
        return out

    return rewrite


def decrypting(model, fields=None) -> callable:
    """The reverse step (migrating back to a release without encryption): plaintext, NULL -> ""."""
    enc, digests = encrypted_columns(model, fields)

    def rewrite(values):
        out = {d.column: "" for d in digests}
        for field in enc:
            value = values[field.column]
            out[field.column] = decrypt(value) if value is not None else ""
        return out

    return rewrite


def rotating(model, counts: dict) -> callable:
    """A ``rewrite_rows`` step for ``voca_rotate_keys``: every value under the newest key, and
    every digest under the newest lookup key; counts ``rotated``, ``current`` (already under the
    newest key: skipped) and ``unreadable`` (no key held opens it: left as it is)."""
    enc, digests = encrypted_columns(model)
    digest_of = _digest_columns(digests)

    def rewrite(values):
        out = {}
        for field in enc:
            token = values[field.column]
            if token is None:
                continue
            try:
                plain = decrypt(token)
            except InvalidToken:
                counts["unreadable"] += 1
                continue
            if is_under_newest_key(token):
                counts["current"] += 1
            else:
                out[field.column] = encrypt(plain)
                counts["rotated"] += 1
            if field.name in digest_of:
                out[digest_of[field.name]] = lookup_digest(plain)
        return out

    return rewrite


if __name__ == "__main__":
    # `python -m voca.crypto` prints a new key (no settings needed).
    print(new_key())
