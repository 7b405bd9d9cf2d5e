"""The store's in-memory snapshot of the whip count: what a write changes, what a failed write leaves alone,
what another process's write or a new event makes it read again. Every snapshot must equal the whip count
read afresh from the database, and the seat counts are the scenario file's."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from whipcount.errors import ConflictError, InputError, StorageError
from whipcount.io.scenario import load_scenario
from whipcount.model import Event
from whipcount.storage import Snapshot, Store
from whipcount.tally import pass_rule, whip_count

PK = "pk-na-2022"
APRIL_1 = dt.date(2022, 4, 1)


def yes_seats(snap: Snapshot) -> int:
    """Seats counted yes in a snapshot, counted by the tally itself on the snapshot's chamber."""
    sc = snap.scenario
    state = sc.state(snap.live_date())  # replayed afresh, not the snapshot's cached state
    motion = sc.motion
    assert motion is not None
    rule = pass_rule(sc.chamber.rules, motion.kind, seats=state.seats, vacancies=state.vacancies, on=state.date)
    return whip_count(state, sc.stances, kind=motion.kind, rule=rule).by_stance()["yes"]


def assert_matches_database(store: Store, snap: Snapshot) -> None:
    """The snapshot holds exactly the current rows and model stances a fresh read gives."""
    fresh = Store(store.url, migrate=False)
    try:
        assert snap.revision == fresh.revision(PK)
        assert sorted(snap.rows, key=lambda r: r.subject) == fresh.stances(PK)
        assert sorted(snap.stances, key=str) == sorted(fresh.current_stances(PK), key=str)
    finally:
        fresh.close()


def test_a_write_makes_the_next_snapshot_without_reading_the_database_again(loaded: Store) -> None:
    before = loaded.snapshot(PK)
    loaded.set_stance(PK, "party:mqm-p", stance="no", version=0, user="ed", date=APRIL_1)
    after = loaded.cached_snapshot(PK)
    assert after is not None and after.revision == before.revision + 1
    assert after.base is before.base  # the chamber was not read or replayed again
    assert yes_seats(after) == yes_seats(before) - 7  # MQM-P's 7 seats (scenario file)
    assert loaded.snapshot(PK) is after  # nothing changed since: served from memory
    assert_matches_database(loaded, after)


def test_a_member_stance_moves_one_seat(loaded: Store) -> None:
    before = loaded.snapshot(PK)
    loaded.set_stance(PK, "member:zubaida-jalal", stance="yes", version=0, user="ed", date=APRIL_1)  # BAP, no
    after = loaded.snapshot(PK)
    assert yes_seats(after) == yes_seats(before) + 1
    assert_matches_database(loaded, after)


@pytest.mark.parametrize("failure", ["conflict", "bad count", "storage"])
def test_a_failed_write_leaves_the_snapshot_untouched(loaded: Store, monkeypatch: pytest.MonkeyPatch,
                                                      failure: str) -> None:
    loaded.set_stance(PK, "party:gda", stance="yes", version=0, user="ed", date=APRIL_1)
    before = loaded.snapshot(PK)
    if failure == "conflict":
        with pytest.raises(ConflictError):
            loaded.set_stance(PK, "party:gda", stance="no", version=0, user="late", date=APRIL_1)
    elif failure == "bad count":
        with pytest.raises(InputError):  # GDA holds 3 seats: a part of 99 cannot be
            loaded.set_stance(PK, "party:gda/part", stance="no", version=0, user="ed", seats=99, date=APRIL_1)
    else:
        def broken(*args: Any, **kwargs: Any) -> None:
            raise StorageError("disk full (simulated)")

        monkeypatch.setattr(loaded, "_audit", broken)
        with pytest.raises(StorageError, match="simulated"):
            loaded.set_stance(PK, "party:pml-n", stance="no", version=0, user="ed", date=APRIL_1)
        monkeypatch.undo()
    assert loaded.cached_snapshot(PK) is before
    assert loaded.snapshot(PK) is before
    assert_matches_database(loaded, before)


