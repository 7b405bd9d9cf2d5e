"""Who could supply the votes a motion lacks: likeliest first by the forecast's own probability of a yes,
the smallest position that alone closes what is left of the gap, else the largest.

Truths: the record of the Commons on 16 January 2019 (the DUP's ten "would have carried it 316 to 315",
News Letter), and a verdict written out here (more than half of the votes cast, or a fixed number) over
random small chambers.
"""

from __future__ import annotations

import datetime as dt
import json
import random

import pytest

from whipcount.model import Chamber, Party, Stance, replay
from whipcount.tally import PassRule, whip_count
from whipcount.tally.positions import DEFAULT_STANCE_PROBABILITIES, Position, WhipCount

D = dt.date
STANCES = ("yes", "lean-yes", "undecided", "lean-no", "no", "absent")


def test_the_commons_2019_names_the_dup_as_the_record_does(run_cli) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(run_cli("count", "gb-hc-2019", "--json").out)
    assert data["short"] == 10
    assert [p["key"] for p in data["suppliers"]] == ["dup"]
    assert 306 + 10 > 325 - 10  # 316 to 315: carried


def _carried(wc: WhipCount, moved: list[Position]) -> bool:
    """The verdict with ``moved`` voting yes and every other member not counted absent voting as counted."""
    got = sum(p.seats for p in moved)
    came = sum(p.seats for p in moved if p.stance == "absent")
    yes = wc.committed_yes + got
    if wc.rule.basis == "votes-cast":
        return 2 * yes > wc.voting + came  # more than half of the votes cast
    return yes >= wc.needed


def _random_count(rng: random.Random) -> WhipCount:
    n = rng.randint(2, 9)
    parties = tuple(Party(f"p{i}", f"P{i}", rng.randint(1, 12), rng.choice(("government", "opposition", "other")))
                    for i in range(n))
    seats = sum(p.seats for p in parties)
    state = replay(Chamber("T", seats, "gb-hc", D(2020, 1, 1)), parties, (), on=D(2020, 3, 1))
    drawn = rng.sample(STANCES, rng.randint(2, 4))  # few stances, so that several parties share one
    stances = [Stance(D(2020, 2, 1), rng.choice(drawn), party=p.id,
                      p_yes=rng.choice((None, None, 0.3, 0.6)) if rng.random() < 0.3 else None)
               for p in parties if rng.random() < 0.8]
    stances = [s if s.stance not in ("yes",) else Stance(s.date, s.stance, party=s.party) for s in stances]
    rule = PassRule("votes-cast") if rng.random() < 0.5 else PassRule("total", count=seats // 2 + 1)
    probabilities = {"absent": 0.3} if rng.random() < 0.3 else None
    return whip_count(state, stances, kind="no-confidence", rule=rule, probabilities=probabilities)


@pytest.mark.parametrize("seed", range(300))
def test_the_suppliers_close_the_gap_likeliest_first_and_smallest_last(seed: int) -> None:
    wc = _random_count(random.Random(seed))
    if wc.short == 0:
        assert wc.suppliers_needed() == []
        return
    pool = wc.suppliers()
    named = wc.suppliers_needed()
    # closed whenever the whole pool can close it, and not before the last one named
    assert _carried(wc, named) == _carried(wc, pool)
    if _carried(wc, named):
        assert not _carried(wc, named[:-1])
    # likeliest first, by the probability of a yes the forecast gives each position
    probs = {**DEFAULT_STANCE_PROBABILITIES, **dict(wc.probabilities)}
    likely = [p.p_yes if p.p_yes is not None else probs[p.stance] for p in named]
    assert likely == sorted(likely, reverse=True)
    # each one named before the last did not close the gap, and was the largest left of its likeliness and stance
    left = list(pool)
    for i, p in enumerate(named):
        tier = [q for q in left if q.stance == p.stance and wc.p_yes_of(q) == wc.p_yes_of(p)]
        if i < len(named) - 1 or not _carried(wc, named):
            assert not _carried(wc, named[: i + 1])
            assert p.seats == max(q.seats for q in tier)
        left.remove(p)
    # the last one is the smallest of its likeliness and stance that closes in its place
    if named and _carried(wc, named):
        last = named[-1]
        rivals = [p for p in pool if p not in named and p.stance == last.stance
                  and wc.p_yes_of(p) == wc.p_yes_of(last) and p.seats < last.seats]
        assert not any(_carried(wc, [*named[:-1], p]) for p in rivals)


@pytest.mark.parametrize("probabilities", [
    {"lean-yes": 0.4, "undecided": 0.4, "lean-no": 0.4, "no": 0.0, "absent": 0.0},
    {"lean-yes": 0.4, "undecided": 0.4, "lean-no": 0.0, "no": 0.0, "absent": 0.0},
])
def test_of_one_probability_of_a_yes_the_likelier_stance_comes_first(probabilities: dict[str, float]) -> None:
    # stances the scenario gives one probability of a yes (0.4, or 0) are ordered by stance: leaning yes,
    # undecided, leaning no, no, absent, though the sizes run the other way (largest first would reverse them)
    parties = tuple(Party(k, k.upper(), n, "government") for k, n in (("a", 1), ("b", 2), ("c", 3), ("d", 4), ("e", 5)))
    state = replay(Chamber("T", 15, "pk-na", D(2020, 1, 1)), parties, (), on=D(2020, 3, 1))
    stances = [Stance(D(2020, 2, 1), s, party=k) for k, s in (("a", "lean-yes"), ("b", "undecided"), ("c", "lean-no"),
                                                             ("d", "no"), ("e", "absent"))]
    wc = whip_count(state, stances, kind="no-confidence", rule=PassRule("total", count=8),
                    probabilities=probabilities)
    assert [p.party for p in wc.suppliers()] == ["a", "b", "c", "d", "e"]
