"""The project's URLs with the sign-in built as voca/urls.py is to build it (issue 11, part 1):
``LoginView.as_view(form_list=SIGN_IN_FORMS)``. Tests of the bounded sign-in use this urlconf."""

from django.urls import path
from two_factor.views import LoginView as TwoFactorLoginView

from voca import urls as project_urls
from voca.signin import SIGN_IN_FORMS

urlpatterns = [
    path("admin/login/", TwoFactorLoginView.as_view(form_list=SIGN_IN_FORMS), name="staff_login"),
    *(p for p in project_urls.urlpatterns if getattr(p, "name", None) != "staff_login"),
]
