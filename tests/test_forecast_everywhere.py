"""One file, one P(pass): the forecast command, the report, the forecast chart, the demo's table and the
dashboard all forecast with the scenario's own ``forecast:`` settings.

The figures are checked against values worked out by hand. In the chamber below (11 seats, 6 needed:
a majority of the total membership) Red (6, undecided) passes the motion alone and Blue (4, lean-yes)
with Green (1) cannot; with every bloc acting as one (``cohesion: 1``), the motion passes exactly when
Red votes yes, so P(pass) = 1/2. A chamber swing keeps it at 1/2: Red's yes-probability becomes
expit(Z) with Z symmetric about 0, whose mean is 1/2. Without the settings (the defaults: Red acts
as one half the time, else its members vote one by one) the figure is something else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from test_web_api import _app, client, store  # noqa: F401
from whipcount.io.scenario import load_scenario
from whipcount.report.engines import ForecastView, forecast_view
from whipcount.storage import Store
from whipcount.tally import FIXED_SEED, count_scenario, forecast, model_from_count, plan_for, scenario_forecast

BASE = """\
id: SID
title: Settings everywhere
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 4, side: opposition}
  - {id: green, name: Green Party, seats: 1, side: opposition}
motion: {kind: no-confidence, target: Someone, vote: 2020-02-05}
stances:
  - {date: 2020-01-10, party: red, stance: undecided}
  - {date: 2020-01-10, party: blue, stance: lean-yes}
