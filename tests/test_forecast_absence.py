"""Members who do not vote are counted as the basis says: an absence is not a no.

Two independent truths: a hand-derived closed form for one close case on a votes-cast basis (binomial
sums written out here), and brute-force enumeration of every member's vote on small chambers, for a profile
of every basis (total, sitting, present, votes cast, a negative majority, a constructive vote, a quorum),
each outcome judged by ``judge``.
"""

from __future__ import annotations

import itertools
import textwrap
from math import comb
from pathlib import Path

import pytest

from whipcount.rules import judge, pass_rule
from whipcount.tally.exact import p_pass_exact
from whipcount.tally.model import Bloc, ForecastModel

CLOSE = """\
chamber: {name: Test Commons, rules: gb-hc, seats: 624, as_of: 2020-01-01}
parties:
  - {id: gov, name: Government Party, seats: 311, side: government}
  - {id: opp, name: Opposition Party, seats: 313, side: opposition}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
stances:
  - {party: opp, stance: "yes", date: 2020-02-01, source: "https://example.org/s"}
  - {party: gov, stance: "no", date: 2020-02-01, source: "https://example.org/s"}
"""


def _binom(n: int, k: int, p: float) -> float:
    return comb(n, k) * p**k * (1 - p) ** (n - k)


def test_close_votes_cast_case_matches_the_closed_form(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """313 committed yes against 311 committed no, a majority of the votes cast (House of Commons).

    A committed yes votes yes with p = 0.98 and is otherwise absent; a committed no votes yes with p = 0.01
    and otherwise no. With Y1 ~ Bin(313, 0.98) and Y2 ~ Bin(311, 0.01): yes = Y1 + Y2, no = 311 - Y2, and
    the motion carries when yes > no (a tie goes to the Speaker, who by Denison's rule votes against).
    """
    closed = sum(_binom(311, y2, 0.01) * _binom(313, y1, 0.98)
                 for y2 in range(312) for y1 in range(314) if y1 + y2 > 311 - y2)
    path = tmp_path / "close.yaml"
    path.write_text(textwrap.dedent(CLOSE), encoding="utf-8")
    import json

    r = run_cli("forecast", str(path), "--json")
    assert r.code == 0, r.err
    got = json.loads(r.out)["p_pass"]
    assert got == pytest.approx(closed, abs=1e-9)
    assert 0.55 < got < 0.7  # counting the lost supporters as noes gave about 0.19


CASES = [
    ("pk-na", "no-confidence", 7, 0),            # total membership
    ("ro-parl", "no-confidence", 7, 1),          # members (vacancies as the profile says)
    ("gb-hc", "no-confidence", 7, 1),            # votes cast, casting vote by convention
    ("it-senate", "confidence", 7, 0),           # present (abstentions against), quorum
    ("be-ch", "confidence", 7, 0),               # votes cast with a quorum of a majority of members
    ("se-riksdag", "investiture", 7, 0),         # negative majority
    ("de-bt", "constructive-no-confidence", 7, 0),  # constructive: a majority of the members
]


def _enumerate(blocs: list[Bloc], decide) -> float:  # type: ignore[no-untyped-def]
    """P(pass) by listing every member's vote (yes / no / absent), cohesion by the mixture it defines."""
    total = 0.0
    for as_one in itertools.product([False, True], repeat=len(blocs)):
        weight = 1.0
        per_member: list[list[tuple[tuple[int, int, int], float]]] = []
        for bloc, one in zip(blocs, as_one, strict=True):
            c = bloc.cohesion if bloc.seats > 1 else 0.0
            weight *= c if one else (1 - c)
            probs = ((1, 0, 0), bloc.p_yes), ((0, 1, 0), bloc.p_no), ((0, 0, 1), bloc.p_absent)
            if one:
                per_member.append([((v[0] * bloc.seats, v[1] * bloc.seats, v[2] * bloc.seats), p) for v, p in probs])
            else:
                per_member.extend([list(probs)] * bloc.seats)
        if weight == 0:
            continue
        for outcome in itertools.product(*per_member):
            p = weight
            y = n = a = 0
            for (dy, dn, da), q in outcome:
                p *= q
                y, n, a = y + dy, n + dn, a + da
            if p and decide(y, n, a):
                total += p
    return total


@pytest.mark.parametrize(("rules_id", "kind", "seats", "vacancies"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_exact_forecast_matches_enumeration_for_every_basis(rules_id: str, kind: str, seats: int, vacancies: int,
                                                           seed: int) -> None:
    import numpy as np

    from whipcount.rules import get_constitution

    rng = np.random.default_rng(seed)
    on = get_constitution(rules_id).motion(kind).start
    sitting = seats - vacancies
    sizes = [3, sitting - 3 - 1, 1]
    blocs = []
    for i, size in enumerate(sizes):
        p_yes, p_absent = rng.uniform(0.05, 0.9), rng.uniform(0.0, 0.3)
        p_absent = min(p_absent, 1 - p_yes)
        blocs.append(Bloc(f"b{i}", size, float(p_yes), float(p_absent), cohesion=float(rng.uniform(0, 0.8))))
    rule = pass_rule(rules_id, kind, seats=seats, vacancies=vacancies, on=on)

    def decide(y: int, n: int, a: int) -> bool:
        return judge(rules_id, kind, yes=y, no=n, absent=a, seats=seats, vacancies=vacancies, on=on).passed

    expected = _enumerate(blocs, decide)
    got, pmf = p_pass_exact(ForecastModel(tuple(blocs), rule))
    assert got == pytest.approx(expected, abs=1e-9)
    assert pmf.sum() == pytest.approx(1.0)
