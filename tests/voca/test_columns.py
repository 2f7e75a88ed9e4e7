"""Listing cells are written out in Python (voca.columns): what a user's browser gets must be
exactly what Wagtail's cell templates give, for every kind of column, value and button."""

from types import SimpleNamespace

import pytest
from django.utils.safestring import mark_safe
from wagtail.admin.ui.tables import BaseColumn, TitleColumn
from wagtail.admin.widgets.button import Button, ButtonWithDropdown, ListingButton

from voca import columns
from voca.columns import Column, DayColumn, MoneyColumn, MonthColumn, PersonColumn, fast


def both(column, instance):
    """The cell written out, and the cell through Wagtail's template."""
    parent = {"row": None, "table": None, "request": None}
    return (
        str(column.render_cell_html(instance, parent)),
        str(BaseColumn.render_cell_html(column, instance, parent)),
    )


class Thing:
    def __str__(self):
        return "Award <2026> & 'co'"


ROW = SimpleNamespace(
    pk=1,
    text='Robert "Bob" <script>',
    empty="",
    blank="   ",
    none=None,
    number=15,
    zero=0,
    safe=mark_safe("<b>bold</b>"),
    thing=Thing(),
    amount=1234.5,
    when=__import__("datetime").date(2026, 12, 7),
    who=SimpleNamespace(get_full_name=lambda: "Olive <O'Neil>", username="olive"),
)


@pytest.mark.parametrize(
    "column",
    [
        Column("text"),
        Column("text", classname='wide "x"'),
        Column("empty"),
        Column("blank"),
        Column("none"),
        Column("missing"),
        Column("number"),
        Column("zero"),
        Column("safe"),
        Column("thing"),
        Column("when"),  # a date: the template localizes it, so it renders it
        Column("amount"),
        MoneyColumn("amount"),
        DayColumn("when"),
        MonthColumn("when"),
        PersonColumn("who"),
    ],
    ids=repr,
)
def test_every_cell_is_exactly_wagtails(column):
    ours, wagtails = both(column, ROW)
    assert ours == wagtails


def more(title, *buttons):
    return ButtonWithDropdown(
        buttons=list(buttons),
        icon_name="dots-horizontal",
        attrs={"aria-label": f"More options for '{title}'"},
    )


EDIT = Button("Edit", url="/admin/x/edit/1/", icon_name="edit", priority=10)
INSPECT = Button("Inspect", url="/admin/x/inspect/1/?a=1&b=<2>", icon_name="info-circle")
PLAIN = Button("No icon <here>", url="/admin/x/", attrs={"rel": "noopener"}, priority=5)
HIDDEN = Button("Hidden", url="/admin/y/")
HIDDEN.show = False


@pytest.mark.parametrize(
    ("kwargs", "buttons"),
    [
        ({"get_url": lambda r: "/admin/x/inspect/1/"}, [more(ROW.text, INSPECT)]),
        ({"get_url": lambda r: "/admin/x/edit/1/"}, [more(ROW.text, INSPECT, EDIT, PLAIN)]),
        ({"get_url": lambda r: None}, []),
        ({"get_url": lambda r: "/a/?q=<1>"}, [ListingButton("Open", url="/o/"), HIDDEN]),
        ({"get_url": lambda r: None, "label_prefix": "row"}, [more("", EDIT)]),
        (
            {
                "get_url": lambda r: "/u/",
                "get_title_id": lambda r: "t<1>",
                "link_attrs": {"data-x": True, "data-off": False, "title": 'a"b'},
                "link_classname": "go",
                "classname": "first",
            },
            [Button("A button", attrs={"data-y": "1"})],  # no link: rendered by the template
        ),
    ],
)
@pytest.mark.parametrize("field", ["text", "empty", "thing", "number"])
def test_every_title_cell_is_exactly_wagtails(kwargs, buttons, field):
    column = fast(TitleColumn)(field, **kwargs)
    column.get_cell_context_data = _with_buttons(column, buttons)
    ours, wagtails = both(column, ROW)
    assert ours == wagtails


def _with_buttons(column, buttons):
    plain = column.get_cell_context_data

    def context(instance, parent):
        return {**plain(instance, parent), "buttons": sorted(buttons)}

    return context


def test_a_template_an_app_puts_in_place_of_wagtails_is_used(monkeypatch):
    monkeypatch.setattr(columns, "_wagtails", lambda name: False)
    column = Column("text", classname="x")
    column.cell_template_name = columns.CELL
    ours, wagtails = both(column, ROW)
    assert ours == wagtails


class NoTemplate:
    def render(self, context):
        raise AssertionError("rendered through the template")


@pytest.mark.parametrize("field", ["text", "thing", "number", "none"])
def test_the_listings_cells_use_no_template(field):
    plain = Column(field)
    title = fast(TitleColumn)(field, get_url=lambda r: "/admin/x/inspect/1/")
    title.get_cell_context_data = _with_buttons(title, [more(ROW.text, EDIT, INSPECT)])
    parent = {"row": None, "table": None, "request": None}
    for column in (plain, title):
        column.__dict__["cell_template"] = NoTemplate()
        assert "</td>" in column.render_cell_html(ROW, parent)


def listing_both_ways(client, url, monkeypatch) -> tuple[str, str]:
    """The listing's table as served, and as Wagtail's cell templates render it."""

    def table(page: str) -> str:
        start = page.index('<table class="listing')
        return page[start : page.index("</table>", start)]

    response = client.get(url)
    assert response.status_code == 200
    ours = table(response.content.decode())
    monkeypatch.setattr(columns.FastCells, "render_cell_html", BaseColumn.render_cell_html)
    wagtails = table(client.get(url).content.decode())
    monkeypatch.undo()
    return ours, wagtails
