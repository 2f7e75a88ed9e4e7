"""The one rule for free text that operations store: a length limit and no control characters.

Every operation that keeps text typed by a person calls ``clean_text``; forms only show its
refusal on the field, so the limit and the message live here once.
"""

import unicodedata

from django.core.exceptions import ValidationError

# Tab and newline are text; every other control character breaks exports (openpyxl refuses them).
ALLOWED_CONTROLS = frozenset("\t\n")


def clean_text(value, *, field: str, max_length: int, multiline: bool = True) -> str:
    """``value`` stripped, with CRLF/CR as newline; refuse it if too long or not storable."""
    text = "" if value is None else str(value)
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    for char in text:
        if char == "\n" and not multiline:
            raise ValidationError({field: "Keep this on one line; remove the line break."})
        if char not in ALLOWED_CONTROLS and unicodedata.category(char) in ("Cc", "Cs"):
            raise ValidationError(
                {
                    field: f"This contains a control character (U+{ord(char):04X}) that "
                    "cannot be stored; remove it."
                }
            )
    if len(text) > max_length:
        raise ValidationError(
            {field: f"Keep this under {max_length} characters (you entered {len(text)})."}
        )
    return text


def within_limit(text: str, max_length: int) -> str:
    """Text the system writes (an error, a log's detail), never cut silently: whole when it fits
    ``max_length``, else its start and "… (truncated, N characters)" naming its full length.
    Text a person typed is refused by ``clean_text`` instead."""
    text = str(text)
    if len(text) <= max_length:
        return text
    marker = f"… (truncated, {len(text)} characters)"
    return (text[: max(max_length - len(marker), 0)] + marker)[:max_length]


def model_max_length(model, name: str) -> int:
    """A CharField's limit, so an operation states no second copy of it."""
    return model._meta.get_field(name).max_length


def description_text(*parts: str, limit: int = 160) -> str:
    """Plain text for a page's meta description: markup stripped, spaces collapsed, the
    non-empty parts joined, cut at a word to fit ``limit`` (what search results show)."""
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    text = " ".join(" ".join(strip_tags(part or "").split()) for part in parts if part).strip()
    return Truncator(text).chars(limit)
