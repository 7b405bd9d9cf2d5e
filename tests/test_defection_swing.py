"""A swing of the mood moves members who crossed the floor as it moves any member of their stance, under
Art. 63A's uncounted period: their own chance of a yes shifts on the logit scale by the chamber's shock (and
their party's), and the vote of theirs against the party's direction stays set apart (present, not voting).

A swing has no closed form; the truths below integrate over the shock Z ~ N(0, sd^2) by Gauss-Hermite
quadrature (60 nodes: exact to far below the draws' error for these smooth integrands), each point worked out
by hand or by enumerating every combination of the members' votes, with every bloc that swings at
q = expit(logit(p) + Z) (committed stances, yes and no, do not swing).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from test_defection_leaning import NOT_COUNTED, _write
from test_defection_with_party import _brute, _cases, _scenario
from whipcount.errors import ForecastError
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count, simulate
from whipcount.tally.model import Bloc

NODES, WEIGHTS = np.polynomial.hermite_e.hermegauss(60)
WEIGHTS = WEIGHTS / math.sqrt(2 * math.pi)  # E[f(Z)], Z ~ N(0, 1) = sum of w f(x)


def _expect(f: Callable[[float], float], sd: float) -> float:
    """E[f(Z)] for Z ~ N(0, sd^2)."""
    return float(sum(w * f(sd * x) for x, w in zip(NODES, WEIGHTS, strict=True)))


def _shift(p: float, z: float) -> float:
    """expit(logit(p) + z)."""
    return 1.0 / (1.0 + math.exp(-(math.log(p / (1.0 - p)) + z)))


def _check(path: Path, f: Callable[[float], float], p: float, *, swing: float = 0.0, party_swing: float = 0.0,
           seed: int = 7) -> None:
    """P(pass) drawn with the swing is within four standard errors of E[f(shifted p)]; without the swing's move
    (f(p), the chance as it stood) it is not."""
    truth = _expect(lambda z: f(_shift(p, z)), math.hypot(swing, party_swing))
    assert abs(truth - f(p)) > 0.01  # the swing moves the answer: a check that could fail
    model = model_from_count(count_scenario(load_scenario(path)), swing=swing, party_swing=party_swing)
    sims = 200_000
    drawn = simulate(model, sims=sims, rng=np.random.default_rng(seed)).p_pass
    assert abs(drawn - truth) <= 4 * math.sqrt(truth * (1 - truth) / sims)


def _all_three(q: float) -> float:
    """The three crossed members (acting as one half the time) all vote one way, each with chance q."""
    return 0.5 * q + 0.5 * q ** 3


def _two_of_three(q: float) -> float:
    """At least two of the three vote that way."""
    return 0.5 * q + 0.5 * (3 * q ** 2 * (1 - q) + q ** 3)


@pytest.mark.parametrize(("basis", "quorum"), [("total", 0), ("votes-cast", 0), ("votes-cast", 8)])
def test_a_swing_moves_the_chance_that_crossed_members_return_to_the_party(
        tmp_path: Path, basis: str, quorum: int) -> None:
    """A confidence motion, gov for it: 2 loyal members certain yes, 3 of the opposition certain no, the 3 who
    crossed leaning no with a yes 0.3 (counted) and their no set apart. On the total membership 5 of 8 yes
    need all three; on the votes cast 2 + k > 3 needs two. With a quorum of 8 all must be present: the members
    set apart are, so it never bites."""
    path = _write(tmp_path, kind="confidence", basis=basis, when=NOT_COUNTED, loyal=2, opp=3,
                  crossed="lean-no", crossed_p=0.3, certain=True, quorum=quorum)
    _check(path, _all_three if basis == "total" else _two_of_three, 0.3, swing=1.0)


@pytest.mark.parametrize("quorum", [0, 8])
@pytest.mark.parametrize(("swing", "party_swing"), [(1.0, 0.0), (0.0, 1.0)])
def test_a_swing_moves_a_yes_set_apart_as_it_moves_a_yes(
        tmp_path: Path, quorum: int, swing: float, party_swing: float) -> None:
    """A no-confidence motion on the votes cast, gov against it: 3 of the opposition certain yes, 2 loyal
    certain no, the 3 who crossed leaning yes (3 in 4) with their yes set apart. The motion carries 3 to 2 only
    if all three vote yes (not counted); one no of theirs makes it 3 to 3. The chamber's shock and gov's own
    move them alike (the others are committed); with a quorum of 8 the yes set apart are present."""
    path = _write(tmp_path, kind="no-confidence", basis="votes-cast", when=NOT_COUNTED, loyal=2, opp=3,
                  crossed="lean-yes", certain=True, quorum=quorum)
    _check(path, _all_three, 0.75, swing=swing, party_swing=party_swing, seed=11)


def test_a_swing_moves_crossed_members_with_the_party_in_a_group(tmp_path: Path) -> None:
    """A crossed member leaning no whose party is against a no-confidence motion: only its yes is set apart. In a
    group with the party's loyal members (together 0.6) and a chamber swing, every combination of votes and every
    stretch of the shared draw at each quadrature point."""
    cases = [c for c in _cases() if c["together"] and not c["counted"] and c["crossed_stance"] not in ("yes", "no")]
    assert cases  # the seeded cases hold such a chamber
    case = cases[0]
    sd = 0.8
    path = _scenario(tmp_path, case)

    def at(z: float) -> float:
        swung = {**case, **{f"{who}_p": _shift(float(case[f"{who}_p"]), z)  # type: ignore[arg-type]
                            for who in ("loyal", "crossed", "opp") if case[f"{who}_stance"] not in ("yes", "no")}}
        return _brute(swung)

    truth = _expect(at, sd)
    assert abs(truth - _brute(case)) > 0.005
    model = model_from_count(count_scenario(load_scenario(path)), groups=[(["gov"], float(case["together"]))],  # type: ignore[arg-type]
                             swing=sd)
    sims = 200_000
    drawn = simulate(model, sims=sims, rng=np.random.default_rng(23)).p_pass
    assert abs(drawn - truth) <= 4 * math.sqrt(truth * (1 - truth) / sims)


@pytest.mark.parametrize("case", [c for c in _cases() if not c["counted"]][:8],
                         ids=lambda c: "-".join(str(c[k]) for k in ("loyal_stance", "crossed_stance", "basis")))
def test_a_chamber_swing_matches_every_combination_of_votes(tmp_path: Path, case: dict[str, object]) -> None:
    sd = 0.8

    def at(z: float) -> float:
        swung = {**case, **{f"{who}_p": _shift(float(case[f"{who}_p"]), z)  # type: ignore[arg-type]
                            for who in ("loyal", "crossed", "opp") if case[f"{who}_stance"] not in ("yes", "no")}}
        return _brute(swung)

    truth = _expect(at, sd)
    groups = [(["gov"], float(case["together"]))] if case["together"] else []  # type: ignore[arg-type]
    model = model_from_count(count_scenario(load_scenario(_scenario(tmp_path, case))), groups=groups, swing=sd)
    sims = 60_000
    drawn = simulate(model, sims=sims, rng=np.random.default_rng(29)).p_pass
    assert abs(drawn - truth) <= 4.5 * math.sqrt(max(truth * (1 - truth), 1e-4) / sims)


@pytest.mark.parametrize(("set_apart", "p_yes", "p_absent"), [("no", 0.3, 0.2), ("yes", 0.1, 0.4), ("x", 0.1, 0.0),
                                                              (["no"], 0.3, 0.7)])
def test_a_bloc_whose_vote_set_apart_does_not_fit_its_probabilities_is_refused(
        set_apart: object, p_yes: float, p_absent: float) -> None:
    """A no set apart leaves its members away (1 - p_yes) or voting no (0); a yes set apart leaves no yes."""
    with pytest.raises(ForecastError, match="bloc 'crossed': set_apart must be"):
        Bloc("crossed", 3, p_yes, p_absent, set_apart=set_apart)  # type: ignore[arg-type]
