"""An outside package's constitutions (entry-point group ``whipcount.constitutions``) are listed, a broken
one skipped with its line; where no installed package declares the group, the entry points are not read
(importing ``importlib.metadata`` and reading every package's was 0.03 s of ``whipcount rules list``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from constitutions import my_parliament
from whipcount.rules.registry import BUILTIN_MODULES

RUN = ("import contextlib, io, json, sys\nimport whipcount.cli.main as m\nout = io.StringIO()\n"
       "with contextlib.redirect_stdout(out):\n    m.main(['rules', 'list', '--json'])\n"
       "print(json.dumps({'out': json.loads(out.getvalue()), 'metadata': 'importlib.metadata' in sys.modules}))")


def _rules_list(path: Path) -> dict[str, object]:
    """``whipcount rules list --json`` in a fresh interpreter with ``path`` first on its path, and whether it
    imported importlib.metadata."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(path), *sys.path])}
    done = subprocess.run([sys.executable, "-c", RUN], capture_output=True, text=True, check=True, timeout=60,
                          env=env, cwd=path)
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _builtin_ids() -> set[str]:
    import importlib

    return {c.id for m in BUILTIN_MODULES for c in importlib.import_module(m).CONSTITUTIONS}


@pytest.mark.parametrize(("folder", "metadata"), [("zz_parliament-1.0.dist-info", "METADATA"),
                                                  ("zz_parliament.egg-info", "PKG-INFO")])
def test_an_installed_package_s_constitution_is_listed_and_a_broken_one_skipped(
        tmp_path: Path, folder: str, metadata: str) -> None:
    (tmp_path / "zz_parliament.py").write_text(
        "from whipcount.io.constitution import parse_constitution_text\n"
        f"CONSTITUTIONS = [parse_constitution_text({my_parliament()!r})]\n", encoding="utf-8")
    info = tmp_path / folder
    info.mkdir()
    (info / metadata).write_text("Metadata-Version: 2.1\nName: zz-parliament\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(
        "[console_scripts]\nzz = zz_parliament:main\n\n"
        "[whipcount.constitutions]\nmine = zz_parliament\nbroken = zz_no_such_module\n", encoding="utf-8")
    result = _rules_list(tmp_path)
    out = result["out"]
    assert isinstance(out, dict)
    ids = {p["id"] for p in out["profiles"]}
    assert ids == _builtin_ids() | {"my-parliament"}
    mine = next(p for p in out["profiles"] if p["id"] == "my-parliament")
    assert mine["seats"] == 101 and mine["motions"] == ["no-confidence"]
    assert len(out["skipped"]) == 1 and out["skipped"][0].startswith("entry point 'broken' (zz_no_such_module): ")


def test_where_no_package_declares_the_group_the_entry_points_are_not_read(tmp_path: Path) -> None:
    # a package with entry points of other groups only, as every installed one here is
    info = tmp_path / "zz_other-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: zz-other\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[console_scripts]\nzz = zz_other:main\n", encoding="utf-8")
    result = _rules_list(tmp_path)
    out = result["out"]
    assert isinstance(out, dict)
    assert {p["id"] for p in out["profiles"]} == _builtin_ids()
    assert out["skipped"] == []
    assert result["metadata"] is False
