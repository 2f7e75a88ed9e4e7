"""Admin views for confidential records, one module per screen. Each asks services.permissions
for rows and writes through services.operations; every read of a record is access-logged."""

from services.views.choosers import ClientChooseResultsView, ClientChooseView, ClientChosenView
from services.views.history import ClientHistoryView, HistoryView
from services.views.listings import AccessLogIndexView, ClientIndexView, ContactIndexView
from services.views.log_contact import LogContactView
from services.views.records import (
    AddRedirectView,
    ClientEditView,
    ClientInspectView,
    ContactEditView,
    ContactInspectView,
    NoDeleteView,
    VoidContactView,
)
from services.views.staffing import StaffingView

__all__ = [
    "AccessLogIndexView",
    "AddRedirectView",
    "ClientChooseResultsView",
    "ClientChooseView",
    "ClientChosenView",
    "ClientEditView",
    "ClientHistoryView",
    "ClientIndexView",
    "ClientInspectView",
    "ContactEditView",
    "ContactIndexView",
    "ContactInspectView",
    "HistoryView",
    "LogContactView",
    "NoDeleteView",
    "StaffingView",
    "VoidContactView",
]