def test_another_process_write_is_read_on_the_next_snapshot(loaded: Store) -> None:
    mine = loaded.snapshot(PK)
    other = Store(loaded.url, migrate=False)  # a second process on the same database
    try:
        other.set_stance(PK, "party:mqm-p", stance="no", version=0, user="other", date=APRIL_1)
    finally:
        other.close()
    assert loaded.cached_snapshot(PK) is mine  # this process has not looked yet
    fresh = loaded.snapshot(PK)
    assert fresh.revision == mine.revision + 1
    assert yes_seats(fresh) == yes_seats(mine) - 7
    assert fresh.base is mine.base  # only the stance rows were read again
    # and this process's next write builds on the other's, not on its stale memory
    loaded.set_stance(PK, "party:gda", stance="yes", version=0, user="ed", date=APRIL_1)
    assert_matches_database(loaded, loaded.snapshot(PK))
    assert {r.subject for r in loaded.snapshot(PK).rows} >= {"party:mqm-p", "party:gda"}


def test_a_new_event_replays_the_chamber_again(loaded: Store) -> None:
    before = loaded.snapshot(PK)
    assert before.state().party("aml").by_side == (("government", 1),)
    loaded.append_event(PK, Event(date=APRIL_1, kind="switch-side", party="aml", seats=1, to="opposition"),
                        user="ed", confirm=True)
    after = loaded.snapshot(PK)
    assert after.base is not before.base
    assert len(after.scenario.events) == len(before.scenario.events) + 1
    assert after.state().party("aml").by_side == (("opposition", 1),)


def test_two_scenarios_keep_separate_snapshots(loaded: Store) -> None:
    twin = dataclasses.replace(load_scenario(PK), id="pk-twin", title="A twin")
    loaded.save_scenario(twin, user="loader")
    a, b = loaded.snapshot(PK), loaded.snapshot("pk-twin")
    loaded.set_stance(PK, "party:mqm-p", stance="no", version=0, user="ed", date=APRIL_1)
    assert loaded.snapshot("pk-twin") is b
    assert yes_seats(loaded.snapshot(PK)) == yes_seats(a) - 7
    assert yes_seats(loaded.snapshot("pk-twin")) == yes_seats(a)


def test_replacing_a_scenario_drops_its_snapshot(loaded: Store) -> None:
    loaded.set_stance(PK, "party:mqm-p", stance="no", version=0, user="ed", date=APRIL_1)
    changed = loaded.snapshot(PK)
    loaded.save_scenario(load_scenario(PK), user="loader", replace=True)
    fresh = loaded.snapshot(PK)
    assert fresh.base is not changed.base
    assert "party:mqm-p" not in {r.subject for r in fresh.rows}
    assert yes_seats(fresh) == yes_seats(changed) + 7


def test_another_process_event_replays_the_chamber_again(loaded: Store) -> None:
    before = loaded.snapshot(PK)
    other = Store(loaded.url, migrate=False)
    try:
        other.append_event(PK, Event(date=APRIL_1, kind="switch-side", party="aml", seats=1, to="opposition"),
                           user="other", confirm=True)
    finally:
        other.close()
    after = loaded.snapshot(PK)
    assert after.base is not before.base
    assert after.state().party("aml").by_side == (("opposition", 1),)
    assert after.state().sides()["opposition"] == before.state().sides()["opposition"] + 1


def test_concurrent_writers_leave_the_snapshot_equal_to_the_database(loaded: Store) -> None:
    import threading

    subjects = ["party:mqm-p", "party:gda", "party:aml", "party:jwp", "party:anp", "party:ppp"]
    accepted: list[int] = []
    lock = threading.Lock()

    def editor(i: int) -> None:
        ok = 0
        for n in range(8):
            subject = subjects[(i + n) % len(subjects)]
            row = loaded.stance(PK, subject)
            try:
                loaded.set_stance(PK, subject, stance=["yes", "no", "undecided"][(i + n) % 3],
                                  version=row.version if row else 0, user=f"ed{i}", date=APRIL_1)
                ok += 1
            except ConflictError:
                pass
        with lock:
            accepted.append(ok)

    threads = [threading.Thread(target=editor, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    snap = loaded.cached_snapshot(PK)
    assert snap is not None and snap.revision == loaded.revision(PK)
    assert_matches_database(loaded, snap)
    assert sum(accepted) == loaded.count_audit(PK, action="stance.set") > 0
