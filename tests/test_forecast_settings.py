"""The scenario's `forecast:` section sets the forecast's defaults; command-line options override it."""

from __future__ import annotations

import json

SCENARIO = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 4, side: opposition}
motion: {kind: no-confidence, target: Someone, vote: 2020-02-05}
stances:
  - {date: 2020-01-10, party: red, stance: undecided}
  - {date: 2020-01-10, party: blue, stance: undecided}
forecast: {swing: 0.8, sims: 20000, seed: 7}
"""


def test_a_swing_in_the_scenario_makes_the_forecast_monte_carlo(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(SCENARIO)
    r = run_cli("forecast", str(path), "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["method"] == "monte-carlo"
    assert data["sims"] == 20000 and data["seed"] == 7
    # the option overrides the file: no swing, so the exact method again
    r0 = run_cli("forecast", str(path), "--swing", "0", "--json")
    assert json.loads(r0.out)["method"] == "exact"
    # the same seed from the file gives the same draws
    assert json.loads(run_cli("forecast", str(path), "--json").out)["p_pass"] == data["p_pass"]


def test_bad_forecast_settings_are_one_line(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    bad = SCENARIO.replace("forecast: {swing: 0.8, sims: 20000, seed: 7}",
                           "forecast: {swing: -1, together: [{parties: [red, green]}]}")
    r = run_cli("forecast", str(write_scenario(bad)))
    assert r.code == 1 and "forecast.swing" in r.err and "scenario.yaml:9:" in r.err
    bad2 = SCENARIO.replace("forecast: {swing: 0.8, sims: 20000, seed: 7}",
                            "forecast: {together: [{parties: [red, green]}]}")
    r2 = run_cli("forecast", str(write_scenario(bad2, "b2.yaml")))
    assert r2.code == 1 and "forecast.together[0].parties[1]: unknown party 'green'" in r2.err
