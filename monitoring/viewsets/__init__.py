"""The monitoring screens' URLs and menu; wagtail_hooks registers these."""

from django.urls import path, reverse
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from .. import permissions
from . import audits, due, findings, reviews, subrecipients

__all__ = ["add_due_panel", "admin_urls", "monitoring_menu_item"]

add_due_panel = due.add_due_panel


def admin_urls():
    return [
        path("monitoring/", subrecipients.MonitoringIndexView.as_view(), name="monitoring_index"),
        path("monitoring/due/", due.DueView.as_view(), name="monitoring_due"),
        path(
            "monitoring/subrecipients/<int:pk>/",
            subrecipients.SubrecipientMonitoringView.as_view(),
            name="monitoring_subrecipient",
        ),
        path(
            "monitoring/subrecipients/<int:pk>/assess/",
            subrecipients.AssessView.as_view(),
            name="monitoring_assess",
        ),
        path(
            "monitoring/risk/<int:pk>/",
            subrecipients.RiskAssessmentView.as_view(),
            name="monitoring_risk",
        ),
        path(
            "monitoring/subrecipients/<int:pk>/desk-review/",
            reviews.DeskReviewNewView.as_view(),
            name="monitoring_desk_review_new",
        ),
        path(
            "monitoring/desk-reviews/<int:pk>/",
            reviews.DeskReviewView.as_view(),
            name="monitoring_desk_review",
        ),
        path(
            "monitoring/desk-reviews/<int:pk>/received/",
            reviews.ReceiveView.as_view(),
            name="monitoring_desk_review_receive",
        ),
        path(
            "monitoring/desk-reviews/<int:pk>/conclude/",
            reviews.ConcludeView.as_view(),
            name="monitoring_desk_review_conclude",
        ),
        path(
            "monitoring/subrecipients/<int:pk>/site-visit/",
            reviews.SiteVisitNewView.as_view(),
            name="monitoring_site_visit_new",
        ),
        path(
            "monitoring/site-visits/<int:pk>/",
            reviews.SiteVisitView.as_view(),
            name="monitoring_site_visit",
        ),
        path(
            "monitoring/site-visits/<int:pk>/record/",
            reviews.SiteVisitRecordView.as_view(),
            name="monitoring_site_visit_record",
        ),
        path(
            "monitoring/<str:source>/<int:pk>/finding/",
            reviews.FindingNewView.as_view(),
            name="monitoring_finding_new",
        ),
        path(
            "monitoring/findings/", findings.FindingsIndexView.as_view(), name="monitoring_findings"
        ),
        path(
            "monitoring/findings/<int:pk>/",
            findings.FindingView.as_view(),
            name="monitoring_finding",
        ),
        path(
            "monitoring/findings/<int:pk>/respond/",
            findings.RespondView.as_view(),
            name="monitoring_finding_respond",
        ),
        path(
            "monitoring/findings/<int:pk>/close/",
            findings.CloseView.as_view(),
            name="monitoring_finding_close",
        ),
        path(
            "monitoring/subrecipients/<int:pk>/single-audit/",
            audits.AuditYearNewView.as_view(),
            name="monitoring_single_audit_new",
        ),
        path(
            "monitoring/single-audits/<int:pk>/",
            audits.SingleAuditView.as_view(),
            name="monitoring_single_audit",
        ),
        path(
            "monitoring/single-audits/<int:pk>/report/",
            audits.AuditReportView.as_view(),
            name="monitoring_audit_report",
        ),
        path(
            "monitoring/single-audits/<int:pk>/decision/",
            audits.DecisionView.as_view(),
            name="monitoring_audit_decision",
        ),
    ]


class StateItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_monitoring(request.user)


class FindingsItem(MenuItem):
    def is_shown(self, request):
        return permissions.can_view_findings(request.user)


class MonitoringMenu(SubmenuMenuItem):
    def is_shown(self, request):
        return permissions.can_view_findings(request.user)


def monitoring_menu_item():
    menu = Menu(
        items=[
            StateItem(
                "Subrecipients",
                reverse("monitoring_index"),
                name="monitoring-subrecipients",
                icon_name="group",
                order=1,
            ),
            FindingsItem(
                "Findings and corrective actions",
                reverse("monitoring_findings"),
                name="monitoring-findings",
                icon_name="warning",
                order=2,
            ),
            StateItem(
                "Due and overdue",
                reverse("monitoring_due"),
                name="monitoring-due",
                icon_name="time",
                order=3,
            ),
        ]
    )
    return MonitoringMenu("Monitoring", menu, name="monitoring", icon_name="tasks", order=320)
