"""The form renderer (``FORM_RENDERER``): Django's own templates, with the few that a long form
renders hundreds of times (a field group, its label, an empty error list, an input, a select with
its options, a list of checkboxes or radio buttons) written out in Python instead, byte for byte
what Django's templates give (tests/voca/test_form_rendering.py compares them).

Why: rendering one option through the template engine costs three nested includes; the account
page's 600 time zones and fast entry's 120 inputs spent most of their time there. Anything else
(a template an app overrides, a widget with its own option template, a field with errors, a
value the template would localize) is rendered by the templates as before.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, mark_safe

WIDGETS = "django/forms/widgets/"
INPUTS = {
    f"{WIDGETS}{name}.html"
    for name in (
        "checkbox",
        "color",
        "date",
        "datetime",
        "email",
        "file",
        "hidden",
        "number",
        "password",
        "search",
        "tel",
        "text",
        "time",
        "url",
    )
}
CHOICE_LISTS = {f"{WIDGETS}checkbox_select.html", f"{WIDGETS}radio.html"}
CHOICE_OPTIONS = {f"{WIDGETS}checkbox_option.html", f"{WIDGETS}radio_option.html"}
SELECT = f"{WIDGETS}select.html"
SELECT_OPTION = f"{WIDGETS}select_option.html"
FIELD = "django/forms/field.html"
LABEL = "django/forms/label.html"
ERRORS = "django/forms/errors/list/default.html"


class Unusual(Exception):
    """A value the templates would treat in a way not written out here: let them render it."""


def _text(value) -> str:
    """``{{ value }}`` of a text (autoescaped); anything else the template would localize."""
    if isinstance(value, str | Promise):
        return conditional_escape(value)
    raise Unusual


def _formatted(value) -> str:
    """``{{ value|stringformat:'s' }}`` (autoescaped unless the value was safe)."""
    if isinstance(value, tuple):
        value = str(value)
    try:
        text = "%s" % value  # noqa: UP031 (what the stringformat filter does)
    except (ValueError, TypeError):
        return ""
    return text if isinstance(value, SafeData) else escape(text)


def attrs_html(attrs) -> str:
    """django/forms/widgets/attrs.html (None: no attributes, as the template reads it)."""
    if not attrs:
        return ""
    return "".join(
        f" {_text(name)}" if value is True else f' {_text(name)}="{_formatted(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget) -> str:
    """django/forms/widgets/input.html, without its last line's end."""
    value = widget["value"]
    shown = "" if value is None else f' value="{_formatted(value)}"'
    return (
        f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{shown}'
        f"{attrs_html(widget['attrs'])}>"
    )


def _choice_option(option) -> str:
    """checkbox_option.html / radio_option.html (input_option.html and its line end)."""
    if option["template_name"] not in CHOICE_OPTIONS:
        raise Unusual
    html = _input(option) + "\n"
    if option["wrap_label"]:
        for_id = option["attrs"].get("id")
        label_for = f' for="{_text(for_id)}"' if for_id else ""
        html = f"<label{label_for}>{html} {_text(option['label'])}</label>"
    return html + "\n\n"


def _choice_list(widget) -> str:
    """django/forms/widgets/multiple_input.html."""
    attrs = widget["attrs"]
    html = ["<div"]
    if attrs.get("id"):
        html.append(f' id="{_text(attrs["id"])}"')
    if attrs.get("class"):
        html.append(f' class="{_text(attrs["class"])}"')
    html.append(">")
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f"\n  <div><label>{_text(group)}</label>")
        for option in options:
            html.append(f"<div>\n    {_choice_option(option)}</div>")
        if group:
            html.append("\n  </div>")
    html.append("\n</div>")
    return "".join(html)


def _select(widget) -> str:
    """django/forms/widgets/select.html with select_option.html."""
    html = [f'<select name="{_text(widget["name"])}"{attrs_html(widget["attrs"])}>']
    for group, options, _index in widget["optgroups"]:
        if group:
            html.append(f'\n  <optgroup label="{_text(group)}">')
        for option in options:
            if option["template_name"] != SELECT_OPTION:
                raise Unusual
            html.append(
                f'\n  <option value="{_formatted(option["value"])}"{attrs_html(option["attrs"])}>'
                f"{_text(option['label'])}</option>\n"
            )
        if group:
            html.append("\n  </optgroup>")
    html.append("\n</select>")
    return "".join(html)


def _label(context) -> str:
    """django/forms/label.html."""
    if not context["use_tag"]:
        return _text(context["label"])
    tag = _text(context["tag"])
    return f"<{tag}{attrs_html(context['attrs'])}>{_text(context['label'])}</{tag}>"


def _field(context) -> str:
    """django/forms/field.html: a field group (label, help, errors, widget)."""
    field = context["field"]
    if field.use_fieldset:
        described = field.aria_describedby
        described = f' aria-describedby="{escape(described)}"' if described else ""
        html = f"\n  <fieldset{described}>\n  {field.legend_tag() if field.label else ''}\n"
    else:
        html = f"\n  {field.label_tag() if field.label else ''}\n"
    help_text = ""
    if field.help_text:
        helped = f' id="{escape(field.auto_id)}_helptext"' if field.auto_id else ""
        help_text = f'<div class="helptext"{helped}>{field.help_text}</div>'
    closing = "</fieldset>" if field.use_fieldset else ""
    return f"{html}\n{help_text}\n{field.errors}\n{field}{closing}\n"


def _errors(context) -> str:
    if context["errors"]:
        raise Unusual  # a field with errors: rare, and the templates word it
    return ""


def _widget(render):
    return lambda context: render(context["widget"])


WRITTEN_OUT = {
    **dict.fromkeys(INPUTS, _widget(_input)),
    **dict.fromkeys(CHOICE_LISTS, _widget(_choice_list)),
    SELECT: _widget(_select),
    FIELD: _field,
    LABEL: _label,
    ERRORS: _errors,
}


class FormRenderer(DjangoTemplates):
    """Django's template renderer, with the templates in ``WRITTEN_OUT`` rendered in Python
    unless an app overrides the template (then that app's template is used, as before)."""

    def __init__(self):
        super().__init__()
        self._ours: dict[str, bool] = {}

    def _written_out(self, template_name):
        render = WRITTEN_OUT.get(template_name)
        if render is None:
            return None
        ours = self._ours.get(template_name)
        if ours is None:
            # Django's own template, not one an installed app puts in its place.
            origin = str(self.get_template(template_name).origin.name)
            ours = self._ours[template_name] = "/django/forms/templates/django/forms/" in origin
        return render if ours else None

    def render(self, template_name, context, request=None):
        render = self._written_out(template_name)
        if render is not None:
            try:
                return mark_safe(render(context).strip())  # noqa: S308 (every value escaped above)
            except Unusual:
                pass
        return super().render(template_name, context, request)
