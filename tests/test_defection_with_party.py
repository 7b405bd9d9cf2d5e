"""Members who crossed the floor but whose stance goes with their party's direction, under Art. 63A.

Between the Supreme Court's opinion of 17 May 2022 and its review of 3 October 2024 a vote cast "contrary to
any direction" of the parliamentary party is not counted. A crossed member whose stance is with the party (the
party for the motion and the member leaning yes; the party against it and the member leaning no, or a
committed no) may still vote the other way: that vote is set apart as well (present, not voting), and the
vote with the party counts. On a basis of the votes cast a no set apart is not a no; on the total membership
only the yes count, so a no and a vote set apart are alike there, and a yes set apart is lost.

The figures are worked out by hand (the arithmetic in each docstring), or by enumerating every way each member
can vote (yes, no or away) with the model's probabilities (and, for a group acting as one, every stretch of
the shared draw), counting each outcome as the rule says.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from conftest import CliResult
from test_defection_leaning import COHESION, COUNTED, NOT_COUNTED, P_YES, SCENARIO, VOTES_CAST, _votes, _write
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count, p_pass_exact, simulate


def _json(r: CliResult) -> dict:  # type: ignore[type-arg]
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


# hand-worked: 2 loyal members and 3 of the other side certain; the 3 who crossed act as one half the time
LEAN_YES_WITH_A_PARTY_FOR = [
    # confidence motion, the party for it, the crossed leaning yes (3 in 4): yes = 2 + k, no = 3 (their no is
    # not counted). Votes cast: more yes than no needs k >= 2:
    # 0.5 * 0.75 + 0.5 * (3 * 0.75 ** 2 * 0.25 + 0.75 ** 3) = 0.796875 (were their no counted, 2 + k > 6 - k
    # would need k = 3: 0.5 * 0.75 + 0.5 * 0.75 ** 3 = 0.5859375). Total membership: 5 of 8 yes needs k = 3,
    # 0.5859375 either way.
    ("votes-cast", 0.796875),
    ("total", 0.5 * 0.75 + 0.5 * 0.75 ** 3),
]


@pytest.mark.parametrize(("basis", "truth"), LEAN_YES_WITH_A_PARTY_FOR)
def test_a_crossed_member_leaning_with_a_party_for_the_motion_loses_only_its_no(
        tmp_path: Path, run_cli: Callable[..., CliResult], basis: str, truth: float) -> None:
    path = str(_write(tmp_path, kind="confidence", basis=basis, when=NOT_COUNTED, loyal=2, opp=3,
                      crossed="lean-yes", certain=True))
    for method in ("exact", "monte-carlo"):
        out = _json(run_cli("forecast", path, "--json", "--method", method, "--seed", "5", "--sims", "200000"))
        assert abs(out["p_pass"] - truth) <= 4 * math.sqrt(truth * (1 - truth) / 200_000) + 1e-12
    count = _json(run_cli("count", path, "--json"))
    crossed = count["crossed"]
    assert (crossed["seats"], crossed["with_party"], crossed["leaning"], crossed["votes"]) == (0, 3, 0, "against")
    assert "3 of them stand with their party's direction and may still vote the other way" in crossed["explanation"]
    assert count["could_supply"][0]["key"] == "gov@opposition/crossed"  # their yes counts


@pytest.mark.parametrize(("basis", "stance", "truth"), [
    # no-confidence motion, the party against it: 3 of the opposition certain yes, 2 loyal certain no, the 3
    # who crossed leaning no (a yes 1 in 4). Their yes is not counted: yes = 3, no = 2 + 3 - k. Votes cast:
    # 3 > 5 - k needs all three to vote yes, set apart: 0.5 * 0.25 + 0.5 * 0.25 ** 3 = 0.1328125 (were their
    # yes counted, 3 + k > 5 - k needs k >= 2: 0.5 * 0.25 + 0.5 * (3 * 0.25 ** 2 * 0.75 + 0.25 ** 3) =
    # 0.203125). Total membership: 5 of 8 yes can never be reached without them: 0 (counted: 0.203125).
    ("votes-cast", "lean-no", 0.5 * 0.25 + 0.5 * 0.25 ** 3),
    ("total", "lean-no", 0.0),
    # committed no (a yes 1 in 100, each on their own): on the votes cast all three must vote yes (set
    # apart), 0.01 ** 3 (counted: k >= 2, 3 * 0.01 ** 2 * 0.99 + 0.01 ** 3 = 0.000298)
    ("votes-cast", "no", 0.01 ** 3),
    ("total", "no", 0.0),
])
def test_a_crossed_member_with_a_party_against_the_motion_loses_only_its_yes(
        tmp_path: Path, run_cli: Callable[..., CliResult], basis: str, stance: str, truth: float) -> None:
    path = str(_write(tmp_path, kind="no-confidence", basis=basis, when=NOT_COUNTED, loyal=2, opp=3,
                      crossed=stance, certain=True))
    out = _json(run_cli("forecast", path, "--json", "--method", "exact"))
    assert out["p_pass"] == pytest.approx(truth, abs=1e-12)
    count = _json(run_cli("count", path, "--json"))
    assert (count["crossed"]["seats"], count["crossed"]["with_party"]) == (0, 3)
    assert all(not p["key"].endswith("/crossed") for p in count["could_supply"])  # a yes of theirs cannot count


def test_where_the_rule_counts_them_nothing_is_set_apart(tmp_path: Path) -> None:
    """After the review judgment the leaning-no members' yes counts: 0.203125 on the votes cast (above)."""
    path = _write(tmp_path, kind="no-confidence", basis="votes-cast", when=COUNTED, loyal=2, opp=3,
                  crossed="lean-no", certain=True)
    count = count_scenario(load_scenario(path))
    assert count.crossed is not None and (count.crossed.counted, count.crossed.with_party) == (True, 3)
    assert p_pass_exact(model_from_count(count))[0] == pytest.approx(0.203125, abs=1e-12)


