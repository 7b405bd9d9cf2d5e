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

Run = Callable[..., Any]


@pytest.fixture
def case(run_cli: Run, tmp_path: Path) -> Path:
    """Party C's five members leave it and sit as independents: two with the opposition (yes), three on
    the 'other' side (undecided); the opposition's 166 and those two make 168 yes of the 169 needed."""
    path = tmp_path / "ind.yaml"
    assert run_cli("new", str(path)).code == 0
    text = path.read_text(encoding="utf-8")
    text = text.replace("seats: 166, side: government", "seats: 165, side: government")
    text = text.replace("seats: 165, side: opposition", "seats: 166, side: opposition")
    text = text.replace(
        "motion:                        # the motion being counted",
        "  - {date: 2026-11-20, kind: leave-party, party: party-c, seats: 5, summary: all of C leave,\n"
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
