from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .viewsets import ServiceDaysViewSetGroup

register_snippet(ServiceDaysViewSetGroup)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    from .operations import UNPUBLISH_WITH_ENGLISH

    actions.register_action(
        UNPUBLISH_WITH_ENGLISH,
        "Unpublish with the English page",
        "Unpublished with the English page",
    )