# brute force over small random chambers ---------------------------------------------------------------------

STANCES = ("yes", "lean-yes", "undecided", "lean-no", "no")
CROSSED = 3  # SCENARIO's three named members who cross to the opposition


def _bloc(stance: str, n: int, p: float) -> list[tuple[int, int, int, float]]:
    """(yes, no, away, probability) for every way ``n`` members of ``stance`` can vote: a yes with ``p``, the
    rest of a ``yes`` stays away, of any other stance votes no; acting as one with the stance's cohesion."""
    return list(_votes(n, p, 1.0 - p if stance == "yes" else 0.0, COHESION[stance] if n > 1 else 0.0))


def _direction(stance: str) -> str | None:
    return "for" if stance in ("yes", "lean-yes") else "against" if stance in ("no", "lean-no") else None


def _keep(cy: int, cn: int, crossed: str, direction: str | None, counted: bool) -> tuple[int, int]:
    """The crossed members' yes and no as the rule counts them: a vote against the party's direction is set
    apart where the rule does not count it; a firm stance against the party has every vote set apart."""
    if counted or direction is None:
        return cy, cn
    if crossed == ("no" if direction == "for" else "yes"):
        return 0, 0
    return (cy, 0) if direction == "for" else (0, cn)


def _passes(yes: int, no: int, seats: int, basis: str) -> bool:
    return yes >= seats // 2 + 1 if basis == "total" else yes > no


def _stretches(edges: list[float]) -> Iterator[tuple[float, float]]:
    """(width, midpoint) of each stretch of [0, 1) between the ``edges``."""
    cuts = sorted({0.0, 1.0, *[e for e in edges if 0.0 < e < 1.0]})
    for lo, hi in itertools.pairwise(cuts):
        yield hi - lo, (lo + hi) / 2


def _brute(case: dict[str, object]) -> float:
    """P(pass) over every combination of votes, a vote against the voter's party's direction (gov's, for the
    loyal and the crossed; the opposition's own) set apart where the rule does not count it; with ``together``, the governing party's two blocs (loyal and
    crossed) act as one that share of the time: one uniform U, each bloc all yes below its P(yes), all away
    from 1 - P(away) on, else all no."""
    loyal, opp = int(case["loyal"]), int(case["opp"])  # type: ignore[call-overload]
    ls, cs, os_ = str(case["loyal_stance"]), str(case["crossed_stance"]), str(case["opp_stance"])
    lp, cp, op = float(case["loyal_p"]), float(case["crossed_p"]), float(case["opp_p"])  # type: ignore[arg-type]
    basis, counted, together = str(case["basis"]), bool(case["counted"]), float(case["together"])  # type: ignore[arg-type]
    seats, direction = loyal + CROSSED + opp, _direction(ls)

    def outcome(l_: tuple[int, int, int], c: tuple[int, int, int], o: tuple[int, int, int]) -> bool:
        cy, cn = _keep(c[0], c[1], cs, direction, counted)
        # the loyal members and the opposition: each party's own stance is its direction, a vote against it not
        # counted either
        ly, ln = _keep(l_[0], l_[1], ls, direction, counted)
        oy, on = _keep(o[0], o[1], os_, _direction(os_), counted)
        return _passes(ly + cy + oy, ln + cn + on, seats, basis)

    opp_votes = _bloc(os_, opp, op)
    apart = sum(a[3] * b[3] * c[3] * outcome(a[:3], b[:3], c[:3])
                for a, b, c in itertools.product(_bloc(ls, loyal, lp), _bloc(cs, CROSSED, cp), opp_votes))
    if not together:
        return apart

    def as_one(stance: str, n: int, p: float, u: float) -> tuple[int, int, int]:
        away = 1.0 - p if stance == "yes" else 0.0
        return (n, 0, 0) if u < p else (0, 0, n) if u >= 1.0 - away else (0, n, 0)

    edges = [lp, cp, *([1.0 - lp] if ls == "yes" else []), *([1.0 - cp] if cs == "yes" else [])]
    one = sum(width * sum(o[3] * outcome(as_one(ls, loyal, lp, u), as_one(cs, CROSSED, cp, u), o[:3])
                          for o in opp_votes)
              for width, u in _stretches(edges))
    return (1 - together) * apart + together * one


