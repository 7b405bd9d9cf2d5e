"""Pivotal blocs: which switch each bloc is tried with, how they are ordered, and the Monte Carlo paths.

Independent truths: certain blocs whose switched counts are worked by hand, the documented order
(blocs whose switch alone turns the likelier outcome around first, smallest first; then the others,
largest change first), and the headline's own sample for the generator paths.
"""

from __future__ import annotations

import importlib

import numpy as np
import pytest

from whipcount.tally import forecast, simulate
from whipcount.tally.forecast import pivots
from whipcount.tally.model import Bloc, ForecastModel
from whipcount.tally.montecarlo import monte_carlo_forecast, spawnable
from whipcount.tally.passing import PassRule

# 12 certain yes votes (5 + 4 + 2 + 1) and a member at 3/4, 20 certain noes; 13 needed: P(pass) = 3/4.
# Switching "d" (1 seat) or "a" (2) leaves 11 + 3/4 or 10 + 3/4: never 13, P = 0 (the likelier outcome
# turns round); "c" (4) and "b" (5) likewise; the member at 3/4 switched to no: P = 0 as well. The noes
# switched to yes: P = 1, a change of 1/4 that turns nothing round.
BLOCS = (
    Bloc("b", 5, 1.0, stance="yes"),
    Bloc("c", 4, 1.0, stance="yes"),
    Bloc("a", 2, 1.0, stance="yes"),
    Bloc("d", 1, 1.0, stance="yes"),
    Bloc("m", 1, 0.75, stance="lean-yes"),
    Bloc("noes", 20, 0.0, stance="no"),
)


def test_kingmakers_come_first_smallest_first_then_the_largest_changes() -> None:
    model = ForecastModel(BLOCS, PassRule("total", count=13))
    fc = forecast(model, method="exact", pivotal=True)
    assert fc.p_pass == pytest.approx(0.75)
    got = [(p.key, p.seats, round(p.p_after, 12)) for p in fc.pivotal]
    # the five whose switch turns the outcome round, by size (the member at 3/4 and "d" tie on one seat:
    # the larger change, 3/4 against 3/4, ties too, then the label), then the noes
    assert got == [("d", 1, 0.0), ("m", 1, 0.0), ("a", 2, 0.0), ("c", 4, 0.0), ("b", 5, 0.0), ("noes", 20, 1.0)]
    by_key = {p.key: p for p in fc.pivotal}
    assert by_key["noes"].change == "votes yes" and by_key["b"].change == "votes no"
    assert by_key["b"].delta == pytest.approx(-0.75) and by_key["noes"].delta == pytest.approx(0.25)


def test_a_bloc_at_one_half_is_tried_voting_no() -> None:
    # undecided at exactly 1/2: no lean either way; the switch tried is to no (as for every bloc at or above
    # one half), here from P = 1/2 (one of the two must say yes) to P = 0
    model = ForecastModel((Bloc("u", 1, 0.5), Bloc("y", 1, 1.0, stance="yes")), PassRule("total", count=2))
    (p,) = [q for q in forecast(model, method="exact").pivotal if q.key == "u"]
    assert (p.change, p.p_before, p.p_after) == ("votes no", 0.5, 0.0)


def test_a_bloc_at_one_half_is_tried_against_the_likelier_outcome() -> None:
    # two undecided members, both needed: P(pass) = 1/4, so the motion is likelier to fail and the switch
    # that could turn it round is to yes: 1/4 -> 1/2 (the other must still say yes), which turns it round
    model = ForecastModel((Bloc("u", 1, 0.5), Bloc("v", 1, 0.5)), PassRule("total", count=2))
    fc = forecast(model, method="exact")
    assert fc.p_pass == pytest.approx(0.25)
    assert [(p.key, p.change, p.p_after) for p in fc.pivotal] == [("u", "votes yes", 0.5), ("v", "votes yes", 0.5)]


def test_every_pivotal_bloc_is_listed_and_the_report_says_how_many_it_leaves_out(  # type: ignore[no-untyped-def]
    run_cli, write_scenario
) -> None:
    # eleven one-seat opposition parties committed to yes and a government of ten committed to no: 11 of 21
    # needed, so any one opposition party voting no defeats the motion (eleven kingmakers), and the
    # government voting yes makes it certain (a change of about a fifth): twelve pivotal blocs
    parties = "\n".join(
        f"  - {{id: p{i}, name: Party {i}, seats: 1, side: opposition, source: \"https://example.org/{i}\"}}"
        for i in range(11))
    stances = "\n".join(
        f"  - {{date: 2020-02-02, party: p{i}, stance: yes, source: \"https://example.org/s{i}\"}}" for i in range(11))
    path = write_scenario(f"""\
chamber: {{name: Test Assembly, rules: pk-na, seats: 21, as_of: 2020-01-01}}
parties:
  - {{id: gov, name: Government, seats: 10, side: government, source: "https://example.org/g"}}
{parties}
motion: {{kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}}
stances:
  - {{date: 2020-02-02, party: gov, stance: no, source: "https://example.org/sg"}}
{stances}
""")
    import json

    data = json.loads(run_cli("forecast", str(path), "--json").out)
    assert len(data["pivotal"]) == 12
    assert {p["bloc"] for p in data["pivotal"]} == {"gov"} | {f"p{i}" for i in range(11)}
    assert all(p["p_after"] < 0.5 <= p["p_before"] for p in data["pivotal"] if p["bloc"] != "gov")
    text = run_cli("forecast", str(path)).out
    assert sum(f"Party {i} " in text for i in range(11)) == 11 and "Government " in text  # all in the table
    from whipcount.io.scenario import load_scenario
    from whipcount.report.engines import ForecastView, forecast_view

    view = forecast_view(load_scenario(str(path)))
    assert isinstance(view, ForecastView) and len(view.notes) == 9  # eight named, then how many more
    assert view.notes[-1].startswith("4 more bloc(s)")


