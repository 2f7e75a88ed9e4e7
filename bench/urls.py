from django.http import HttpResponse
from django.urls import path

from voca.urls import handler500  # noqa: F401 - the 503 page while the database is down
from voca.urls import urlpatterns as site_urlpatterns


def ok(request):
    """The floor: the cheapest response the same server and middleware can give."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ok", ok), *site_urlpatterns]
