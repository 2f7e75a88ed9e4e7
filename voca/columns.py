"""Listing columns that print through voca.formats, so every admin listing reads the same way, and
whose cells are written out in Python rather than through a template each.

Why: Wagtail renders every cell of a listing through its own template (a title cell through four
nested ones: the cell, its buttons, the "More options" dropdown, each button in it). A list of 20
rows and 7 columns is 140 template renders, a third of the request. ``FastCells`` writes the cells
of Wagtail's plain and title cell templates byte for byte as those templates do
(tests/voca/test_columns.py compares them for every column kind the listings use), like
voca/form_rendering.py does for form fields. Anything else (a template an app overrides, a value
the template would localize, a button of another kind) is rendered by the templates as before.
"""

from datetime import date, time
from decimal import Decimal
from functools import cache

from django.template.loader import get_template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from wagtail.admin.ui.tables import Column as WagtailColumn
from wagtail.admin.ui.tables import TitleColumn
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, ListingButton

from voca import formats
from voca.form_rendering import Unusual, attrs_html

CELL = "wagtailadmin/tables/cell.html"
TITLE_CELL = "wagtailadmin/tables/title_cell.html"
BUTTON = "wagtailadmin/shared/button.html"
DROPDOWN = "wagtailadmin/shared/button_with_dropdown.html"


def _value(value) -> str:
    """``{{ value }}``: escaped text; a number, date or time the template would localize is not
    written out here."""
    if value is None:
        return "None"
    if isinstance(value, bool | int | float | Decimal | date | time):
        raise Unusual
    return conditional_escape(value if isinstance(value, str) else str(value))


def _class(classname) -> str:
    return conditional_escape(classname)


def _icon(name, classname="icon") -> str:
    """wagtailadmin/shared/icon.html (``{% icon %}``, no title, not wrapped)."""
    name = conditional_escape(name)
    return (
        f'<svg class="icon icon-{name} {_class(classname)}" aria-hidden="true">'
        f'<use href="#icon-{name}"></use></svg>'
    )


def _button(button) -> str:
    """wagtailadmin/shared/button.html of a button with a link."""
    if type(button) not in (Button, ListingButton) or not button.url:
        raise Unusual
    icon = f"        {_icon(button.icon_name)}\n    \n" if button.icon_name else ""
    url, classname = conditional_escape(button.url), _class(button.classname)
    return (
        f'\n\n\n\n\n    <a href="{url}" class="{classname}" {button.base_attrs_string}>'
        f"\n        \n    \n{icon}"
        f"    {_value(button.label)}\n\n    </a>\n\n"
    )


def _dropdown(button) -> str:
    """wagtailadmin/shared/button_with_dropdown.html of an icon-only "More options" toggle."""
    if type(button) is not ButtonWithDropdown or button.label or button.classname:
        raise Unusual
    title = button.aria_label
    aria = f' aria-label="{_value(title)}"' if title else ""
    items = "".join(
        f"\n        \n            {_button(b)}" for b in sorted(button.dropdown_buttons)
    )
    return (
        "\n\n\n\n\n\n\n<div\n"
        '    data-controller="w-dropdown"\n'
        '    class="w-dropdown"\n'
        f"    {button.base_attrs_string}\n    \n    \n    \n    \n>\n"
        '    <button type="button" class="w-dropdown__toggle w-dropdown__toggle--icon" '
        f'data-w-dropdown-target="toggle"{aria}>\n        \n        \n'
        f"            {_icon(button.icon_name or 'arrow-down', 'w-dropdown__toggle-icon')}\n"
        "        \n        \n    </button>\n\n"
        '    <div data-w-dropdown-target="content" class="w-dropdown__content" hidden>\n'
        f"        \n    {items}\n        \n    \n\n    </div>\n</div>\n\n"
    )


def _component(button) -> str:
    if type(button) is ButtonWithDropdown and _wagtails(DROPDOWN):
        return _dropdown(button)
    if _wagtails(BUTTON):
        return _button(button)
    raise Unusual


