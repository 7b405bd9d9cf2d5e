"""A file in the current folder with a bundled scenario's name (``pk-na-2022``, as ``whipcount new pk-na-2022``
writes it) is never taken silently for the bundled one, nor the bundled one for it: the bare name is
refused, naming both ways to say which, and ``./pk-na-2022`` reads the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InputError
from whipcount.io.scenario import load_scenario


def test_the_bare_name_of_a_shadowed_bundled_scenario_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  run_cli: Callable[..., Any]) -> None:
    monkeypatch.chdir(tmp_path)
    assert load_scenario("pk-na-2022").chamber.seats == 342  # no file of that name yet: the bundled case
    r = run_cli("new", "pk-na-2022")
    assert r.code == 0 and "then run `whipcount tally ./pk-na-2022`" in r.out, r.err
    assert "whipcount tally ./pk-na-2022" in (tmp_path / "pk-na-2022").read_text(encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_scenario("pk-na-2022")
    assert str(e.value) == ("'pk-na-2022' is both a file in this folder and the name of a bundled scenario: give "
                            "./pk-na-2022 for the file (or name it pk-na-2022.yaml), or run whipcount from another "
                            "folder for the bundled one")
    r = run_cli("tally", "pk-na-2022")
    assert r.code == 1 and r.out == "" and "./pk-na-2022" in r.err
    assert load_scenario("./pk-na-2022").chamber.seats != 342  # the new file's example chamber, not the case's


def test_a_file_named_as_no_bundled_scenario_is_read_by_its_bare_name(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       run_cli: Callable[..., Any]) -> None:
    monkeypatch.chdir(tmp_path)
    r = run_cli("new", "my-case")
    assert r.code == 0 and "then run `whipcount tally my-case`" in r.out
    assert run_cli("tally", "my-case").code == 0
