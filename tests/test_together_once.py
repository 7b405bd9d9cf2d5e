"""A party named twice in one group that moves together is refused everywhere, as a scenario file's
`forecast.together` refuses it.

`--together red,Red` (the same party by its id and its name) used to make a "group" of Red alone, which
then acted as one with the group's probability on top of its cohesion and changed P(pass), while the
same group in the file, and `--together red` alone, were refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from whipcount import load_scenario
from whipcount.errors import ForecastError
from whipcount.tally import count_scenario, model_from_count

SCENARIO = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, short: Red, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
stances:
  - {date: 2020-02-02, party: red, stance: undecided, source: "https://example.org/s"}
"""


@pytest.fixture
def case(tmp_path: Path) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


@pytest.mark.parametrize("group", ["red,Red", "red,blue,Red Party", "blue,red,red:0.9"])
def test_the_command_line_refuses_a_party_twice(run_cli, case: Path, group: str) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("forecast", str(case), "--together", group)
    assert r.code == 1 and "party 'red' twice in one group" in r.err, r.err


def test_the_file_refuses_it_in_the_same_words(case: Path) -> None:
    case.write_text(SCENARIO + "forecast: {together: [{parties: [red, red]}]}\n", encoding="utf-8")
    with pytest.raises(Exception, match="party 'red' twice in one group"):
        load_scenario(str(case))


def test_the_library_refuses_it(case: Path) -> None:
    count = count_scenario(load_scenario(str(case)), dt.date(2020, 2, 5))
    with pytest.raises(ForecastError, match="party 'red' twice in one group"):
        model_from_count(count, groups=[(["red", "blue", "red"], 0.5)])
    assert len(model_from_count(count, groups=[(["red", "blue"], 0.5)]).groups) == 1
