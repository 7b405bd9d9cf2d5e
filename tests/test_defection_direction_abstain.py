"""Members who crossed the floor from a party whose direction is not to vote (abstain, or stay away), under
Art. 63A's uncounted period.

Art. 63A(1)(b) disqualifies a member who "votes or abstains from voting ... contrary to any direction": where
the party's direction is to abstain, a yes and a no are both contrary to it, so neither counts (the member
is present, not voting); only staying out of the vote is with the party. Every figure below is worked out by
enumerating every way each member can vote (yes, no or away) with the model's probabilities and counting
each outcome as the rule says.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest

from test_defection_leaning import COHESION, COUNTED, NOT_COUNTED, P_YES, SCENARIO, VOTES_CAST, _votes
from test_defection_leaning import _write as write_three
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count, p_pass_exact, simulate

LOYAL, CROSSED, OPP = 1, 3, 5


def _write(tmp_path: Path, *, kind: str, basis: str, when: tuple[str, str], direction: str, crossed: str) -> Path:
    """One member of the governing party on its side with stance ``direction``, three who crossed to the
    opposition with stance ``crossed``, five opposition members leaning yes."""
    seats = LOYAL + CROSSED + OPP
    rules = "pk-na"
    if basis == "votes-cast":
        (tmp_path / "rules.yaml").write_text(VOTES_CAST.format(seats=seats, kind=kind, quorum=""), encoding="utf-8")
        rules = "rules.yaml"
    lines = [f"  - {{date: 2023-01-01, party: {party}, side: {side}, stance: {stance}, source: \"https://example.org/s\"}}"
             for party, side, stance in (("gov", "government", direction), ("gov", "opposition", crossed),
                                         ("opp", "opposition", "lean-yes"))]
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO.format(rules=rules, seats=seats, gov=LOYAL + CROSSED, opp=OPP, kind=kind,
                                    moved=when[0], vote=when[1], stances="\n".join(lines) + "\n"), encoding="utf-8")
    return path


def _brute(*, basis: str, counted: bool, crossed: str) -> float:
    """P(pass) over every combination of votes: the loyal member casts no vote; where the rule does not count
    them, no vote a crossed member casts counts (present, not voting), nor a no of the opposition's (against its
    own direction, leaning yes); on the total membership a yes of 5 of 9 is needed, on the votes cast more yes
    than no."""
    seats = LOYAL + CROSSED + OPP

    def bloc(stance: str, n: int) -> list[tuple[int, int, int, float]]:
        away = 1.0 - P_YES[stance] if stance == "yes" else 0.0
        return list(_votes(n, P_YES[stance], away, COHESION[stance]))

    total = 0.0
    for (cy, cn, _, cp), (oy, on, _, op) in itertools.product(bloc(crossed, CROSSED), bloc("lean-yes", OPP)):
        if not counted:
            cy = cn = on = 0
        yes, no = cy + oy, cn + on
        total += cp * op * (yes >= seats // 2 + 1 if basis == "total" else yes > no)
    return total


CASES = [(kind, direction, crossed, basis, counted)
         for kind in ("confidence", "no-confidence") for direction in ("abstain", "absent")
         for crossed in ("no", "lean-no", "undecided", "lean-yes", "yes")
         for basis in ("total", "votes-cast") for counted in (False, True)]


@pytest.mark.parametrize(("kind", "direction", "crossed", "basis", "counted"), CASES)
def test_no_vote_cast_against_a_direction_not_to_vote_counts(
        tmp_path: Path, kind: str, direction: str, crossed: str, basis: str, counted: bool) -> None:
    path = _write(tmp_path, kind=kind, basis=basis, when=COUNTED if counted else NOT_COUNTED, direction=direction,
                  crossed=crossed)
    count = count_scenario(load_scenario(path))
    assert count.crossed is not None
    assert (count.crossed.seats, count.crossed.direction, count.crossed.counted) == (3, "for or against", counted)
    assert count.crossed.leaning == 0  # no vote of theirs is with a direction not to vote
    model = model_from_count(count)
    truth = _brute(basis=basis, counted=counted, crossed=crossed)
    assert p_pass_exact(model)[0] == pytest.approx(truth, abs=1e-12)
    if not counted:
        sims = 100_000
        drawn = simulate(model, sims=sims, rng=np.random.default_rng(7)).p_pass
        assert abs(drawn - truth) <= 4 * (truth * (1 - truth) / sims) ** 0.5 + 1e-12


def test_where_the_votes_count_the_count_changes_only_by_its_line(tmp_path: Path) -> None:
    """After the review judgment the crossed members' stances stand as recorded: three leaning no."""
    path = _write(tmp_path, kind="confidence", basis="total", when=COUNTED, direction="abstain", crossed="lean-no")
    count = count_scenario(load_scenario(path))
    assert count.by_stance()["lean-no"] == 3
    assert all(p.not_counted is None for p in count.positions)


def test_a_leaning_seat_moved_against_its_party_is_counted_among_the_leaning(tmp_path: Path) -> None:
    """A what-if's seat (``~`` in its key) leaning no against a party for the motion keeps its chance of a yes,
    which counts: it is among the leaning of the record, beside the three crossed (firm no: none leaning)."""
    from dataclasses import replace

    from whipcount.tally.count import default_stance
    from whipcount.tally.crossed import recount

    path = write_three(tmp_path, kind="confidence", basis="total", when=NOT_COUNTED, loyal=3, opp=3, crossed="no")
    count = count_scenario(load_scenario(path))
    assert count.crossed is not None and count.crossed.leaning == 0
    loyal = next(p for p in count.positions if p.party == "gov" and p.side == "government")
    assert loyal.seats == 3
    stay = replace(loyal, seats=2, seat_labels=loyal.seat_labels[:2])
    moved = replace(loyal, key=loyal.key + "~switch", seats=1, seat_labels=loyal.seat_labels[2:], stance="lean-no")
    positions = [q for p in count.positions for q in ((stay, moved) if p is loyal else (p,))]
    after = recount(replace(count, positions=tuple(positions)), lambda side: default_stance(side, count.kind))
    assert after.crossed is not None
    assert (after.crossed.seats, after.crossed.leaning) == (3, 1)
    assert [p.counts_only for p in after.positions if p.key == moved.key] == ["yes"]  # it did not cross: its key
    assert "1 of them only lean that way" in after.crossed.words
