"""The README is what a newcomer reads first: the two commands, the demo log-ins as the demo
creates them, and links into the documentation site that lead somewhere."""

import re
from pathlib import Path

from voca.demo import DEMO_PASSWORD, DEMO_USERS

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def test_the_readme_gives_the_two_commands_and_the_documentation_site():
    for command in ("make run", "make test", "make docs", "mkdocs serve -a 127.0.0.1:8001"):
        assert command in README, command


def test_the_readme_lists_every_demo_log_in_with_its_password():
    assert f"`{DEMO_PASSWORD}`" in README
    for username, _, _, role in DEMO_USERS:
        assert f"| {role} | `{username}` |" in README, username


def test_every_link_from_the_readme_into_docs_leads_to_a_page():
    links = re.findall(r"\]\((docs/[^)#]+)", README)
    assert len(links) >= 8
    missing = [link for link in links if not (ROOT / link).is_file()]
    assert missing == []
