"""Keyboard-only walk through the fast-entry screen, for bench/fast_entry.py and the browser test.

Every key press is counted, so the figure can be checked against the "< 30 seconds" target with
the keystroke-level model (see bench/fast_entry.py).
"""

import time
from dataclasses import dataclass, field

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Keys:
    """A keyboard that counts: presses, and decisions (a mental step before a choice)."""

    page: object
    presses: int = 0
    decisions: int = 0
    log: list[str] = field(default_factory=list)

    def press(self, key: str, times: int = 1):
        for _ in range(times):
            self.page.keyboard.press(key)
            self.presses += 1
        self.log.append(f"{key}x{times}" if times > 1 else key)

    def type(self, text: str):
        self.page.keyboard.type(text)
        self.presses += len(text)
        self.log.append(repr(text))

    def decide(self):
        self.decisions += 1


def sign_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    # The two-step staff sign-in (password, then a code when two-factor sign-in is required).
    page.fill("#id_auth-username", username)
    page.fill("#id_auth-password", password)
    page.click("button[type=submit]:has-text('Next')")
    page.wait_for_url(f"{base_url}/admin/")


def tab_to(keys: Keys, selector: str, limit: int = 60):
    """Press Tab until ``selector`` has focus (counting each press)."""
    for _ in range(limit):
        if keys.page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
        keys.press("Tab")
    raise AssertionError(f"{selector} never got focus by Tab")


def log_returning_client(page, base_url, code: str) -> tuple[Keys, float]:
    """A typical returning client at a service day: A1 + C1, domestic violence, 20 minutes."""
    page.goto(f"{base_url}/admin/services/log/")
    started = time.perf_counter()
    keys = Keys(page)
    # Focus starts in the code box.
    keys.decide()
    keys.type(code)
    keys.press("Enter")
    page.wait_for_selector("#found-client")
    # Focus is on the first common service (A1).
    keys.decide()
    keys.press("Space")
    tab_to(keys, _choice(page, "common_services", "C1"))
    keys.press("Space")
    keys.decide()
    tab_to(
        keys,
        _choice(page, "common_victimizations", "Domestic"),
    )
    keys.press("Space")
    keys.decide()
    tab_to(keys, "#id_minutes")
    keys.type("20")
    keys.decide()
    keys.press("Enter")
    page.wait_for_selector("text=logged. Ready for the next one.")
    return keys, time.perf_counter() - started


def log_new_client(page, base_url) -> tuple[Keys, float]:
    """A new client: age group, gender, A2 + C1, stalking, 15 minutes (the default)."""
    page.goto(f"{base_url}/admin/services/log/")
    started = time.perf_counter()
    keys = Keys(page)
    keys.decide()
    tab_to(keys, "#id_age_group")
    keys.type("2")  # jumps to the first age group starting with 2 (25-59)
    keys.decide()
    keys.press("Tab")
    keys.type("F")  # Female
    keys.decide()
    tab_to(keys, _choice(page, "common_services", "A2"))
    keys.press("Space")
    tab_to(keys, _choice(page, "common_services", "C1"))
    keys.press("Space")
    keys.decide()
    tab_to(
        keys,
        _choice(page, "common_victimizations", "Stalking"),
    )
    keys.press("Space")
    keys.decide()
    tab_to(keys, "#id_minutes")
    keys.press("Enter")
    page.wait_for_selector("text=logged. Ready for the next one.")
    return keys, time.perf_counter() - started


def _choice(page, name: str, label_start: str) -> str:
    """CSS selector of the checkbox ``name`` whose label starts with ``label_start``."""
    value = page.evaluate(
        """([name, start]) => {
            for (const input of document.querySelectorAll(`input[name=${name}]`)) {
                if (input.closest('label').textContent.trim().startsWith(start)) return input.value;
            }
            return null;
        }""",
        [name, label_start],
    )
    return f"input[name={name}][value='{value}']"


# Keystroke-level model (Card, Moran & Newell): an average skilled typist's key press and the
# mental preparation before each choice.
SECONDS_PER_KEY = 0.28
SECONDS_PER_DECISION = 1.35


def klm_seconds(keys: Keys) -> float:
    return keys.presses * SECONDS_PER_KEY + keys.decisions * SECONDS_PER_DECISION
