"""Every command and page that counts a bar from a scenario's seats says where the scenario's chamber is not the
size its rules profile fixes on the day, in the words the judgement of a division uses: My Parliament's own
constitution file fixes 100 seats, the scenario's chamber has 101 (so three fifths is 61 of 101, not 60 of 100),
and the same scenario beside a file of 101 seats says nothing."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from constitutions import my_parliament

CASE = """\
id: my-case
title: A no-confidence vote in My Parliament
chamber: {name: My Parliament, rules: my-parliament.yaml, seats: 101, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 55, side: government}
  - {id: blue, name: Blue Party, seats: 40, side: opposition}
  - {id: green, name: Green Party, seats: 6, side: other}
motion: {kind: no-confidence, filed: 2024-02-01, vote: 2024-02-10}
stances:
  - {date: 2024-02-02, party: blue, stance: "yes"}
  - {date: 2024-02-02, party: red, stance: "no"}
  - {date: 2024-02-02, party: green, stance: lean-yes}
"""

SAID = ("the scenario's chamber has 101 seats where the rules profile 'my-parliament' fixes 100 on 2024-02-10: "
        "the scenario's are counted")
SAID_EARLIER = SAID.replace("2024-02-10", "2024-01-05")


def _case(folder: Path, profile_seats: str) -> Path:
    (folder / "my-parliament.yaml").write_text(my_parliament(seats=profile_seats), encoding="utf-8")
    case = folder / "case.yaml"
    case.write_text(CASE, encoding="utf-8")
    return case


def _flat(text: str) -> str:
    """The text as one line: the terminal wraps a long note."""
    return " ".join(text.split())


COMMANDS = [
    ("tally",), ("count",), ("forecast",), ("what-if", "--switch", "green"), ("outcome",), ("power",),
    ("coalitions",), ("cases",), ("compare", "--on-a", "2024-01-05", "--on-b", "2024-02-10"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=[c[0] for c in COMMANDS])
@pytest.mark.parametrize("profile_seats", ["100", "101"])
def test_every_command_says_the_scenario_s_seats_are_counted(run_cli: Callable[..., Any], tmp_path: Path,
                                                              command: tuple[str, ...], profile_seats: str) -> None:
    case = str(_case(tmp_path, profile_seats))
    text = run_cli(command[0], case, *command[1:])
    data = run_cli(command[0], case, *command[1:], "--json")
    assert text.code == 0 and data.code == 0, (text.err, data.err)
    json.loads(data.out)
    if profile_seats == "100":
        assert SAID in _flat(text.out) and SAID in data.out
    else:
        assert "where the rules profile" not in text.out + data.out
    if command[0] in ("tally", "count", "forecast", "outcome", "power"):
        # the bar is three fifths of the scenario's 101 seats (60.6, so 61), whichever size the profile fixes
        assert re.search(r"\b61 of 101\b", text.out), text.out


def test_the_json_lists_the_note_where_a_command_has_notes(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    case = str(_case(tmp_path, "100"))
    assert json.loads(run_cli("tally", case, "--json").out)["notes"] == [SAID]
    assert json.loads(run_cli("count", case, "--json").out)["notes"] == [SAID]
    assert json.loads(run_cli("cases", case, "--json").out)["cases"][0]["notes"] == [SAID]
    assert SAID in run_cli("cases", case, "--format", "csv").out
    compared = json.loads(run_cli("compare", case, "--on-a", "2024-01-05", "--on-b", "2024-02-10", "--json").out)
    assert (compared["a"]["notes"], compared["b"]["notes"]) == ([SAID_EARLIER], [SAID])
    power = json.loads(run_cli("power", case, "--json").out)
    assert power["quota"] == 61 and power["notes"] == [SAID]
    # the count's text says it once, at the end of the magic number's line
    assert _flat(run_cli("count", case).out).count(SAID) == 1


def test_the_library_s_bars_carry_the_note(tmp_path: Path) -> None:
    from whipcount.io.scenario import load_scenario
    from whipcount.rules import needed_in, pass_rule_in
    from whipcount.tally import count_scenario

    scenario = load_scenario(str(_case(tmp_path, "100")))
    state = scenario.state()
    need, rule = needed_in(scenario, state), pass_rule_in(scenario, state)
    assert (need.count, need.notes, rule.count, rule.notes) == (61, (SAID,), 61, (SAID,))
    assert need.explanation.endswith(f"({SAID})") and rule.describe().endswith(f"({SAID})")
    assert count_scenario(scenario).notes == (SAID,)
    same = load_scenario(str(_case(tmp_path, "101")))
    assert needed_in(same, same.state()).notes == () and pass_rule_in(same, same.state()).notes == ()


@pytest.mark.parametrize("profile_seats", ["100", "101"])
def test_the_report_and_the_charts_say_so(run_cli: Callable[..., Any], tmp_path: Path, profile_seats: str) -> None:
    case = str(_case(tmp_path, profile_seats))
    said = SAID.replace("'", "&#x27;")
    report = tmp_path / "report.html"
    assert run_cli("report", case, "-o", str(report)).code == 0
    assert (said in report.read_text(encoding="utf-8")) is (profile_seats == "100")
    for kind in ("hemicycle", "timeline", "forecast"):
        out = tmp_path / f"{kind}.svg"
        r = run_cli("chart", case, "--kind", kind, "-o", str(out))
        assert r.code == 0, r.err
        svg = re.sub(r"<[^>]+>", " ", out.read_text(encoding="utf-8")).replace("&#x27;", "'").replace("&#39;", "'")
        # a note under a chart is a sentence of its own; the timeline's bar starts on the first day it shows
        # (before the filing), and its note is of that day
        said_here = re.escape("T" + SAID[1:] + ".")
        said_here = said_here.replace("2024\\-02\\-10", r"2024-0[12]-\d\d") if kind == "timeline" else said_here
        assert bool(re.search(said_here, _flat(svg))) is (profile_seats == "100"), (kind, _flat(svg))
        if profile_seats == "101":
            assert "where the rules profile" not in svg, kind
