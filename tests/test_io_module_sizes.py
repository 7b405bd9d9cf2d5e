"""The readers and writers of the interchange formats stay readable at once: no module of ``whipcount.io``
is longer than 400 lines, except the caps table, which is generated from the file schemas
(``python -m whipcount.io.list_caps``) and never read by hand."""

from __future__ import annotations

from pathlib import Path

import whipcount.io

GENERATED = {"caps_table.py"}


def test_no_io_module_is_over_400_lines() -> None:
    folder = Path(whipcount.io.__file__).parent
    sizes = {p.name: len(p.read_text(encoding="utf-8").splitlines()) for p in folder.glob("*.py")}
    assert "popolo_build.py" in sizes
    assert {name: n for name, n in sizes.items() if n > 400 and name not in GENERATED} == {}
