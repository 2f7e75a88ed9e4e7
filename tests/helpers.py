"""Reading what a signed-in user sees in the Wagtail admin."""

import json
import re


def admin_menu_names(response) -> set[str]:
    """Names of every item in the admin sidebar's main menu, submenus included."""
    html = response.content.decode()
    match = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, "the admin sidebar is not on this page"
    props = json.loads(match.group(1))
    names: set[str] = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("_type", "").endswith(("MenuItem", "SubMenuItem")):
                args = node["_args"]
                name = args[0].get("name")
                names.add(name["_val"] if isinstance(name, dict) else name)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    main = next(m for m in props["modules"] if m["_type"].endswith("MainMenuModule"))
    walk(main)
    return names


def sign_in(client, username: str, password: str, *, token: str | None = None, backup=False):
    """Sign in through the admin's two-step sign-in form, as a person would; returns the last
    response. ``token`` answers the second step (authenticator code, or recovery code with
    ``backup=True``)."""
    response = client.post(
        "/admin/login/",
        {"login_view-current_step": "auth", "auth-username": username, "auth-password": password},
    )
    if token is None:
        return response
    step = "backup" if backup else "token"
    if backup:
        client.post(
            "/admin/login/", {"login_view-current_step": "token", "wizard_goto_step": "backup"}
        )
    return client.post(
        "/admin/login/", {"login_view-current_step": step, f"{step}-otp_token": token}
    )
