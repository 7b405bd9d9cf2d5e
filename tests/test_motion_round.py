"""A motion that is a run-off is counted, forecast and charted under the run-off's threshold, not the first
poll's: every command that states what the motion needs agrees with the rules engine's judgement of it.

The case: Pakistan's election of the Prime Minister (Art. 91(4)). A first poll needs a majority of the total
membership, 172 of 342 whoever votes; the run-off between the two leaders needs a majority of the members
present and voting, so with 160 for, 150 against and 31 away it is carried with 156 (a majority of 310).
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from whipcount.charts.views import needed_for
from whipcount.errors import ScenarioError
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario
from whipcount.tally import count_scenario

CASE = """\
chamber: {{name: National Assembly, rules: pk-na, seats: 342, as_of: 2022-04-11}}
parties:
  - {{id: a, name: Party A, seats: 160, side: government}}
  - {{id: b, name: Party B, seats: 150, side: opposition}}
  - {{id: c, name: Party C, seats: 31, side: other}}
motion: {{kind: pm-election, successor: Someone, vote: 2022-04-11{round}}}
stances:
  - {{party: a, stance: "yes", date: 2022-04-11, source: "https://example.org/s"}}
  - {{party: b, stance: "no", date: 2022-04-11, source: "https://example.org/s"}}
  - {{party: c, stance: absent, date: 2022-04-11, source: "https://example.org/s"}}
"""

FIRST_POLL = 172  # a majority of the total membership of 342 (vacant seats count)
RUNOFF = 156  # a majority of the 310 members present and voting (160 + 150)


def _case(tmp_path: Path, round_: str) -> Path:
    path = tmp_path / f"case{round_[-1:] or 0}.yaml"
    path.write_text(CASE.format(round=round_), encoding="utf-8")
    return path


@pytest.mark.parametrize(("round_", "bar", "carried"), [("", FIRST_POLL, False), (", round: 1", FIRST_POLL, False),
                                                        (", round: 2", RUNOFF, True)])
def test_count_and_forecast_use_the_poll_the_motion_is(tmp_path, run_cli, round_, bar, carried):
    path = _case(tmp_path, round_)
    count = json.loads(run_cli("count", str(path), "--json").out)
    assert count["needed"] == bar
    assert (count["short"] == 0) is carried
    fc = json.loads(run_cli("forecast", str(path), "--json").out)
    assert fc["needed"] == bar
    # every member's vote is committed: the motion all but surely passes, or all but surely fails
    assert (fc["p_pass"] > 0.999) if carried else (fc["p_pass"] < 0.001)


def test_the_chart_line_follows_the_round(tmp_path):
    first = load_scenario(_case(tmp_path, ""))
    runoff = load_scenario(_case(tmp_path, ", round: 2"))
    assert needed_for(first.state(), first.motion)[0] == FIRST_POLL
    # a share of those present and voting: no fixed line before the vote, and the text says why
    count, why = needed_for(runoff.state(), runoff.motion)
    assert count is None and "present and voting" in why and "91(4)" in why


def test_the_round_survives_writing_the_scenario_back(tmp_path):
    runoff = load_scenario(_case(tmp_path, ", round: 2"))
    again = tmp_path / "again.yaml"
    again.write_text(dump_scenario(runoff), encoding="utf-8")
    back = load_scenario(again)
    assert back.motion is not None and back.motion.round == 2
    assert count_scenario(back).needed == RUNOFF


def test_a_division_gives_the_motion_its_round(tmp_path):
    text = CASE.format(round="") + textwrap.dedent("""\
        division: {date: 2022-04-11, yes: 160, no: 150, round: 2}
        """)
    path = tmp_path / "division.yaml"
    path.write_text(text, encoding="utf-8")
    sc = load_scenario(path)
    assert sc.motion is not None and sc.motion.round == 2
    assert count_scenario(sc).needed == RUNOFF


def test_a_motion_and_its_division_of_different_polls_are_refused(tmp_path):
    text = CASE.format(round=", round: 1") + "division: {date: 2022-04-11, yes: 160, no: 150, round: 2}\n"
    path = tmp_path / "mixed.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScenarioError) as err:
        load_scenario(path)
    message = str(err.value)
    assert "mixed.yaml" in message and "motion.round" in message and "mixed.yaml:6:" in message
    assert "round 1" in message and "round 2" in message


def test_a_motion_without_a_runoff_cannot_be_round_two(tmp_path, run_cli):
    path = tmp_path / "nc.yaml"
    path.write_text(CASE.format(round=", round: 2").replace("pm-election, successor: Someone",
                                                            "no-confidence, target: Someone"), encoding="utf-8")
    res = run_cli("count", str(path))
    assert res.code != 0 and "Traceback" not in res.err
    assert "nc.yaml:6: motion.round" in res.err and "no-confidence rule of pk-na has no run-off" in res.err
    # asked of the rules directly, the same refusal
    from whipcount.errors import RulesError
    from whipcount.rules import needed

    with pytest.raises(RulesError, match="pk-na: the no-confidence rule has no run-off"):
        needed("pk-na", "no-confidence", seats=342, round=2)


def test_the_japanese_runoff_is_counted_under_the_runoff_rule(run_cli):
    # jp-hr-2024's main motion is the run-off of 11 November 2024: what the count and the forecast cite is
    # the House's run-off rule (r. 18(3)), as the outcome judging the same division does
    outcome = json.loads(run_cli("outcome", "jp-hr-2024", "--json").out)["motions"][0]["outcome"]
    count = json.loads(run_cli("count", "jp-hr-2024", "--json").out)
    assert outcome["round"] == 2
    assert "18(3)" in outcome["explanation"] and "18(3)" in count["explanation"]
    fc = run_cli("forecast", "jp-hr-2024").out
    assert "18(3)" in " ".join(fc.split())
