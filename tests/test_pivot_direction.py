"""A pivot that switches a party's largest position under Art. 63A's uncounted period switches its direction.

The party's smaller positions then have other votes set apart: a yes against the old direction (not counted)
becomes a vote with the new one (counted), and its no the vote set apart. The pivot's P(pass) is the chamber
counted again under the rule with the new direction, as ``what-if`` counts it; the truths are worked by hand or
by enumerating every member's vote under the rule with the new direction.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from test_defection_leaning import NOT_COUNTED
from test_defection_leaning import _write as _write_crossed
from test_defection_own_members import _brute, _cases, _path, _write
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count
from whipcount.tally.forecast import _switched, pivots
from whipcount.tally.positions import WhipCount
from whipcount.tally.settings import ForecastPlan, scenario_forecast
from whipcount.tally.whatif import Change, what_if

# Votes cast, gov's 3 certain no (p_yes 0) hold its direction (against), 2 of gov lean yes (3 in 4, acting as one
# half the time), the opposition's 4 certain no; 9 seats. As it stands: their yes set apart, no yes at all: 0.
# gov switched to yes: the party's direction is for the motion, so the two's yes counts and their no is set apart:
# 3 + k yes to 4 no passes only with both yes: 0.5 * 0.75 + 0.5 * 0.75 ** 2 = 0.65625. Under the old direction
# their yes stayed set apart and their no counted: 3 yes to 4 + (2 - k) no, never.
SWITCHED = {"kind": "confidence", "holder": (3, "no", 0.0), "part": (2, "lean-yes", None), "opp": (4, "no", 0.0)}
BOTH_YES = 0.5 * 0.75 + 0.5 * 0.75 ** 2
SURE = {"yes": 1.0, "no": 0.0}
"""A what-if's seats moved to ``yes`` or ``no`` vote so for certain, as a pivot's switched bloc does."""


def _json(r: CliResult) -> dict:  # type: ignore[type-arg]
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_hand_worked_pivot_counts_the_rule_again_with_the_new_direction(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    path = str(_write(tmp_path, basis="votes-cast", counted=False, **SWITCHED))  # type: ignore[arg-type]
    out = _json(run_cli("forecast", path, "--json", "--method", "exact"))
    assert out["p_pass"] == pytest.approx(0.0, abs=1e-12)
    gov = [p for p in out["pivotal"] if p["bloc"] == "gov"]
    assert gov and gov[0]["change"] == "votes yes"
    assert gov[0]["p_after"] == pytest.approx(BOTH_YES, abs=1e-12)
    # the same change as a what-if, its seats as sure of a yes as the pivot's
    count = count_scenario(load_scenario(Path(path)))
    runs = what_if(count, [Change("yes", "gov", 3)], lambda wc: model_from_count(wc, probabilities=SURE),
                   method="exact", pivotal=False)
    assert runs[1].forecast.p_pass == pytest.approx(BOTH_YES, abs=1e-12)
    # by Monte Carlo: the switched chamber drawn from the headline's seed
    sims = 100_000
    drawn = _json(run_cli("forecast", path, "--json", "--method", "monte-carlo", "--seed", "5", "--sims", str(sims)))
    gov = [p for p in drawn["pivotal"] if p["bloc"] == "gov"]
    assert gov and abs(gov[0]["p_after"] - BOTH_YES) <= 4 * math.sqrt(BOTH_YES * (1 - BOTH_YES) / sims)
    assert gov[0]["stderr"] > 0


@pytest.mark.parametrize("case", _cases(), ids=lambda c: "-".join(
    [str(c["holder"][1]), str(c["part"][1]), str(c["opp"][1]), str(c["basis"]),  # type: ignore[index]
     "counted" if c["counted"] else "apart", "together" if c["together"] else "alone"]))
def test_pivot_equals_what_if_equals_enumeration(tmp_path: Path, case: dict[str, object]) -> None:
    """gov's largest position switched as the pivot switches it: the pivot's P(pass), the what-if's of the same
    change, and every member's vote enumerated under the rule with the direction the switch gives the party."""
    count = count_scenario(load_scenario(_path(tmp_path, case)))
    sure = _build(case, SURE)
    model = _plan(case).model(count)
    fc = scenario_forecast(count, _plan(case))
    base = _brute(case)
    assert fc.method == "exact" and fc.p_pass == pytest.approx(base, abs=1e-12)
    listed = {p.key: p for p in fc.pivotal}
    kind = "yes" if _switched(model.bloc("gov"), base)[0].p_yes == 1.0 else "no"  # type: ignore[attr-defined]
    hn = case["holder"][0]  # type: ignore[index]
    truth = _brute({**case, "holder": (hn, kind, 1.0 if kind == "yes" else 0.0)})
    runs = what_if(count, [Change(kind, "gov", hn)], sure, method="exact", pivotal=False)  # type: ignore[arg-type]
    assert runs[1].forecast.p_pass == pytest.approx(truth, abs=1e-12)
    if "gov" in listed:
        assert listed["gov"].change == f"votes {kind}"
        assert listed["gov"].p_after == pytest.approx(truth, abs=1e-12)
    else:  # unlisted only where the switch moves P(pass) less than the bar
        assert abs(truth - base) < 0.005


