"""Taking a stance back (``Store.clear_stance``): the position counts as if the subject had never been
recorded, on the live dashboard and on every past day, in the dumped file as in the store; the version check,
the audit trail, atomicity and the live notice hold as for a stance write.

The past days are checked against a replay of every write day by day, written here from the rule itself (on
a day, a subject stands as its last write dated on or before that day, counting only writes made after the
subject was last taken back), not from the store's timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pytest

from whipcount.errors import ConflictError, InputError, StorageError
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario
from whipcount.model import Scenario, Stance
from whipcount.storage import Store, Subject
from whipcount.tally import count_scenario

PK = "pk-na-2022"
AS_OF, VOTE = dt.date(2022, 3, 8), dt.date(2022, 4, 10)  # the chamber's as_of and the vote (scenario file)
DAYS = [AS_OF + dt.timedelta(days=i) for i in range((VOTE - AS_OF).days + 3)]
Write = tuple[str, Stance | None]  # (subject, entry), None: taken back


def positions(scenario: Scenario, day: dt.date) -> list[tuple[str, str, int, bool]]:
    return sorted((p.key, p.stance, p.seats, p.default) for p in count_scenario(scenario, day).positions)


def in_force(writes: list[Write], day: dt.date) -> list[Stance]:
    """The entries in force on ``day``, replayed from the writes in the order made."""
    out = []
    for subject in dict.fromkeys(s for s, _ in writes):
        mine = [e for s, e in writes if s == subject]
        start = max((i for i, e in enumerate(mine) if e is None), default=-1) + 1
        held = [e for e in mine[start:] if e is not None and e.date <= day]
        if held:
            out.append(held[-1])
    return out


def party(ref: str, stance: str, day: dt.date, seats: int | None = None) -> Stance:
    return Stance(date=day, stance=stance, party=ref, seats=seats)


def test_a_stance_taken_back_counts_as_the_sides_default_again(loaded: Store) -> None:
    before = positions(loaded.scenario(PK, history=False), VOTE)
    assert ("mqm-p", "yes", 7, True) in before  # MQM-P's 7 seats, opposition's default
    row = loaded.set_stance(PK, "party:mqm-p", stance="no", version=0, user="ed", date=dt.date(2022, 4, 1))
    assert ("mqm-p", "no", 7, False) in positions(loaded.scenario(PK, history=False), VOTE)
    rev = loaded.revision(PK)
    taken = loaded.clear_stance(PK, "party:mqm-p", version=row.version, user="ed", reason="wrong party")
    assert taken == row
    assert loaded.stance(PK, "party:mqm-p") is None
    assert loaded.revision(PK) == rev + 1
    assert positions(loaded.scenario(PK, history=False), VOTE) == before
    assert positions(loaded.scenario(PK), VOTE) == before  # the timeline (past days, the dump) too
    assert loaded.snapshot(PK).stances == loaded.scenario(PK, history=False).stances


def test_the_audit_trail_keeps_the_whole_row_before_and_nothing_after(loaded: Store) -> None:
    loaded.set_stance(PK, "party:gda", stance="lean-no", version=0, user="ed", date=dt.date(2022, 3, 30),
                      source="https://example.org/gda", note="said so")
    loaded.clear_stance(PK, "party:gda", version=1, user="rita", reason="that was PML-F")
    [audit] = loaded.audit(PK, action="stance.clear")
    assert (audit.user, audit.target, audit.after, audit.reason) == ("rita", "party:gda", None, "that was PML-F")
    assert audit.before == {"stance": "lean-no", "version": 1, "date": "2022-03-30", "seats": None,
                            "source": "https://example.org/gda", "note": "said so"}
    newest = loaded.history(PK, subject="party:gda")
    assert [(h.version, h.old_stance, h.new_stance, h.note, h.date) for h in newest] == [
        (2, "lean-no", "cleared", "that was PML-F", None), (1, None, "lean-no", "said so", dt.date(2022, 3, 30))]


def test_a_stale_version_is_a_conflict_carrying_the_current_row_and_writes_nothing(loaded: Store) -> None:
    loaded.set_stance(PK, "party:ppp", stance="lean-yes", version=0, user="alice")
    newer = loaded.set_stance(PK, "party:ppp", stance="yes", version=1, user="bob")
    rev, audits = loaded.revision(PK), loaded.count_audit(PK)
    with pytest.raises(ConflictError, match="changed since you read version 1") as exc:
        loaded.clear_stance(PK, "party:ppp", version=1, user="alice")
    assert exc.value.current == newer  # type: ignore[attr-defined]
    assert (loaded.revision(PK), loaded.count_audit(PK), loaded.stance(PK, "party:ppp")) == (rev, audits, newer)
    loaded.clear_stance(PK, "party:ppp", version=2, user="bob")
    with pytest.raises(ConflictError, match="it is now none") as exc:  # bob took it back first
        loaded.clear_stance(PK, "party:ppp", version=2, user="alice")
    assert exc.value.current is None  # type: ignore[attr-defined]


def test_a_stance_recorded_again_after_a_take_back_starts_from_none(loaded: Store) -> None:
    loaded.set_stance(PK, "party:anp", stance="no", version=0, user="ed")
    loaded.clear_stance(PK, "party:anp", version=1, user="ed")
    with pytest.raises(ConflictError):  # the version read before the take-back is stale
        loaded.set_stance(PK, "party:anp", stance="yes", version=1, user="late")
    row = loaded.set_stance(PK, "party:anp", stance="yes", version=0, user="ed")
    assert row.version == 3  # 1 recorded, 2 taken back: the history's versions go on
    assert [h.version for h in loaded.history(PK, subject="party:anp")] == [3, 2, 1]
    assert loaded.clear_stance(PK, "party:anp", version=3, user="ed").stance == "yes"


@pytest.mark.parametrize("version", [0, -1, True, "1"])
def test_a_version_that_is_not_one_or_more_is_refused(loaded: Store, version: Any) -> None:
    with pytest.raises(InputError, match="version: expected the version of the stance you take back"):
        loaded.clear_stance(PK, "party:pti", version=version, user="ed")


def test_a_failed_take_back_leaves_everything_as_it_was(loaded: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    snap, rev = loaded.snapshot(PK), loaded.revision(PK)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise StorageError("disk full (simulated)")

    monkeypatch.setattr(loaded, "_audit", broken)
    with pytest.raises(StorageError, match="simulated"):
        loaded.clear_stance(PK, "party:pti", version=1, user="ed")
    monkeypatch.undo()
    assert loaded.revision(PK) == rev and loaded.cached_snapshot(PK) is snap
    assert loaded.stance(PK, "party:pti") is not None
    assert [h.new_stance for h in loaded.history(PK, subject="party:pti")] == ["absent"]


def test_open_dashboards_are_told(loaded: Store) -> None:
    told: list[tuple[str, int]] = []
    loaded.subscribe(lambda sid, rev: told.append((sid, rev)))
    loaded.clear_stance(PK, "party:ji", version=1, user="ed")
    assert told == [(PK, loaded.revision(PK))]


def test_parts_and_members_still_count_after_the_rest_of_their_party_is_taken_back(loaded: Store) -> None:
    # PTI's rest is recorded absent on the vote's day, members of it on their own; a part of 5 beside them
    loaded.set_stance(PK, "party:pti/part", stance="yes", version=0, user="ed", seats=5, date=dt.date(2022, 4, 1))
    before = {p[0]: p for p in positions(loaded.scenario(PK, history=False), VOTE)}
    loaded.clear_stance(PK, "party:pti", version=1, user="ed")
    after = {p[0]: p for p in positions(loaded.scenario(PK, history=False), VOTE)}
    rest = "pti"  # PTI's seats on its side without a stance of their own
    assert after[rest][1:] == ("no", before[rest][2], True)  # the same seats, the government's default
    assert {k: v for k, v in after.items() if k != rest} == {k: v for k, v in before.items() if k != rest}
    loaded.clear_stance(PK, "party:pti/part", version=1, user="ed")  # its 5 seats go back to the rest
    last = {p[0]: p for p in positions(loaded.scenario(PK, history=False), VOTE)}
    assert last[rest][1:] == ("no", before[rest][2] + 5, True)


def _writes(store: Store) -> list[Write]:
    """A newsroom's morning on the bundled case: stances recorded, corrected and taken back, in order;
    returns every write the timeline is made of (the file's entries first, in the file's order)."""
    writes: list[Write] = [(str(Subject.of(s)), s) for s in load_scenario(PK).stances]

    def put(subject: str, entry: Stance, version: int, **kw: Any) -> int:
        writes.append((subject, entry))
        return store.set_stance(PK, subject, stance=entry.stance, version=version, user="ed", date=entry.date,
                                **kw).version

    def take_back(subject: str, version: int) -> None:
        writes.append((subject, None))
        store.clear_stance(PK, subject, version=version, user="ed")

    v = put("party:mqm-p", party("mqm-p", "no", dt.date(2022, 3, 28)), 0)
    v = put("party:mqm-p", party("mqm-p", "yes", dt.date(2022, 4, 5)), v)
    take_back("party:mqm-p", v)
    put("party:mqm-p", party("mqm-p", "lean-no", dt.date(2022, 4, 2)), 0)
    take_back("member:asim-nazir", 2)  # recorded twice in the file (30 March, 10 April)
    v = put("party:ji", party("ji", "lean-no", dt.date(2022, 3, 20)), 1)  # the file's 30 March is left out
    take_back("party:ji", v)
    v = put("party:pti/part", party("pti", "yes", dt.date(2022, 4, 1), seats=5), 0, seats=5)
    take_back("party:pti", 1)
    v = put("party:gda", party("gda", "no", dt.date(2022, 3, 15)), 0)
    v = put("party:gda", party("gda", "yes", dt.date(2022, 3, 25)), v)
    return writes


def test_every_past_day_counts_the_writes_replayed_day_by_day(loaded: Store) -> None:
    writes = _writes(loaded)
    stored = loaded.scenario(PK)  # its stances: the timeline, as a past day's dashboard reads it
    assert stored.stances == tuple(loaded.stance_timeline(PK))
    file = load_scenario(PK)
    for day in DAYS:
        assert positions(stored, day) == positions(replace(file, stances=tuple(in_force(writes, day))), day), day
    assert not any(s.member == "asim-nazir" for s in stored.stances)  # on no day, as if never recorded


def test_a_dumped_and_reloaded_scenario_keeps_what_was_taken_back(loaded: Store, tmp_path: Any) -> None:
    _writes(loaded)
    path = tmp_path / "dumped.yaml"
    path.write_text(dump_scenario(loaded.scenario(PK)), encoding="utf-8")
    again = Store(f"sqlite:///{tmp_path / 'again.db'}")
    try:
        again.save_scenario(load_scenario(path), user="loader")
        assert {r.subject: r.stance for r in again.stances(PK)} == {r.subject: r.stance for r in loaded.stances(PK)}
        assert again.stance(PK, "member:asim-nazir") is None and again.stance(PK, "party:ji") is None
        for day in DAYS:
            assert positions(again.scenario(PK), day) == positions(loaded.scenario(PK), day), day
    finally:
        again.close()
