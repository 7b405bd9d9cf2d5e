"""A date asked for before a scenario's seat counts hold (``chamber.as_of``) has no state to show. Every
command that looks at a scenario on a date refuses it in one line naming the option, the scenario as given
and the first date it can show; it once said only "Toyland Assembly: no state before 2024-01-01 ...", which
named neither the option nor the file.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import MINIMAL

AS_OF = dt.date(2020, 1, 1)  # MINIMAL's chamber.as_of
COMMANDS = [  # (the command, its options besides --on)
    (("tally",), ()), (("count",), ()), (("forecast",), ("--sims", "100", "--seed", "1")),
    (("what-if",), ("--switch", "red:1")), (("power",), ()), (("coalitions",), ()), (("chart",), ("-o", "out.svg")),
    (("outcome",), ()), (("export", "csv"), ("-o", "out.csv")),
]


PENDING = MINIMAL.replace(" moved: 2020-02-01,", "")  # no filing date: the motion is pending before the vote
assert PENDING != MINIMAL


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    (tmp_path / "case.yaml").write_text(PENDING, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "case.yaml"


@pytest.mark.parametrize("command,options", COMMANDS, ids=lambda c: " ".join(c))
def test_a_date_before_the_record_names_the_option_and_the_file(run_cli: Callable[..., Any], case: str,
                                                                command: tuple[str, ...],
                                                                options: tuple[str, ...]) -> None:
    before = (AS_OF - dt.timedelta(days=1)).isoformat()
    r = run_cli(*command, case, *options, "--on", before)
    assert r.code == 1 and r.out == "", r.out
    assert r.err == (f"error: --on: case.yaml: expected a date on or after {AS_OF.isoformat()}, the date the "
                     f"scenario's seat counts hold (chamber.as_of), got {before}\n")
    assert sorted(p.name for p in Path().iterdir()) == ["case.yaml"], "something was written"


@pytest.mark.parametrize("command", ["tally", "count", "power"])
def test_the_first_date_of_the_record_is_shown(run_cli: Callable[..., Any], case: str, command: str) -> None:
    r = run_cli(command, case, "--on", AS_OF.isoformat(), "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)


def test_compare_names_the_side_asked_for(run_cli: Callable[..., Any], case: str) -> None:
    r = run_cli("compare", case, "--on-a", "2020-02-02", "--on-b", "2019-06-30")
    assert r.code == 1
    assert r.err.startswith("error: --on-b: case.yaml: expected a date on or after 2020-01-01"), r.err


@pytest.mark.parametrize("command", ["count", "forecast"])
def test_before_the_filing_a_count_still_says_the_motion_did_not_exist(run_cli: Callable[..., Any], tmp_path: Path,
                                                                       command: str) -> None:
    """A date before the seat counts that is also before the motion was filed is not refused: the count and
    the forecast say there was nothing to count yet."""
    path = tmp_path / "filed.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    r = run_cli(command, str(path), "--on", (AS_OF - dt.timedelta(days=1)).isoformat())
    assert r.code == 0, r.err
    assert "did not exist yet: it was moved on 2020-02-01" in r.out  # MINIMAL records its moving, no filing


def test_the_library_names_the_scenario_and_the_argument(tmp_path: Path) -> None:
    from whipcount.errors import EventError
    from whipcount.io.scenario import load_scenario

    (tmp_path / "case.yaml").write_text(PENDING, encoding="utf-8")
    scenario = load_scenario(tmp_path / "case.yaml")
    with pytest.raises(EventError) as caught:
        scenario.state(AS_OF - dt.timedelta(days=1))
    assert str(caught.value) == (f"scenario {scenario.id!r}: state(on=...): expected a date on or after 2020-01-01, "
                                 "the date its seat counts hold (chamber.as_of), got 2019-12-31")
    assert scenario.state(AS_OF).date == AS_OF  # the first day it can show
