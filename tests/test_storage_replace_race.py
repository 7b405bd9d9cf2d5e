"""``db load --replace`` while a write to the scenario is under way (PostgreSQL, where a reader does not wait for a
writer): the scenario loaded again gets a revision after the write's, so every process that cached the
write's dashboard at its revision counts the loaded scenario anew. It had read the revision before the write
committed and given the loaded scenario the write's own revision: a web server that had the write's board in
memory showed it, for a scenario whose rows were gone, until the next write."""

from __future__ import annotations

import threading
import time

import sqlalchemy as sa

from storage_fixtures import pg_database, store  # noqa: F401  (fixtures)
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store, schema

PK = "pk-na-2022"


def test_a_scenario_loaded_again_during_a_write_gets_a_later_revision(store: Store) -> None:  # noqa: F811
    scenario = load_scenario(PK)
    store.save_scenario(scenario, user="loader")
    start = store.revision(PK)
    t = schema.scenarios
    with store.engine.connect() as writer:  # a write under way: the scenario's row bumped, not yet committed
        writer.begin()
        writer.execute(sa.update(t).where(t.c.id == PK).values(revision=t.c.revision + 1))
        loading = threading.Thread(target=store.save_scenario, args=(scenario,), kwargs={"replace": True})
        loading.start()
        time.sleep(0.5)  # the load reaches the scenario's row (SQLite: it waits for the writer's lock)
        writer.commit()
    loading.join(30)
    assert not loading.is_alive()
    # the write committed start + 1; the load that came after it is a revision of its own
    assert store.revision(PK) == start + 2

