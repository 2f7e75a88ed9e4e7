"""The client chooser: only the clients the user may see, and each pick access-logged."""

from django.shortcuts import get_object_or_404
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView, ChosenView

from services import permissions
from services.models import AccessLog
from services.views.common import deny_unless, log_read


class ClientChooserMixin:
    def dispatch(self, request, *args, **kwargs):
        deny_unless(permissions.can_see_client_level_data(request.user))
        return super().dispatch(request, *args, **kwargs)

    def get_object_list(self):
        return permissions.visible_clients(self.request.user).order_by("code")

    # One client per choice: ?multiple= would ask for a chosen-multiple URL this chooser lacks.
    is_multiple_choice = False

    @property
    def columns(self):
        return [
            self.title_column,
            Column("age_group", label="Age group"),
            DateColumn("created_at", label="Registered"),
        ]


class ClientChooseView(ClientChooserMixin, ChooseView):
    pass


class ClientChooseResultsView(ClientChooserMixin, ChooseResultsView):
    pass


class ClientChosenView(ClientChooserMixin, ChosenView):
    def get_object(self, pk):
        client = get_object_or_404(permissions.visible_clients(self.request.user), pk=pk)
        log_read(self.request, client, AccessLog.Action.LOOKUP, detail="chooser")
        return client
