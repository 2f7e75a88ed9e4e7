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

from .fields import (
    EncryptedCharField,
    EncryptedTextField,
    LookupDigestField,
    Unreadable,
    unreadable_fields,
)
from .keys import (
    DEFAULT_KEY_FILE,
    KEYS_HELP,
    UNREADABLE_MESSAGE,
    check_keys,
    decrypt,
    encrypt,
    field_keys,
    is_under_newest_key,
    local_key_file_keys,
    lookup_digest,
    lookup_digests,
    new_key,
    parse_keys,
    validated_keys,
)
from .rewriting import decrypting, encrypted_columns, encrypting, rewrite_rows, rotating

__all__ = [
    "DEFAULT_KEY_FILE",
    "KEYS_HELP",
    "UNREADABLE_MESSAGE",
    "EncryptedCharField",
    "EncryptedTextField",
    "LookupDigestField",
    "Unreadable",
    "check_keys",
    "decrypt",
    "decrypting",
    "encrypt",
    "encrypted_columns",
    "encrypting",
    "field_keys",
    "is_under_newest_key",
    "local_key_file_keys",
    "lookup_digest",
    "lookup_digests",
    "new_key",
    "parse_keys",
    "rewrite_rows",
    "rotating",
    "unreadable_fields",
    "validated_keys",
]
