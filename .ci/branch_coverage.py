"""Branch coverage of grants and services from a coverage JSON report (.ci/run prints it).

Usage: python .ci/branch_coverage.py coverage.json
"""

import json
import sys
from pathlib import Path

APPS = ("grants", "services")


def main(path: str) -> None:
    files = json.loads(Path(path).read_text())["files"]
    for app in APPS:
        summaries = [f["summary"] for name, f in files.items() if name.startswith(f"{app}/")]
        branches = sum(s["num_branches"] for s in summaries)
        taken = sum(s["covered_branches"] for s in summaries)
        statements = sum(s["num_statements"] for s in summaries)
        run = sum(s["covered_lines"] for s in summaries)
        print(
            f"{app:9} branches {taken}/{branches} = {100 * taken / max(branches, 1):.1f} %"
            f"   statements {run}/{statements} = {100 * run / max(statements, 1):.1f} %"
        )


if __name__ == "__main__":
    main(sys.argv[1])
