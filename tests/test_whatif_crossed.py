"""What-if on a party with members who crossed the floor, under Art. 63A's uncounted period.

A change of a party leaves its crossed members as they stand (they crossed to vote otherwise) and counts the
rule again with the party's new direction. Every probability below is worked out by enumerating every way
each member can vote (yes, no or away) with the model's probabilities, or by hand.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from test_defection_leaning import COHESION, NOT_COUNTED, P_YES, SCENARIO, VOTES_CAST, _votes, _write


def _json(r: CliResult) -> dict:  # type: ignore[type-arg]
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("change", [("--yes", "gov"), ("--no", "opp")])
def test_a_whole_party_voting_as_it_stands_keeps_its_certain_vote(
        tmp_path: Path, run_cli: Callable[..., CliResult], change: tuple[str, str]) -> None:
    """The confidence motion of tests/test_defection_leaning.py: two loyal members certain yes, three crossed
    leaning no, three of the opposition certain no; 5 of 8 needed. ``--yes gov`` changes nothing: the loyal
    vote yes already, for certain, and the crossed are left as they stand (a yes of theirs counts); nor does
    ``--no opp``. P(pass) stays 0.5 * 0.25 + 0.5 * 0.25 ** 3 = 0.1328125."""
    path = str(_write(tmp_path, kind="confidence", basis="total", when=NOT_COUNTED, loyal=2, opp=3,
                      crossed="lean-no", certain=True))
    out = _json(run_cli("what-if", path, *change, "--method", "exact", "--json"))
    assert [r["p_pass"] for r in out["runs"]] == pytest.approx([0.1328125, 0.1328125], abs=1e-12)


def _scenario(tmp_path: Path) -> Path:
    """A confidence motion decided by the votes cast: gov's two loyal members on its side (yes by default),
    three who crossed to the opposition leaning yes, three of the opposition leaning no."""
    (tmp_path / "rules.yaml").write_text(VOTES_CAST.format(seats=8, kind="confidence", quorum=""), encoding="utf-8")
    lines = [f"  - {{date: 2023-01-01, party: {party}, side: opposition, stance: {stance}, "
             f"source: \"https://example.org/s\"}}" for party, stance in (("gov", "lean-yes"), ("opp", "lean-no"))]
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO.format(rules="rules.yaml", seats=8, gov=5, opp=3, kind="confidence",
                                    moved=NOT_COUNTED[0], vote=NOT_COUNTED[1], stances="\n".join(lines) + "\n"),
                    encoding="utf-8")
    return path


def _brute(loyal: str, crossed_yes_counts: bool) -> float:
    """P(more yes than no) over every combination of votes: the loyal two of stance ``loyal``, the three
    crossed leaning yes, the opposition's three leaning no. Of the crossed, only the vote with their party's
    direction counts: their yes where ``crossed_yes_counts`` (the party for the motion), else their no; the
    other is set apart (present, not voting). So is every other member's vote against their own party's
    direction: the opposition's yes (it leans no), and the loyal members' yes where they stand no."""
    def bloc(stance: str, n: int) -> list[tuple[int, int, int, float]]:
        away = 1.0 - P_YES[stance] if stance == "yes" else 0.0
        return list(_votes(n, P_YES[stance], away, COHESION[stance]))

    total = 0.0
    for (ly, ln, _, lp), (cy, cn, _, cp), (_, on, _, op) in itertools.product(
            bloc(loyal, 2), bloc("lean-yes", 3), bloc("lean-no", 3)):
        yes = (ly if loyal == "yes" else 0) + (cy if crossed_yes_counts else 0)
        total += lp * cp * op * (yes > ln + on + (0 if crossed_yes_counts else cn))
    return total


def test_a_party_turning_against_the_motion_leaves_its_crossed_members_as_they_stand(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """``--no gov``: the two loyal members vote no; the three crossed keep leaning yes (not moved to no), and
    against the party's new direction their yes is not counted while a no of theirs is. Before the change the
    party is for the motion, as their stance is: their yes counts, and a no of theirs, against the party's
    direction, does not."""
    out = _json(run_cli("what-if", str(_scenario(tmp_path)), "--no", "gov", "--method", "exact", "--json"))
    base, after = out["runs"]
    assert base["p_pass"] == pytest.approx(_brute("yes", True), abs=1e-12)
    assert after["p_pass"] == pytest.approx(_brute("no", False), abs=1e-12)
    assert any(n.startswith("gov vote no: 3 members who crossed the floor")
               and "their votes for the motion are not counted" in n and "3 of them only lean that way" in n
               for n in out["notes"])
    assert any(n.startswith("baseline: 3 members who crossed the floor")
               and "their votes against the motion are not counted" in n
               and "3 of them stand with their party's direction" in n for n in out["notes"])


def test_a_change_of_more_seats_than_the_party_holds_outside_its_crossed_members_names_them(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    r = run_cli("what-if", str(_scenario(tmp_path)), "--no", "gov:3")
    assert r.code != 0
    assert "holds only 2 seats" in r.err
    assert "3 more crossed the floor, and a change of the party leaves those as they stand" in r.err
    assert "Traceback" not in r.err
