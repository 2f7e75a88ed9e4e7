"""Plain factory functions for tests: no framework, just the smallest valid objects."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

PASSWORD = "correct-horse-battery-staple"


def make_user(username: str, *roles: str, **fields):
    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **fields)
    for role in roles:
        user.groups.add(Group.objects.get(name=role))
    return user
