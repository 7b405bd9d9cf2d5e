"""Every part of a scenario survives the store: a drawn scenario reads back equal on SQLite and PostgreSQL.

The bundled case sets only some of a scenario's parts (no ``forecast:`` section, for one), so a round trip
of it alone let the store drop a part unseen; these tests draw scenarios that set every part, and check
that the drawing does vary every field of :class:`~whipcount.model.Scenario` (a field added later and
never drawn fails here rather than going unstored).
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings

from strategies_interchange import scenarios
from test_forecast_everywhere import BASE
from whipcount.errors import InputError, WhipcountError
from whipcount.model import ForecastSettings, Scenario
from whipcount.storage import Store
from whipcount.storage.fit import scenario_problem
from whipcount.tally import count_scenario

# stored and read back by tests of their own: the user's own constitutions (test_own_constitution.py)
ELSEWHERE = {"constitutions"}


def _default(field: dataclasses.Field) -> object:  # type: ignore[type-arg]
    if field.default_factory is not dataclasses.MISSING:
        return field.default_factory()
    return field.default


# the fields with a default, which a scenario may leave out: each must be drawn set at least once below
OPTIONAL = {f.name: _default(f) for f in dataclasses.fields(Scenario)
            if _default(f) is not dataclasses.MISSING and f.name not in ELSEWHERE}


def test_any_scenario_reads_back_equal_to_what_was_stored(store: Store) -> None:
    seen: set[str] = set()

    @settings(max_examples=60, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(sc=scenarios())
    def trip(sc: Scenario) -> None:
        try:
            sc.state()
        except WhipcountError as exc:  # drawn with a default date before the seat counts hold: refused
            before = store.scenarios()
            with pytest.raises(type(exc)):
                store.save_scenario(sc, replace=True)
            assert store.scenarios() == before  # nothing written, nothing replaced
            return
        if scenario_problem(sc) is not None:  # current stances the dashboard could not count: refused too
            before = store.scenarios()
            with pytest.raises(InputError, match="nothing was written"):
                store.save_scenario(sc, replace=True)
            assert store.scenarios() == before
            return
        store.save_scenario(sc, replace=True)
        # the stances come back in the order the count reads them: by date, those of one date as given
        assert store.scenario(sc.id) == dataclasses.replace(sc, stances=tuple(sorted(sc.stances, key=lambda s: s.date)))
        seen.update(name for name, default in OPTIONAL.items() if getattr(sc, name) != default)

    trip()
    assert seen == set(OPTIONAL), f"never drawn set, so never checked: {sorted(set(OPTIONAL) - seen)}"


# the chamber worked out in test_forecast_everywhere, with every forecast setting
FORECAST = BASE.replace("SID", "settings-kept") + """\
forecast:
  swing: 0.8
  party_swing: 0.2
  cohesion: 0.3
  together: [{parties: [blue, green], p: 0.6}]
  sims: 20000
  seed: 7
"""


def test_a_scenarios_forecast_settings_survive_db_load_and_dump(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # the store once dropped them: a dumped file then forecast without its swing, by another method
    path = tmp_path / "sc.yaml"
    path.write_text(FORECAST)
    db = f"sqlite:///{tmp_path / 'wc.db'}"
    assert run_cli("db", "load", str(path), "--db", db).code == 0
    out = tmp_path / "out.yaml"
    assert run_cli("db", "dump", "settings-kept", "-o", str(out), "--db", db).code == 0
    before = run_cli("forecast", str(path), "--json").out
    after = run_cli("forecast", str(out), "--json").out
    assert '"method": "monte-carlo"' in before
    assert after == before.replace(str(path), str(out))


def test_rows_stored_before_the_settings_were_read_back_with_the_defaults(store: Store) -> None:
    from sqlalchemy import update

    from whipcount.io.scenario import load_scenario
    from whipcount.storage import schema

    store.save_scenario(load_scenario("pk-na-2022"))
    with store.engine.begin() as conn:
        data = conn.execute(schema.scenarios.select()).one().data
        del data["forecast"]
        conn.execute(update(schema.scenarios).values(data=data))
    sc = store.scenario("pk-na-2022")
    assert sc.forecast == ForecastSettings()
    assert count_scenario(sc).by_stance() == count_scenario(load_scenario("pk-na-2022")).by_stance()
