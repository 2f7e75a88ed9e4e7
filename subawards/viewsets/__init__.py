"""Subrecipients and subawards in the Wagtail admin; wagtail_hooks registers these."""

from django.urls import path
from wagtail.admin.viewsets.base import ViewSetGroup

from .. import permissions
from .actions import (
    AcceptConditionView,
    AmendView,
    RequestRevisionView,
    VersionStepView,
    document_view,
)
from .claims import ClaimViewSet, claim_urls
from .ffata import ffata_urls
from .funder_menu import ScreenEntry
from .sar import sar_urls
from .subawards import SubawardViewSet
from .subrecipients import ExclusionCheckView, SubrecipientViewSet, exclusion_evidence_view
from .volunteers import volunteer_urls
from .waivers import WaiverPolicyViewSet, WaiverRequestViewSet, waiver_urls

__all__ = ["SubawardsViewSetGroup", "admin_urls"]


class SubawardsViewSetGroup(ViewSetGroup):
    menu_label = "Subawards"
    menu_icon = "doc-full"
    menu_order = 310
    items = (
        SubrecipientViewSet("subawards_subrecipients"),
        SubawardViewSet("subawards_subawards"),
        ClaimViewSet("subawards_claims"),
        ScreenEntry("SARs", "subawards_sars", "doc-full", permissions.can_view_sars),
        ScreenEntry("FFATA reporting", "subawards_ffata", "doc-full", permissions.can_view_ffata),
        WaiverRequestViewSet("subawards_waiver_requests"),
        WaiverPolicyViewSet("subawards_waiver_policy"),
    )


def admin_urls():
    return [
        path(
            "subawards/subrecipients/<int:pk>/exclusion-check/",
            ExclusionCheckView.as_view(),
            name="subawards_exclusion_check",
        ),
        path(
            "subawards/exclusion-checks/<int:pk>/evidence/",
            exclusion_evidence_view,
            name="subawards_exclusion_evidence",
        ),
        path(
            "subawards/versions/<int:pk>/<str:action>/",
            VersionStepView.as_view(),
            name="subawards_version_step",
        ),
        path("subawards/<int:pk>/amend/", AmendView.as_view(), name="subawards_amend"),
        path(
            "subawards/<int:pk>/budget-revision/",
            RequestRevisionView.as_view(),
            name="subawards_request_revision",
        ),
        path(
            "subawards/conditions/<int:pk>/accept/",
            AcceptConditionView.as_view(),
            name="subawards_accept_condition",
        ),
        path("subawards/documents/<int:pk>/", document_view, name="subawards_document"),
        *claim_urls(),
        *sar_urls(),
        *ffata_urls(),
        *waiver_urls(),
        *volunteer_urls(),
    ]
