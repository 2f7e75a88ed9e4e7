from wagtail.snippets.models import register_snippet

from .viewsets import ServiceDaysViewSetGroup

register_snippet(ServiceDaysViewSetGroup)
