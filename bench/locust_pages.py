"""Page parsing for the simulated users of bench/locustfile.py: the fields of a form as a browser
submits them (every field with its default, then the changes a person makes) and the first
error message a page shows."""

import re
from collections import defaultdict
from html.parser import HTMLParser


class FormReader(HTMLParser):
    """The fields of one <form> as a browser would submit them, and every choice offered."""

    def __init__(self, action_contains: str | None = None):
        super().__init__(convert_charrefs=True)
        self.action_contains = action_contains
        self.in_form = False
        self.done = False
        self.fields: list[tuple[str, str]] = []
        self.choices: dict[str, list[str]] = defaultdict(list)
        self.file_fields: list[str] = []
        self._select = None
        self._select_multiple = False
        self._select_first = None
        self._select_chosen = False
        self._in_option = False
        self._option_value = None
        self._option_selected = False
        self._option_text = ""
        self._textarea = None
        self._textarea_text = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and not self.done and a.get("method", "get").lower() == "post":
            if self.action_contains is None or self.action_contains in (a.get("action") or ""):
                self.in_form = True
            return
        if not self.in_form or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            if kind == "file":
                self.file_fields.append(name)
            elif kind in ("checkbox", "radio"):
                self.choices[name].append(a.get("value", "on"))
                if "checked" in a:
                    self.fields.append((name, a.get("value", "on")))
            else:
                self.fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_multiple = name, "multiple" in a
            self._select_first, self._select_chosen = None, False
        elif tag == "option" and self._select:
            self._in_option = True
            self._option_value = a.get("value")
            self._option_selected = "selected" in a
            self._option_text = ""
        elif tag == "textarea" and name:
            self._textarea, self._textarea_text = name, ""

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea_text += data
        elif self._in_option:
            self._option_text += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form, self.done = False, True
        elif tag == "option" and self._select:
            value = self._option_value
            if value is None:
                value = self._option_text.strip()
            self.choices[self._select].append(value)
            if self._select_first is None:
                self._select_first = value
            if self._option_selected and (self._select_multiple or not self._select_chosen):
                self.fields.append((self._select, value))
                self._select_chosen = True
            self._in_option, self._option_value, self._option_selected = False, None, False
        elif tag == "select" and self._select:
            if not self._select_chosen and not self._select_multiple and self._select_first:
                self.fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, self._textarea_text.lstrip("\n")))
            self._textarea = None


def read_form(html: str, action_contains: str | None = None) -> FormReader:
    reader = FormReader(action_contains)
    reader.feed(html)
    return reader


def with_values(fields, **changes):
    """The form's fields with some replaced (a list value replaces every field of that name)."""
    kept = [(n, v) for n, v in fields if n not in changes]
    for name, value in changes.items():
        if value is None:
            continue
        for one in value if isinstance(value, list) else [value]:
            kept.append((name, one))
    return kept


ERROR_TEXT = re.compile(r'class="error-message"[^>]*>\s*(?:<[^>]+>\s*)*([^<]{3,160})', re.S)


def first_error(html: str) -> str:
    match = ERROR_TEXT.search(html)
    if match:
        return " ".join(match.group(1).split())[:80]
    match = re.search(r"help-critical[^>]*>\s*(?:<[^>]+>\s*)*([^<]{3,160})", html)
    return " ".join(match.group(1).split())[:80] if match else "form shown again"
