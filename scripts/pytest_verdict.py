"""The last word of scripts/test on a pytest run: how many tests ran, and why it failed if it did.

Usage: python scripts/pytest_verdict.py JUNIT.xml OUTPUT.txt EXIT_STATUS
Exits non-zero when pytest did, when a test module could not be collected, or when no test ran; the
cause is on the last line printed.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def main(junit: Path, output: Path, status: int) -> int:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    collection: list[str] = []
    if junit.is_file():
        root = ET.parse(junit).getroot()
        for suite in root.iter("testsuite"):
            for key in counts:
                counts[key] += int(suite.get(key, "0"))
            for case in suite.iter("testcase"):
                err = case.find("error")
                if err is not None and not case.get("classname"):
                    lines = [ln[1:].strip() for ln in (err.text or "").splitlines() if ln.startswith("E ")]
                    cause = lines[-1] if lines else err.get("message") or "could not be collected"
                    collection.append(f"{case.get('name')}: {cause}")
    text = output.read_text(encoding="utf-8", errors="replace") if output.is_file() else ""
    for line in text.splitlines():
        match = re.match(r"^ERROR (tests/\S+)(?: - (.*))?$", line)
        if match and not any(match.group(1).replace("/", ".").removesuffix(".py") in c for c in collection):
            collection.append(f"{match.group(1)}: {match.group(2) or 'could not be collected'}")
    ran = counts["tests"] - counts["skipped"] - len(collection)
    passed = ran - counts["failures"] - max(0, counts["errors"] - len(collection))
    print(f"scripts/test: {ran} tests ran: {passed} passed, {counts['failures']} failed, "
          f"{max(0, counts['errors'] - len(collection))} errors, {counts['skipped']} skipped")
    if collection:
        for entry in collection:
            print(f"   cannot collect {entry}")
        print(f"scripts/test: FAILED: {len(collection)} test module(s) could not be collected: {collection[0]}")
        return 1
    if ran <= 0:
        print("scripts/test: FAILED: no test ran")
        return 1
    if status != 0:
        print(f"scripts/test: FAILED: pytest exited {status} ({counts['failures']} failed, {counts['errors']} errors)")
        return status
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])))
