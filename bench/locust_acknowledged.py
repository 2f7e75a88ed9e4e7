"""The bookkeeping of the simulated users of bench/locustfile.py: the plan load.py wrote
(VOCA_LOAD_PLAN) and what they report back when locust quits (VOCA_LOAD_RESULTS): every write the
server acknowledged (its id and a marker, so load.py can find it in the database), every refusal
by its message, every answer by status."""

import json
import os
import re
import threading
from collections import Counter

PLAN = json.loads(open(os.environ["VOCA_LOAD_PLAN"]).read())  # noqa: SIM115
RESULTS = {
    "contacts": [],
    "draws": [],
    "submitted": [],
    "approved": [],
    "rejected": [],
    "paid": [],
    "refused": Counter(),
    "status_5xx": Counter(),
    "cut_off": Counter(),
    "unexpected": [],
    # Every answer by status, redirects followed included ("503 Retry-After" apart from a bare
    # 503, "none" for a request cut off without one): bench/multi_server.py checks them all.
    "statuses": Counter(),
}
_lock = threading.Lock()
_counter = Counter()


def next_number(kind: str) -> int:
    with _lock:
        _counter[kind] += 1
        return _counter[kind]


def refuse(kind: str, reason: str) -> None:
    """Count a refusal by its message, with amounts and line names left out so they add up."""
    reason = re.sub(r"\$[\d,]+\.\d\d", "$...", reason)
    reason = re.sub(r" \(Load line \d+\)", "", reason)
    RESULTS["refused"][f"{kind}: {reason}"] += 1


def write_results(environment, **_kwargs):
    """Locust's quitting listener (bench/locustfile.py registers it)."""
    with open(os.environ["VOCA_LOAD_RESULTS"], "w") as out:
        json.dump(RESULTS, out, indent=1)
