"""The store's checks on an appended event, on SQLite and PostgreSQL: the scenario's revision the writer read
(a write since refuses it, nothing written) and the same event already in the log, also when two editors send
it at the same moment."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest

from storage_fixtures import loaded, pg_database, store  # noqa: F401 - the fixtures (on SQLite and PostgreSQL)
from whipcount.errors import ConflictError
from whipcount.model import Event
from whipcount.model.sources import Source
from whipcount.storage import Store

PK = "pk-na-2022"


def _event(**kw: Any) -> Event:
    base: dict[str, Any] = {"date": dt.date(2022, 8, 1), "kind": "statement", "party": "pti",
                            "sources": (Source("https://example.org/pti-returns"),)}
    return Event(**{**base, **kw})


def test_the_store_refuses_a_stale_revision_and_a_second_copy_on_every_database(loaded: Store) -> None:  # noqa: F811
    n = len(loaded.events(PK))
    read = loaded.revision(PK)
    loaded.set_stance(PK, "party:ppp", stance="no", version=0, user="bob")
    with pytest.raises(ConflictError, match=rf"since you read revision {read} \(since then: stance on party:ppp "
                                            r"changed by bob\)") as caught:
        loaded.append_event(PK, _event(), user="alice", revision=read)
    assert caught.value.details == {"revision": read + 1}
    assert len(loaded.events(PK)) == n and loaded.revision(PK) == read + 1
    assert loaded.append_event(PK, _event(), user="alice", revision=read + 1) == n + 1
    with pytest.raises(ConflictError, match=rf"already in the log as event:{n + 1} "):
        loaded.append_event(PK, _event(summary="the same, in other words", note="seen twice"), user="bob")
    assert len(loaded.events(PK)) == n + 1


def test_the_same_event_sent_by_two_editors_at_once_is_recorded_once(loaded: Store) -> None:  # noqa: F811
    n = len(loaded.events(PK))
    outcomes: list[str] = []
    start = threading.Barrier(4)

    def send(who: str) -> None:
        start.wait()
        try:
            loaded.append_event(PK, _event(), user=who)
            outcomes.append("recorded")
        except ConflictError:
            outcomes.append("refused")

    threads = [threading.Thread(target=send, args=(f"editor{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["recorded", "refused", "refused", "refused"]
    assert len(loaded.events(PK)) == n + 1