def test_monte_carlo_pivots_from_a_generator_replay_their_own_baseline() -> None:
    # pivots() given a generator and no seed: a child seed, the baseline re-drawn on it, every switch drawn
    # with the same numbers; the certain blocs' switches are then exact whatever the sample
    model = ForecastModel(BLOCS, PassRule("total", count=13))
    sims = 4_000
    rows = pivots(model, 0.0, method="monte-carlo", sims=sims, rng=np.random.default_rng(8))
    assert rows and len({p.p_before for p in rows}) == 1
    base = rows[0].p_before
    assert abs(base - 0.75) < 4 * (0.75 * 0.25 / sims) ** 0.5
    assert {p.key: p.p_after for p in rows} == {"d": 0.0, "m": 0.0, "a": 0.0, "c": 0.0, "b": 0.0, "noes": 1.0}


def test_a_legacy_generator_that_cannot_spawn_still_forecasts_reproducibly() -> None:
    # a RandomState's bit generator keeps no SeedSequence and cannot spawn children: it seeds one from its
    # own draws, so the same state gives the same forecast, and the pivots share the headline's sample
    model = ForecastModel(BLOCS[:5] + (Bloc("w", 3, 0.5, cohesion=0.0),), PassRule("total", count=14))

    def legacy() -> np.random.Generator:
        return np.random.Generator(np.random.RandomState(4)._bit_generator)

    assert legacy().bit_generator.seed_seq is None
    a = forecast(model, method="monte-carlo", sims=5_000, rng=legacy())
    b = forecast(model, method="monte-carlo", sims=5_000, rng=legacy())
    assert (a.p_pass, a.pivotal) == (b.p_pass, b.pivotal)
    assert all(p.p_before == a.p_pass for p in a.pivotal)
    # 12 certain yes, 2 more needed of the member at 3/4 and three at 1/2: 1 - 1/4 * 1/8 - (3/4 * 1/8 + 1/4 * 3/8)
    truth = 1 - 1 / 32 - 6 / 32
    assert abs(a.p_pass - truth) < 4 * (truth * (1 - truth) / 5_000) ** 0.5
    assert simulate(model, sims=100, rng=legacy()).sims == 100
    # the seed comes from the generator's state: another state, other draws
    other = np.random.Generator(np.random.RandomState(5)._bit_generator)
    assert spawnable(legacy()).random(4).tolist() != spawnable(other).random(4).tolist()
    # and the library's own default is one worker
    one = monte_carlo_forecast(model, sims=2_000, rng=np.random.default_rng(1))
    assert one.p_pass == monte_carlo_forecast(model, sims=2_000, rng=np.random.default_rng(1), workers=2).p_pass


def test_a_change_of_exactly_the_threshold_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    # "moves P(pass) by at least PIVOT_MIN_DELTA": with the threshold at 1/4, the noes' switch (+1/4 exactly)
    # is listed, and one just above it is not
    forecast_module = importlib.import_module("whipcount.tally.forecast")  # the package's name is the function
    model = ForecastModel(BLOCS, PassRule("total", count=13))
    monkeypatch.setattr(forecast_module, "PIVOT_MIN_DELTA", 0.25)
    assert "noes" in {p.key for p in forecast(model, method="exact").pivotal}
    monkeypatch.setattr(forecast_module, "PIVOT_MIN_DELTA", 0.25 + 1e-12)
    assert "noes" not in {p.key for p in forecast(model, method="exact").pivotal}


def test_every_pivot_by_default_and_at_most_limit_when_asked() -> None:
    # ten certain yes votes of one member each, all ten needed: each switch alone defeats the motion
    model = ForecastModel(tuple(Bloc(f"m{i}", 1, 1.0, stance="yes") for i in range(10)), PassRule("total", count=10))
    fc = forecast(model, method="exact")
    assert fc.p_pass == 1.0 and len(fc.pivotal) == 10
    assert [p.key for p in pivots(model, 1.0, method="exact", limit=3)] == ["m0", "m1", "m2"]


def test_at_exactly_one_half_the_motion_counts_as_likely_to_pass() -> None:
    # P(pass) = 1/2 (the member at 1/2 must say yes): a switch to 0 turns the outcome round (u, y: one seat
    # each, kingmakers first), the noes' switch to 1 does not (it only makes it certain)
    model = ForecastModel((Bloc("u", 1, 0.5), Bloc("y", 1, 1.0, stance="yes"), Bloc("n", 5, 0.0, stance="no")),
                          PassRule("total", count=2))
    fc = forecast(model, method="exact")
    assert fc.p_pass == 0.5
    assert [(p.key, p.p_after) for p in fc.pivotal] == [("u", 0.0), ("y", 0.0), ("n", 1.0)]
