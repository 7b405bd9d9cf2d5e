"""Independents have no whip: in the forecast each votes alone, acting as one with nobody and feeling no
party's shock but their own. Held to closed forms: three undecided independents at p = 1/2, one yes
needed from them, pass with 1 - (1/2)**3 = 7/8 exactly; with a party swing, each one's shock is its own and
symmetric about 0, so each still votes yes with probability 1/2, independently: 7/8 again (a shared shock,
or acting as one, gives less)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.io.scenario import load_scenario
from whipcount.tally.count import count_scenario
from whipcount.tally.from_count import model_from_count
from whipcount.tally.whatif import Change, apply_change

Run = Callable[..., Any]


@pytest.fixture
def case(run_cli: Run, tmp_path: Path) -> Path:
    """Party C's five members leave it and sit as independents: two with the opposition (yes), three on
    the 'other' side (undecided); the opposition's 166 and those two make 168 yes of the 169 needed."""
    path = tmp_path / "ind.yaml"
    assert run_cli("new", str(path), "--on", "2026-12-07").code == 0
    text = path.read_text(encoding="utf-8")
    text = text.replace("seats: 166, side: government", "seats: 165, side: government")
    text = text.replace("seats: 165, side: opposition", "seats: 166, side: opposition")
    text = text.replace(
        "motion:                        # the motion being counted",
        "  - {date: 2026-12-04, kind: leave-party, party: party-c, seats: 5, summary: all of C leave,\n"
        "     source: \"https://example.org/EXAMPLE\"}\n"
        "stance_probabilities: {yes: 1.0, no: 0.0, undecided: 0.5}\n"
        "motion:                        # the motion being counted")
    path.write_text(text, encoding="utf-8")
    return path


def test_undecided_independents_vote_one_by_one(run_cli: Run, case: Path) -> None:
    count = json.loads(run_cli("count", str(case), "--json").out)
    assert (count["committed_yes"], count["undecided"], count["needed"]) == (168, 3, 169)
    exact = json.loads(run_cli("forecast", str(case), "--json").out)
    assert exact["method"] == "exact" and exact["p_pass"] == pytest.approx(7 / 8, abs=1e-12)
    # the default cohesion of undecided blocs (0.5) would give 0.5 * 1/2 + 0.5 * 7/8 = 0.6875
    assert json.loads(run_cli("forecast", str(case), "--cohesion", "1", "--json").out)["p_pass"] == \
        pytest.approx(7 / 8, abs=1e-12)  # no whip to follow, whatever the cohesion


def test_each_independent_feels_a_shock_of_their_own(run_cli: Run, case: Path) -> None:
    r = run_cli("forecast", str(case), "--party-swing", "3", "--sims", "200000", "--seed", "5", "--json")
    mc = json.loads(r.out)
    assert mc["method"] == "monte-carlo"
    assert abs(mc["p_pass"] - 7 / 8) < 4 * mc["stderr"]  # one shock shared by the three gave 0.59


def _named(case: Path) -> str:
    """The case with two of C's five named, Zed and Amy, who sit on the 'other' side and leave with the
    rest: of the three independents there, two are named."""
    text = case.read_text(encoding="utf-8").replace(
        "  - {date: 2026-12-04, kind: leave-party, party: party-c, seats: 5,",
        "  - {date: 2026-12-04, kind: leave-party, party: party-c, members: [zed, amy], summary: two named,\n"
        "     source: \"https://example.org/EXAMPLE\"}\n"
        "  - {date: 2026-12-04, kind: leave-party, party: party-c, seats: 3,")
    return text.replace("stance_probabilities:", "members:\n"
                        "  - {id: zed, name: Zed Example, party: party-c, side: other}\n"
                        "  - {id: amy, name: Amy Example, party: party-c, side: other}\n"
                        "stance_probabilities:")


def test_named_independents_are_pivots_by_name(run_cli: Run, case: Path) -> None:
    """C's members Zed and Amy are named in the file and leave with the other three; Amy has a stance of her
    own. The three independents on the 'other' side are then Amy, Zed and one seat nobody is named for:
    the pivots name Amy and Zed and number the third, as `power` names the same seats."""
    text = _named(case).replace(
        "stances: []",
        "stances:\n"
        "  - {member: amy, stance: undecided, date: 2026-12-02, source: \"https://example.org/s\"}")
    case.write_text(text, encoding="utf-8")
    forecast = run_cli("forecast", str(case), "--json")
    assert forecast.code == 0, forecast.out
    labels = {p["label"] for p in json.loads(forecast.out)["pivotal"] if p["seats"] == 1}
    # Amy's own position is labelled by her name alone; Zed leads the other two seats, the third is numbered
    assert {"Amy Example", "Ind. (other): Zed Example", "Ind. (other) 2"} <= labels
    assert not any(label.startswith("Ind. (other)") and label not in ("Ind. (other): Zed Example", "Ind. (other) 2")
                   for label in labels)
    power = json.loads(run_cli("power", str(case), "--json").out)
    assert {"Ind. (other): Amy Example", "Ind. (other): Zed Example"} <= set(power["labels"])


def test_a_what_if_on_named_independents_keeps_one_bloc_a_seat(run_cli: Run, case: Path) -> None:
    """Moving some of the named independents' seats leaves every seat a bloc of one, named or not. A switch
    takes the largest position first: one of the three undecided on the 'other' side goes against the way
    the independents lean (yes), to no; 168 yes stand and one of the two undecided left must vote yes:
    1 - (1/2)**2 = 3/4 exactly. Switching four moves the other two undecided and one opposition yes: 167
    yes and nobody undecided, short of 169: 0 (and 0 with both changes)."""
    case.write_text(_named(case), encoding="utf-8")
    runs = json.loads(run_cli("what-if", str(case), "--switch", "independent:1", "--switch", "independent:4",
                              "--json").out)["runs"]
    assert [r["p_pass"] for r in runs] == pytest.approx([7 / 8, 3 / 4, 0.0, 0.0], abs=1e-12)


def test_moved_independents_keep_their_names(run_cli: Run, case: Path) -> None:
    """Amy and Zed are named on the 'other' side, the third seat there is not: a switch of one takes the
    last seat of the three (the numbered one), which keeps its label with the switch; Amy and Zed stay."""
    case.write_text(_named(case), encoding="utf-8")
    count = count_scenario(load_scenario(case))
    before = [b.label for b in model_from_count(count).blocs if b.side == "other"]
    assert before == ["Ind. (other): Amy Example", "Ind. (other): Zed Example", "Ind. (other) 3"]
    after = model_from_count(apply_change(count, Change("switch", "independent", 1))).blocs
    assert sorted((b.label, b.stance) for b in after if b.side == "other") == [
        ("Ind. (other) 3: switch to no", "no"),
        ("Ind. (other): Amy Example", "undecided"),
        ("Ind. (other): Zed Example", "undecided"),
    ]