def _buttons(buttons) -> str:
    """wagtailadmin/shared/buttons.html."""
    items = "".join(
        f"\n    \n        <li>{_component(b)}</li>\n    \n" if b.show else "\n    \n"
        for b in buttons
    )
    return f"\n{items}\n"


def _cell(context) -> str:
    """wagtailadmin/tables/cell.html."""
    classname = context["column"].classname
    value = context["value"]
    shown = "" if value is None else _value(value)
    attr = f'class="{_class(classname)}"' if classname else ""
    return f"<td {attr}>\n    {shown}\n</td>\n"


def _title_cell(context) -> str:
    """wagtailadmin/tables/title_cell.html."""
    classname = context["column"].classname
    value = _value(context["value"])
    title_id, label_id = context.get("title_id"), context.get("label_id")
    title = f'<span id="{_value(title_id)}">{value}</span>' if title_id else value
    if context.get("link_url"):
        opening, closing = f"<a{attrs_html(context['link_attrs'])}>", "</a>"
    elif label_id:
        opening, closing = f'<label for="{_value(label_id)}">', "</label>"
    else:
        opening = closing = ""
    buttons = context.get("buttons")
    actions = (
        '\n            <ul class="actions">\n                \n                    '
        f"{_buttons(buttons)}\n                \n            </ul>\n        "
        if buttons
        else ""
    )
    return (
        f'\n\n<td class="{_class(classname) + " " if classname else ""}title">\n'
        '    <div class="title-wrapper">\n        \n        \n            \n'
        f"                {opening}\n            {title}\n            \n        {closing}\n"
        f"            \n        \n    </div>\n    \n        {actions}\n    \n</td>\n"
    )


WRITTEN_OUT = {CELL: _cell, TITLE_CELL: _title_cell}


@cache
def _wagtails(template_name) -> bool:
    """Wagtail's own template, not one an installed app puts in its place."""
    origin = str(get_template(template_name).origin.name)
    return "/wagtail/admin/templates/" in origin


class FastCells:
    """A column whose cells of Wagtail's plain or title template are written out in Python."""

    def render_cell_html(self, instance, parent_context):
        write = WRITTEN_OUT.get(self.cell_template_name)
        if write is None or not _wagtails(self.cell_template_name):
            return super().render_cell_html(instance, parent_context)
        context = self.get_cell_context_data(instance, parent_context)
        try:
            return mark_safe(write(context))  # noqa: S308 (every value escaped above)
        except Unusual:
            return self.cell_template.render(context)


def fast(column_class):
    """``column_class`` with its cells written out (itself if they already are)."""
    if issubclass(column_class, FastCells):
        return column_class
    return type(column_class.__name__, (FastCells, column_class), {})


class FastCellsIndexMixin:
    """For a Wagtail IndexView: the columns it makes from ``list_display``'s field names (the
    title column with its buttons included) write their cells out."""

    def _get_title_column(self, field_name, column_class=TitleColumn, **kwargs):
        return super()._get_title_column(field_name, fast(column_class), **kwargs)

    def _get_custom_column(self, field_name, column_class=WagtailColumn, **kwargs):
        return super()._get_custom_column(field_name, fast(column_class), **kwargs)


class Column(FastCells, WagtailColumn):
    """Wagtail's column, its cells written out."""


class MoneyColumn(Column):
    """$12,064.25, right-aligned."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("classname", "voca-num")
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return formats.money(super().get_value(instance))


class DayColumn(Column):
    """1 Dec 2026."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        return formats.day(super().get_value(instance))


class MomentColumn(DayColumn):
    """1 Dec 2026 14:05, St. Louis time."""

    def get_value(self, instance):
        return formats.moment(WagtailColumn.get_value(self, instance))


class MonthColumn(DayColumn):
    """Dec 2026: the month a cost belongs to."""

    def get_value(self, instance):
        return formats.month(WagtailColumn.get_value(self, instance))


class PersonColumn(Column):
    """A person's full name (the username only when no name is on file)."""

    def get_value(self, instance):
        return formats.person(super().get_value(instance))
