"""Warnings the subaward's issue page shows, added by the apps above subawards (which it may not
import): each is ``(version) -> str``, empty when it has nothing to say. Monitoring adds "no risk
assessment within 12 months" (``monitoring.risk.issue_warning``) in its AppConfig.ready()."""

from collections.abc import Callable

ISSUE_WARNINGS: list[Callable[[object], str]] = []


def issue_warnings(version) -> list[str]:
    return [text for check in ISSUE_WARNINGS if (text := check(version))]
