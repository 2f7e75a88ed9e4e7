"""The agency's field keys: reading and checking them, encrypting and decrypting one value, and
the keyed digests that let an encrypted value be found by its exact value (see ``voca.crypto``)."""

import base64
import functools
import hashlib
import hmac
import os
from pathlib import Path

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

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


def check_keys(app_configs=None, **kwargs):
    """System check: no start-up (runserver, migrate, gunicorn's checks) without a usable key."""
    from django.core.checks import Error

    try:
        validated_keys(getattr(settings, "VOCA_FIELD_KEYS", ()))
    except ImproperlyConfigured as error:
        return [Error(str(error), id="voca.E001")]
    return []
