from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"
    verbose_name = "Quarterly performance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.permissions import register_permission_policy

        from . import permissions
        from .models import QuarterlyReport

        register_permission_policy(
            QuarterlyReport, permissions.QuarterlyReportPolicy(QuarterlyReport)
        )
