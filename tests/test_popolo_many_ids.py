"""Ids read as others are named one by one up to ten; past that they are counted in one warning with the
first few: a Popolo file of 5,000 persons with ids such as ``Q123/x`` had given 5,000 warnings, fifty
printed and the rest counted, burying every other warning."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest


def _bundle(run_cli: Any, tmp_path: Path, renamed: int) -> Path:
    path = tmp_path / "pk.json"
    assert run_cli("export", "popolo", "pk-na-2022", "-o", str(path)).code == 0
    bundle = json.loads(path.read_text(encoding="utf-8"))
    bundle.pop("extras", None)  # a bundle another tool wrote: no whipcount extras, whose ids are whipcount's
    bundle["motions"], bundle["vote_events"] = [], []  # the 33 named members alone: no division of 342
    for kind in ("persons", "organizations", "memberships", "events"):
        for item in bundle.get(kind, []):
            item.pop("extras", None)
    new = {p["id"]: f"Person/{p['id'].upper()}" for p in bundle["persons"][:renamed]}
    text = json.dumps(bundle)
    for old, mine in new.items():
        text = text.replace(f'"{old}"', f'"{mine}"')
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("renamed", "lines"), [(2, 2), (10, 10), (11, 1), (33, 1)])
def test_many_foreign_ids_are_counted_in_one_warning(run_cli: Any, tmp_path: Path, renamed: int,
                                                     lines: int) -> None:
    path = _bundle(run_cli, tmp_path, renamed)
    r = run_cli("import", "popolo", str(path), "--rules", "pk-na", "-o", str(tmp_path / "back.yaml"))
    assert r.code == 0, r.err
    said = [w for w in r.err.split("\nwarning: ") if "is not a whipcount id" in w or "are not whipcount ids" in w]
    assert len(said) == lines, said
    if lines == 1:
        assert f"{renamed:,} person ids are not whipcount ids" in " ".join(said[0].split())
