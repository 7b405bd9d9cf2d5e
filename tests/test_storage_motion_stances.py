"""A further motion's stances written to the store (SQLite and PostgreSQL): kept after the file's own, in
the scenario read back (what ``db dump`` writes), versioned per subject and motion, and gone with the
scenario when it is loaded again with ``--replace``; a database made before their table gets it and keeps
its rows."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from storage_fixtures import store  # noqa: F401  (a fixture)
from whipcount.errors import ConflictError
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store

PK, ELECTION = "pk-na-2022", "pm-election-2022-04-11"


def test_written_kept_versioned_and_replaced(store: Store) -> None:  # noqa: F811
    scenario = load_scenario(PK)
    store.save_scenario(scenario, user="loader")
    file_entries = [s for s in scenario.motions[1].stances if s.party == "pti"]
    assert len(file_entries) == 1  # the file's absent: version 1
    main = store.stance(PK, "party:pti")
    row = store.set_motion_stance(PK, ELECTION, "party:pti", stance="no", version=1, user="alice")
    assert row.version == 2
    with pytest.raises(ConflictError) as err:
        store.set_motion_stance(PK, ELECTION, "party:pti", stance="yes", version=1, user="bob")
    assert err.value.current.stance == "no"  # type: ignore[attr-defined]
    back = store.scenario(PK)
    assert [s.stance for s in back.motions[1].stances if s.party == "pti"] == ["absent", "no"]
    assert back.motions[0] == scenario.motions[0] and store.stance(PK, "party:pti") == main  # the main motion's
    store.save_scenario(scenario, user="loader", replace=True)
    back = store.scenario(PK)
    assert [s.stance for s in back.motions[1].stances if s.party == "pti"] == ["absent"]  # the file's alone
    # its version counts on from those handed out before the replace: a write from one read before is told
    assert store.motion_stance(PK, ELECTION, "party:pti").version > 2  # type: ignore[union-attr]
    for stale in (1, 2):
        with pytest.raises(ConflictError):
            store.set_motion_stance(PK, ELECTION, "party:pti", stance="yes", version=stale, user="bob")


def test_a_database_made_before_the_table_gets_it(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    old = Store(url)
    old.save_scenario(load_scenario(PK), user="loader")
    old.close()
    engine = sa.create_engine(url)  # as the last release left it: no such table, no such migration
    with engine.begin() as conn:
        conn.execute(sa.text("DROP TABLE motion_stances"))
        conn.execute(sa.text("DELETE FROM schema_version WHERE name = 'm006_motion_stances'"))
    engine.dispose()
    again = Store(url)
    assert again.scenario(PK).motions[1].stances == load_scenario(PK).motions[1].stances  # the rows it had
    assert again.set_motion_stance(PK, ELECTION, "party:pti", stance="no", version=1, user="alice").version == 2
    again.close()
