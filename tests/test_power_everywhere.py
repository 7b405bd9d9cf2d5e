"""One chamber, one game: the report's voting power weighs the players ``whipcount power`` weighs.

The report once weighed whole parties while the command weighed a split party's seats on each side as a
bloc of its own (BAP and PML-Q sat on both sides in April 2022), so the two disagreed on every figure.
Both now build the game in one place; these tests hold the report to the command on every bundled case
and to a brute-force count of swings on Pakistan's.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import pytest

from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.report import build_report
from whipcount.report.engines import PowerView, Unavailable, power_view


def _command(run_cli, name: str) -> dict:  # type: ignore[no-untyped-def, type-arg]
    r = run_cli("power", name, "--json", "--index", "banzhaf,shapley-shubik")
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_the_report_weighs_the_players_the_power_command_weighs(run_cli, name: str) -> None:  # type: ignore[no-untyped-def]
    sc = load_scenario(name)
    view = power_view(sc, sc.motion.vote if sc.motion and sc.motion.vote else None)
    if view is None or isinstance(view, Unavailable):
        r = run_cli("power", name, "--json")
        assert r.code != 0  # no game for the command either (a threshold that depends on turnout, say)
        return
    assert isinstance(view, PowerView)
    data = _command(run_cli, name)
    assert [r.party for r in view.rows] == data["players"]
    assert [r.seats for r in view.rows] == data["weights"] and view.quota == data["quota"]
    for key, index in (("banzhaf", "Banzhaf"), ("shapley_shubik", "Shapley-Shubik")):
        assert [dict(r.indices)[index] for r in view.rows] == [Fraction(v["exact"]) for v in data["indices"][key]]


def test_pakistans_split_parties_are_blocs_and_their_power_is_counted_by_brute_force() -> None:
    sc = load_scenario("pk-na-2022")
    view = power_view(sc, sc.motion.vote)  # type: ignore[union-attr]
    assert isinstance(view, PowerView)
    seats = {r.party: r.seats for r in view.rows}
    assert seats["bap@government"] == 1 and seats["bap@opposition"] == 4  # the bundled whip count's split
    # one seat vacant, and Ayaz Sadiq (PML-N) in the chair could not vote (Dawn); the bar: a majority of 342
    assert sum(seats.values()) == 342 - 1 - 1 and seats["pml-n"] == 84 - 1 and view.quota == 172
    names, weights = list(seats), list(seats.values())
    swings = dict.fromkeys(names, 0)
    for mask in itertools.product((0, 1), repeat=len(names)):  # 2**16 coalitions
        total = sum(w for w, x in zip(weights, mask, strict=True) if x)
        if total >= view.quota:
            for name, w, x in zip(names, weights, mask, strict=True):
                swings[name] += x and total - w < view.quota
    banzhaf = {r.party: dict(r.indices)["Banzhaf"] for r in view.rows}
    assert banzhaf == {n: Fraction(s, sum(swings.values())) for n, s in swings.items()}
    html = build_report(sc)
    # 342 less the vacancy and the chair: 340 votes; the blocs named
    assert "quota 172 of 340 votes." in html
    assert ("Players are blocs: each party&#x27;s seats on one side (BAP, PML-Q sit on two sides); each of the 4 "
            "independents is a player of its own." in html)