"""
AS_ONE = BASE + "forecast: {cohesion: 1.0}\n"
SWING = BASE + "forecast: {cohesion: 1.0, swing: 0.8, sims: 40000, seed: 11}\n"
SWING_NO_SEED = BASE + "forecast: {cohesion: 1.0, swing: 0.8, sims: 40000}\n"


def _write(tmp_path: Path, text: str, sid: str) -> Path:
    path = tmp_path / f"{sid}.yaml"
    path.write_text(text.replace("SID", sid))
    return path


def _cli_p(run_cli: Any, path: Path) -> dict[str, Any]:
    r = run_cli("forecast", str(path), "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def _dashboard_p(store: Store, path: Path) -> dict[str, Any]:  # noqa: F811
    sc = load_scenario(str(path))
    store.save_scenario(sc)
    return client(_app(store), "vera").get(f"/api/scenarios/{sc.id}/dashboard").json()  # type: ignore[no-any-return]


def test_settings_without_a_swing_give_the_exact_figure_everywhere(run_cli, tmp_path, store) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = _write(tmp_path, AS_ONE, "as-one")
    sc = load_scenario(str(path))
    cli = _cli_p(run_cli, path)
    assert cli["method"] == "exact" and cli["p_pass"] == pytest.approx(0.5, abs=1e-12)
    view = forecast_view(sc)
    assert isinstance(view, ForecastView) and view.method == "exact"
    assert view.p_pass == pytest.approx(0.5, abs=1e-12)
    assert "cohesion 1 for every bloc" in view.settings
    board = _dashboard_p(store, path)
    assert board["p_pass"] == pytest.approx(0.5, abs=1e-12)
    assert board["p_pass_note"] == "exact: cohesion 1 for every bloc (docs/web.md)"
    # the defaults, which every path used to show here whatever the file said, give another figure
    default = forecast(model_from_count(count_scenario(sc)), method="exact").p_pass
    assert abs(default - 0.5) > 0.05


def test_a_swing_is_drawn_from_the_scenarios_seed_everywhere(run_cli, tmp_path, store) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = _write(tmp_path, SWING, "swung")
    sc = load_scenario(str(path))
    cli = _cli_p(run_cli, path)
    assert cli["method"] == "monte-carlo" and cli["seed"] == 11 and cli["sims"] == 40_000
    assert abs(cli["p_pass"] - 0.5) < 4 * cli["stderr"]  # the truth worked out above
    view = forecast_view(sc)
    assert isinstance(view, ForecastView) and view.method == "monte-carlo"
    assert view.p_pass == cli["p_pass"]  # the same seed and draws: the same figure, not merely close
    assert "chamber SD 0.8" in view.settings and "40,000 draws from seed 11" in view.settings
    board = _dashboard_p(store, path)
    assert board["p_pass"] == cli["p_pass"]
    assert board["p_pass_note"].startswith("Monte Carlo (40,000 draws from seed 11, standard error ")
    assert re.search(r"standard error (\d+\.\d|< 0\.1) pt", board["p_pass_note"]), board["p_pass_note"]


def test_without_a_seed_the_report_and_the_dashboard_draw_from_the_fixed_one(tmp_path, store) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    path = _write(tmp_path, SWING_NO_SEED, "unseeded")
    sc = load_scenario(str(path))
    first, again = forecast_view(sc), forecast_view(sc)
    assert isinstance(first, ForecastView) and isinstance(again, ForecastView)
    assert first.p_pass == again.p_pass  # a report built twice says the same
    assert f"from seed {FIXED_SEED}" in first.settings
    assert _dashboard_p(store, path)["p_pass"] == first.p_pass


def test_the_dashboard_caps_its_draws(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from whipcount.web.board import MAX_SIMS, forecast_fields

    sc = load_scenario(str(_write(tmp_path, SWING.replace("sims: 40000", "sims: 5000000"), "many")))
    fields = forecast_fields(count_scenario(sc), 1, sc.forecast)
    assert "200,000 draws" in fields["p_pass_note"]  # the documented cap (docs/web.md)
    capped = scenario_forecast(count_scenario(sc), plan_for(sc.forecast, sims=MAX_SIMS), pivotal=False)
    assert fields["p_pass"] == capped.p_pass


def test_the_forecast_chart_and_the_demo_table_follow_the_file(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from whipcount.cli.demo import demo_forecast_table

    path = _write(tmp_path, AS_ONE, "charted")
    out = tmp_path / "f.svg"
    r = run_cli("chart", str(path), "--kind", "forecast", "-o", str(out))
    assert r.code == 0, r.err
    assert "P(pass) = 50%" in out.read_text() or "P(pass) = 50.0%" in out.read_text()
    (table,) = demo_forecast_table(load_scenario(str(path)), [dt.date(2020, 2, 5)], width=200)
    p_column = next(c for c in table.columns if c.header == "P(pass)")
    assert list(p_column.cells) == ["50.0%"]


def test_the_fixed_seed_and_the_default_draws_are_the_documented_ones(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # docs/forecast.md: without a seed in the file, the report draws from seed 0; without draws, 100,000
    path = _write(tmp_path, SWING_NO_SEED.replace(", sims: 40000", ""), "documented")
    view = forecast_view(load_scenario(str(path)))
    assert isinstance(view, ForecastView)
    cli = _cli_p(run_cli, path)  # a fresh seed, but the file's (default) number of draws
    assert cli["sims"] == 100_000 and "100,000 draws from seed 0" in view.settings
    seeded = run_cli("forecast", str(path), "--seed", "0", "--json")
    assert json.loads(seeded.out)["p_pass"] == view.p_pass


@pytest.mark.parametrize(("settings", "words"), [
    ("{party_swing: 0.4}", "swing (logit scale): chamber SD 0, party SD 0.4"),
    ("{swing: 0.3, party_swing: 0.4}", "swing (logit scale): chamber SD 0.3, party SD 0.4"),
    ("{together: [{parties: [blue, green], p: 0.6}]}", "blue + green move together with probability 0.6"),
    ("{cohesion: 0.25, together: [{parties: [red, green]}]}",
     "cohesion 0.25 for every bloc; red + green move together with probability 0.5"),
    ("{sims: 1000, seed: 3}", ""),
])
def test_the_settings_are_said_in_words(tmp_path: Path, settings: str, words: str) -> None:
    sc = load_scenario(str(_write(tmp_path, BASE + f"forecast: {settings}\n", "worded")))
    assert plan_for(sc.forecast).describe() == words
