"""A chamber whose sides have names of its own says, in the whip count and the forecast, that those seats
take no default stance.

The defaults are read from the sides named ``government`` and ``opposition``: on a no-confidence motion the
opposition votes yes and the government no. A chamber with sides ``[coalition, opposition, crossbench]``
has no side named ``government``, so its coalition's 6 seats took no default: counted undecided, no
committed no at all, and P(pass) rose with nothing said. The count now says so, naming the sides.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

SCENARIO = """\
chamber: {{name: Test House, rules: gb-hc, seats: 11, as_of: 2020-01-01, sides: [{sides}]}}
parties:
  - {{id: red, name: Red Party, seats: 6, side: {gov}}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
motion: {{kind: no-confidence, target: Someone, filed: 2020-01-20, vote: 2020-02-05}}
stances: [{stances}]
"""


def _count(run_cli: Callable[..., Any], write_scenario: Any, *, sides: str, gov: str, stances: str = "") -> Any:
    path = write_scenario(SCENARIO.format(sides=sides, gov=gov, stances=stances))
    result = run_cli("count", str(path), "--json")
    assert result.code == 0, result.err
    return path, json.loads(result.out)


def test_a_side_of_its_own_is_said_to_take_no_default(run_cli: Callable[..., Any], write_scenario: Any) -> None:
    path, out = _count(run_cli, write_scenario, sides="coalition, opposition, crossbench", gov="coalition")
    # the opposition's 5 are committed yes; the coalition's 6 take no default: undecided, none committed no
    assert (out["committed_yes"], out["undecided"], out["committed_no"]) == (5, 6, 0)
    (note,) = [n for n in out["notes"] if "no 'government' side" in n]
    assert "(its sides: coalition, opposition, crossbench)" in note and "the seats of coalition" in note
    forecast = run_cli("forecast", str(path))
    assert forecast.code == 0, forecast.err
    assert "the chamber names no 'government' side" in " ".join(forecast.out.split())


def test_no_note_where_the_sides_are_named_government_and_opposition(
        run_cli: Callable[..., Any], write_scenario: Any) -> None:
    _, out = _count(run_cli, write_scenario, sides="government, opposition, other", gov="government")
    assert (out["committed_yes"], out["committed_no"]) == (5, 6)
    assert not [n for n in out["notes"] if "side (its sides" in n]


def test_no_note_where_every_seat_of_its_own_sides_has_a_stance(
        run_cli: Callable[..., Any], write_scenario: Any) -> None:
    stance = '{date: 2020-01-25, party: red, stance: no, source: "https://example.org/s"}'
    _, out = _count(run_cli, write_scenario, sides="coalition, opposition, crossbench", gov="coalition",
                    stances=stance)
    assert (out["committed_yes"], out["committed_no"]) == (5, 6)
    assert not [n for n in out["notes"] if "side (its sides" in n]
