"""Listing columns that print through voca.formats, so every admin listing reads the same way."""

from wagtail.admin.ui.tables import Column

from voca import formats


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
        return formats.moment(Column.get_value(self, instance))


class MonthColumn(DayColumn):
    """Dec 2026: the month a cost belongs to."""

    def get_value(self, instance):
        return formats.month(Column.get_value(self, instance))


class PersonColumn(Column):
    """A person's full name (the username only when no name is on file)."""

    def get_value(self, instance):
        return formats.person(super().get_value(instance))
