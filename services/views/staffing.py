"""Service day staffing: supervisors say who works which day (the public sees roles only)."""

import datetime

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse, reverse_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from events.models import ServiceDayPage
from services import operations, permissions
from services.views.common import deny_unless
from voca.clock import local_today
from voca.locales import admin_language_of
from voca.parsing import parse_id


class StaffingView(WagtailAdminTemplateMixin, TemplateView):
    """Supervisors say who works which service day (internal; the public sees roles only)."""

    template_name = "services/staffing.html"
    page_title = "Service day staffing"
    header_icon = "calendar-check"
    breadcrumbs_items = [
        {"url": reverse_lazy("wagtailadmin_home"), "label": "Home"},
        {"url": "", "label": "Service day staffing"},
    ]

    def dispatch(self, request, *args, **kwargs):
        deny_unless(permissions.can_staff_service_days(request.user))
        return super().dispatch(request, *args, **kwargs)

    def staff_choices(self):
        return permissions.staffable_people(self.request.user)

    def days(self):
        today = local_today()
        return (
            ServiceDayPage.objects.days()
            .shown_in(admin_language_of(self.request.user))
            .filter(
                date__gte=today - datetime.timedelta(days=14),
                date__lte=today + datetime.timedelta(days=120),
            )
            .select_related("location")
            .prefetch_related("staff_assignments")
            .order_by("date", "start_time")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = list(self.staff_choices())
        saved = parse_id(self.request.GET.get("saved"))
        context["rows"] = [
            {
                "day": day,
                "assigned": {a.user_id for a in day.staff_assignments.all()},
                "saved": day.pk == saved,
            }
            for day in self.days()
        ]
        context["staff"] = staff
        return context

    def post(self, request):
        day_id = parse_id(request.POST.get("service_day"))
        staff_ids = [parse_id(value) for value in request.POST.getlist("staff")]
        if day_id is None or None in staff_ids:
            messages.error(request, "Choose a service day and staff from the lists; nothing saved.")
            return self.render_to_response(self.get_context_data(), status=400)
        day = get_object_or_404(self.days(), pk=day_id)
        chosen = self.staff_choices().filter(pk__in=staff_ids)
        added, removed = operations.set_staffing(actor=request.user, service_day=day, users=chosen)
        messages.success(request, f"{day.shown.title}: {added} added, {removed} removed.")
        # Back to the day just saved, not the top of a long list.
        return redirect(f"{reverse('services_staffing')}?saved={day.pk}#day-{day.pk}")