def _plan(case: dict[str, object]) -> ForecastPlan:
    return ForecastPlan(groups=((("gov",), float(case["together"])),) if case["together"] else ())  # type: ignore[arg-type]


def _build(case: dict[str, object], probabilities: dict[str, float] | None = None) -> Callable[[WhipCount], object]:
    groups = [(["gov"], float(case["together"]))] if case["together"] else []  # type: ignore[arg-type]
    return lambda wc: model_from_count(wc, groups=groups, probabilities=probabilities)


def test_the_seeded_chambers_hold_pivots_the_new_direction_changes(tmp_path: Path) -> None:
    """Among the seeded chambers, some where the switched bloc alone (the old direction kept for the rest)
    gives another P(pass) than the chamber counted again: the comparison above has something to catch."""
    changed = 0
    for i, case in enumerate(_cases()):
        count = count_scenario(load_scenario(_path(tmp_path / str(i), case)))
        fc = scenario_forecast(count, _plan(case))
        new = {p.key: p.p_after for p in fc.pivotal}
        # the switched bloc alone, the rest of the party under the old direction
        old = {p.key: p.p_after for p in pivots(_plan(case).model(count), fc.p_pass, method="exact")}
        base = fc.p_pass
        changed += "gov" in new and abs(new["gov"] - old.get("gov", base)) > 1e-9
    assert changed >= 3


def test_a_pivot_of_the_loyal_members_counts_the_crossed_seats_again(tmp_path: Path,
                                                                      run_cli: Callable[..., CliResult]) -> None:
    """Confidence, votes cast: gov's 1 loyal certain yes (its direction), 3 of gov crossed to the opposition leaning
    no (a yes 1 in 4, acting as one half the time), the opposition's 1 certain no. Their no is against gov's
    direction (set apart), their yes counts: 1 + k yes to 1 no passes with k >= 1, 0.5 * 0.25 + 0.5 * (1 - 0.75 **
    3) = 0.4140625. The loyal one switched to no makes gov's direction against the motion: the crossed seats' yes is
    now set apart and their no counts, so no yes counts at all: 0 (their yes still counted under the old direction,
    k > 2 would carry it: 0.5 * 0.25 + 0.5 * 0.25 ** 3 = 0.1328125)."""
    path = _write_crossed(tmp_path, kind="confidence", basis="votes-cast", when=NOT_COUNTED, loyal=1, opp=1,
                          crossed="lean-no", certain=True)
    out = _json(run_cli("forecast", str(path), "--json", "--method", "exact"))
    assert out["p_pass"] == pytest.approx(0.5 * 0.25 + 0.5 * (1 - 0.75 ** 3), abs=1e-12)
    gov = [p for p in out["pivotal"] if p["bloc"] == "gov@government"]
    assert gov and gov[0]["change"] == "votes no" and gov[0]["p_after"] == pytest.approx(0.0, abs=1e-12)
    count = count_scenario(load_scenario(path))
    runs = what_if(count, [Change("no", "gov")], lambda wc: model_from_count(wc, probabilities=SURE),
                   method="exact", pivotal=False)
    assert runs[1].forecast.p_pass == pytest.approx(0.0, abs=1e-12)
