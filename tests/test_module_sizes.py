"""Every module stays readable at once: no module of ``whipcount`` (its subpackages included) is longer than
400 lines, except the caps table, which is generated from the file schemas (``python -m whipcount.io.list_caps``)
and never read by hand."""

from __future__ import annotations

from pathlib import Path

import whipcount

GENERATED = {"io/caps_table.py"}


def test_no_module_is_over_400_lines() -> None:
    root = Path(whipcount.__file__).parent
    sizes = {p.relative_to(root).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in root.rglob("*.py")}
    assert {"io/popolo_build.py", "cli/rules_profiles.py", "rules/constitutions/de.py"} <= set(sizes)
    assert {name: n for name, n in sizes.items() if n > 400 and name not in GENERATED} == {}
