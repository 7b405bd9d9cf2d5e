"""`whipcount db load FILE` of a file that gives no `id:` and whose name is no id ('Evening Count (v2).yaml') says
how to give it one, with an id made of the name, where it said only what an id is ('scenario id: expected
lower-case letters, ...'), leaving the desk to guess that the id came from the file's name."""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount.cli.main import main


def test_a_file_whose_name_is_no_id_is_told_how_to_give_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], minimal_yaml: str) -> None:
    path = tmp_path / "Evening Count (v2).yaml"
    path.write_text(minimal_yaml, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'r.db'}"
    assert main(["db", "load", str(path), "--db", db]) == 1
    err = " ".join(capsys.readouterr().err.split())
    assert "got 'Evening Count (v2)'" in err
    assert "give it one at the top of the file, for example `id: evening-count-v2`" in err
    path.write_text("id: evening-count-v2\n" + minimal_yaml, encoding="utf-8")  # as it says
    assert main(["db", "load", str(path), "--db", db]) == 0
    assert "loaded evening-count-v2" in capsys.readouterr().out
