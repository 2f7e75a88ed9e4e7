"""Rewriting stored values in batches: the data migrations that encrypt (or decrypt) a table's
confidential columns and the key rotation (``manage.py voca_rotate_keys``)."""

from cryptography.fernet import InvalidToken

from . import keys
from .fields import EncryptedTextField, LookupDigestField


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
                    plain = keys.decrypt(value)
                except InvalidToken:
                    out[field.column] = keys.encrypt(value)
            if field.name in digest_of:
                out[digest_of[field.name]] = keys.lookup_digest(plain)
        return out

    return rewrite


def decrypting(model, fields=None) -> callable:
    """The reverse step (migrating back to a release without encryption): plaintext, NULL -> ""."""
    enc, digests = encrypted_columns(model, fields)

    def rewrite(values):
        out = {d.column: "" for d in digests}
        for field in enc:
            value = values[field.column]
            out[field.column] = keys.decrypt(value) if value is not None else ""
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
                plain = keys.decrypt(token)
            except InvalidToken:
                counts["unreadable"] += 1
                continue
            if keys.is_under_newest_key(token):
                counts["current"] += 1
            else:
                out[field.column] = keys.encrypt(plain)
                counts["rotated"] += 1
            if field.name in digest_of:
                out[digest_of[field.name]] = keys.lookup_digest(plain)
        return out

    return rewrite