def _cases() -> list[dict[str, object]]:
    rng = random.Random(20221017)
    out: list[dict[str, object]] = []
    while len(out) < 16:
        ls = rng.choice(STANCES)
        direction = _direction(ls)
        # every stance of the crossed, but mostly those with the party's direction
        with_party = {"for": ("lean-yes",), "against": ("lean-no", "no"), None: ("undecided",)}[direction]
        cs = rng.choice(with_party) if rng.random() < 0.6 else rng.choice(STANCES)
        out.append({"loyal": rng.randint(1, 3), "opp": rng.randint(1, 3), "loyal_stance": ls, "crossed_stance": cs,
                    "opp_stance": rng.choice(STANCES), "loyal_p": round(rng.uniform(0.05, 0.95), 2),
                    "crossed_p": round(rng.uniform(0.05, 0.95), 2), "opp_p": round(rng.uniform(0.05, 0.95), 2),
                    "basis": rng.choice(("total", "votes-cast")), "counted": rng.random() < 0.25,
                    "kind": rng.choice(("confidence", "no-confidence")),
                    "together": rng.choice((0.0, 0.0, 0.6))})
    return out


def _scenario(tmp_path: Path, case: dict[str, object]) -> Path:
    loyal, opp, kind = int(case["loyal"]), int(case["opp"]), str(case["kind"])  # type: ignore[call-overload]
    seats = loyal + CROSSED + opp
    rules = "pk-na"
    if case["basis"] == "votes-cast":
        (tmp_path / "rules.yaml").write_text(VOTES_CAST.format(seats=seats, kind=kind, quorum=""), encoding="utf-8")
        rules = "rules.yaml"
    lines = [f"  - {{date: 2023-01-01, party: {party}, side: {side}, stance: {case[who + '_stance']}, "
             f"p_yes: {case[who + '_p']}, source: \"https://example.org/s\"}}"
             for party, side, who in (("gov", "government", "loyal"), ("gov", "opposition", "crossed"),
                                      ("opp", "opposition", "opp"))]
    when = COUNTED if case["counted"] else NOT_COUNTED
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO.format(rules=rules, seats=seats, gov=loyal + CROSSED, opp=opp, kind=kind,
                                    moved=when[0], vote=when[1], stances="\n".join(lines) + "\n"), encoding="utf-8")
    return path


@pytest.mark.parametrize("case", _cases(), ids=lambda c: "-".join(str(c[k]) for k in (
    "loyal_stance", "crossed_stance", "basis", "counted", "together")))
def test_both_methods_match_every_combination_of_votes(tmp_path: Path, case: dict[str, object]) -> None:
    count = count_scenario(load_scenario(_scenario(tmp_path, case)))
    groups = [(["gov"], float(case["together"]))] if case["together"] else []  # type: ignore[arg-type]
    truth = _brute(case)
    assert p_pass_exact(model_from_count(count, groups=groups))[0] == pytest.approx(truth, abs=1e-12)
    sims = 60_000
    # drawn bloc by bloc (a party swing too small to move anything) and collapsed
    for swing, seed in ((0.0, 3), (1e-9, 4)):
        model = model_from_count(count, groups=groups, party_swing=swing)
        drawn = simulate(model, sims=sims, rng=np.random.default_rng(seed)).p_pass
        assert abs(drawn - truth) <= 4.5 * math.sqrt(max(truth * (1 - truth), 1e-4) / sims)


def test_the_cases_reach_what_they_are_meant_to() -> None:
    """The random cases hold crossed members with their party on both bases, uncounted, alone and in a group."""
    cases = _cases()
    with_party = [c for c in cases if not c["counted"] and c["crossed_stance"] in {
        "for": ("lean-yes",), "against": ("lean-no", "no"), None: ()}[_direction(str(c["loyal_stance"]))]]
    assert {c["basis"] for c in with_party} == {"total", "votes-cast"}
    assert any(c["together"] for c in with_party) and any(not c["together"] for c in with_party)
    assert any(_brute(c) != _brute({**c, "counted": True}) for c in with_party)
    assert P_YES["lean-yes"] == 0.75  # the hand-worked figures above read the documented table
