"""The blocks of a service day's page: "what to bring" is a list of short items."""

import json
import uuid

from wagtail import blocks


def items_from_lines(text: str) -> list[dict]:
    """One item per non-empty line, as stored in a StreamField (how "what to bring" was kept
    before each item became its own block)."""
    return [
        {"type": "item", "value": line.strip(), "id": str(uuid.uuid4())}
        for line in text.splitlines()
        if line.strip()
    ]


class WhatToBringBlock(blocks.StreamBlock):
    """Short items, each its own segment in the translation editor (a multi-line text was one
    segment there, shown with a raw <br/>, that no translator could break into lines)."""

    item = blocks.CharBlock(max_length=200, label="Item")

    def to_python(self, value):
        # Text from before (a revision, a translation source, a factory): one item per line.
        if isinstance(value, str) and value.strip():
            try:
                json.loads(value)
            except ValueError:
                value = items_from_lines(value)
        return super().to_python(value)
