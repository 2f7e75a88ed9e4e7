from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    """The state's oversight of its subrecipients (2 CFR 200.332(c)-(h)): risk assessments, desk
    reviews, site visits, findings and their corrective actions, single audits."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "monitoring"
    verbose_name = "Subrecipient monitoring"

    def ready(self):
        # The subaward's issue page warns when the subrecipient has no recent risk assessment;
        # subawards is below monitoring, so it offers a list and monitoring adds its check.
        from subawards.checks import ISSUE_WARNINGS

        from .risk import issue_warning

        if issue_warning not in ISSUE_WARNINGS:
            ISSUE_WARNINGS.append(issue_warning)
