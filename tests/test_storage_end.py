"""A stance that ends on a day, on the dashboard's store: ``Store.clear_stance(..., until=DAY)`` (the subject
counts as never recorded from that day on, the days before keep it) and ``Store.set_stance(..., until=DAY)``
(an entry that ends, as a scenario file's ``until:``: an earlier entry still in force applies again).

Hand counts from the bundled Pakistan file: JI (1 seat, opposition) is recorded undecided from 30 March 2022;
ANP (1 seat, opposition) has no entry, so it takes the opposition's default on a no-confidence motion, yes.
The live dashboard counts on the vote's day, 10 April. Each case is checked in the store (live and past days),
in the dumped file read back, and by ``whipcount count --on`` on that file, on either side of the end.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from whipcount.errors import ConflictError, InputError
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario
from whipcount.model import Stance
from whipcount.storage import Store
from whipcount.storage.timeline import Cleared, Ended, Write, in_force, timeline_pairs
from whipcount.tally import count_scenario

PK = "pk-na-2022"
VOTE = dt.date(2022, 4, 10)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(f"2022-{text}")


def stance_of(scenario: Any, party: str, on: dt.date) -> tuple[str, bool]:
    [p] = [p for p in count_scenario(scenario, on).positions if p.party == party]
    return p.stance, p.default


def live(store: Store) -> Any:
    """The scenario as the live dashboard counts it (the snapshot's entries) on the vote's day."""
    return replace(load_scenario(PK), stances=store.snapshot(PK).stances)


def check_everywhere(store: Store, run_cli: Any, tmp_path: Path, party: str,
                     by_hand: dict[dt.date, tuple[str, bool]]) -> None:
    """The store's timeline (past days' dashboards), the dumped file and ``count --on`` on it, all by hand."""
    stored = store.scenario(PK)
    path = tmp_path / "dump.yaml"
    path.write_text(dump_scenario(stored), encoding="utf-8")
    dumped = load_scenario(str(path))
    for on, want in by_hand.items():
        assert stance_of(stored, party, on) == want, on
        assert stance_of(dumped, party, on) == want, on
        r = run_cli("count", str(path), "--on", on.isoformat(), "--json")
        assert r.code == 0, r.err
        [p] = [p for p in json.loads(r.out)["positions"] if p["party"] == party]
        assert (p["stance"], p["default"]) == want, on
    assert stance_of(live(store), party, VOTE) == by_hand[VOTE]
    assert stance_of(store.scenario(PK, history=False), party, VOTE) == by_hand[VOTE]


def test_a_stance_ended_on_a_day_counts_until_then_and_never_after(loaded: Store, run_cli: Any,
                                                                   tmp_path: Path) -> None:
    row = loaded.set_stance(PK, "party:ji", stance="no", version=1, user="ed", date=day("04-02"))
    rev = loaded.revision(PK)
    ended = loaded.clear_stance(PK, "party:ji", version=row.version, user="rita", reason="back with the party",
                                until=day("04-06"))
    assert (ended.stance, ended.version, ended.date, ended.until) == ("no", 3, day("04-02"), day("04-06"))
    assert loaded.stance(PK, "party:ji") == ended and loaded.revision(PK) == rev + 1
    # the file's undecided of 30 March ends too: from 6 April JI counts as never recorded (the default, yes)
    check_everywhere(loaded, run_cli, tmp_path, "ji", {
        day("03-29"): ("yes", True), day("03-31"): ("undecided", False), day("04-03"): ("no", False),
        day("04-05"): ("no", False), day("04-06"): ("yes", True), VOTE: ("yes", True)})
    assert [(s.date, s.stance, s.until) for s in loaded.scenario(PK).stances if s.party == "ji"] == [
        (day("03-30"), "undecided", day("04-06")), (day("04-02"), "no", day("04-06"))]


def test_the_history_and_the_audit_say_the_stance_ended_and_when(loaded: Store) -> None:
    loaded.set_stance(PK, "party:anp", stance="no", version=0, user="ed", date=day("04-01"), note="said so",
                      source="https://example.org/anp")
    loaded.clear_stance(PK, "party:anp", version=1, user="rita", reason="back with the party", until=day("04-05"))
    [audit] = loaded.audit(PK, action="stance.end")
    assert (audit.user, audit.target, audit.reason) == ("rita", "party:anp", "back with the party")
    common = {"stance": "no", "date": "2022-04-01", "seats": None, "source": "https://example.org/anp",
              "note": "said so"}
    assert audit.before == {**common, "version": 1}
    assert audit.after == {**common, "version": 2, "until": "2022-04-05"}
    history = loaded.history(PK, subject="party:anp")
    assert [(h.version, h.old_stance, h.new_stance, h.note, h.date, h.until) for h in history] == [
        (2, "no", "ended", "back with the party", None, day("04-05")),
        (1, None, "no", "said so", day("04-01"), None)]


def test_a_stance_recorded_with_an_end_gives_way_to_the_earlier_entry(loaded: Store, run_cli: Any,
                                                                     tmp_path: Path) -> None:
    loaded.set_stance(PK, "party:anp", stance="lean-no", version=0, user="ed", date=day("03-25"))
    row = loaded.set_stance(PK, "party:anp", stance="no", version=1, user="ed", date=day("04-01"),
                            until=day("04-05"))
    assert (row.version, row.until) == (2, day("04-05"))
    # as a file's until: from 5 April the lean-no of 25 March applies again (on the live dashboard too)
    check_everywhere(loaded, run_cli, tmp_path, "anp", {
        day("03-24"): ("yes", True), day("03-25"): ("lean-no", False), day("04-04"): ("no", False),
        day("04-05"): ("lean-no", False), VOTE: ("lean-no", False)})
    assert loaded.history(PK, subject="party:anp")[0].until == day("04-05")


def test_a_stance_taken_back_as_wrong_after_it_ended_is_gone_on_every_day(loaded: Store) -> None:
    loaded.clear_stance(PK, "party:ji", version=1, user="ed", until=day("04-06"))
    loaded.clear_stance(PK, "party:ji", version=2, user="ed")
    assert loaded.stance(PK, "party:ji") is None
    assert all(stance_of(loaded.scenario(PK), "ji", d) == ("yes", True) for d in (day("03-31"), VOTE))


def test_the_live_dashboard_moves_to_an_end_after_its_day(loaded: Store) -> None:
    # without a vote day the dashboard counts on the latest day a stance starts or ends on
    loaded.set_stance(PK, "party:anp", stance="no", version=0, user="ed", date=day("04-11"))
    assert loaded.snapshot(PK).live_date() == day("04-11")
    loaded.clear_stance(PK, "party:anp", version=1, user="ed", until=day("04-12"))
    assert loaded.snapshot(PK).live_date() == day("04-12")
    # ANP's side's default that day, as in the file, which has no ANP entry (the government changed on 11 April)
    assert stance_of(live(loaded), "anp", day("04-12")) == stance_of(load_scenario(PK), "anp", day("04-12"))
    assert stance_of(loaded.scenario(PK), "anp", day("04-11")) == ("no", False)  # the day before, as recorded


@pytest.mark.parametrize(("until", "problem"), [
    (dt.date(2022, 4, 2), "until: expected a day after the stance's date 2022-04-02 (the first day it no longer "
                          "holds), got 2022-04-02"),
    (dt.date(2022, 3, 1), "until: expected a day after the stance's date 2022-04-02 (the first day it no longer "
                          "holds), got 2022-03-01"),
    (dt.date(2030, 1, 1), "until: expected {tomorrow} or earlier (a stance ends from the day that was reported), "
                          "got 2030-01-01"),
    ("2022-04-05", "until: expected a date (YYYY-MM-DD), got '2022-04-05'"),
])
def test_an_end_not_after_the_stance_or_in_the_future_is_refused_and_writes_nothing(
        loaded: Store, until: Any, problem: str) -> None:
    problem = problem.format(tomorrow=(dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)).isoformat())
    loaded.set_stance(PK, "party:ji", stance="no", version=1, user="ed", date=day("04-02"))
    rev, audits = loaded.revision(PK), loaded.count_audit(PK)
    with pytest.raises(InputError) as ended:
        loaded.clear_stance(PK, "party:ji", version=2, user="ed", until=until)
    with pytest.raises(InputError) as recorded:
        loaded.set_stance(PK, "party:anp", stance="no", version=0, user="ed", date=day("04-02"), until=until)
    assert str(ended.value) == str(recorded.value) == problem
    assert (loaded.revision(PK), loaded.count_audit(PK)) == (rev, audits)


def test_a_stance_that_ends_already_is_not_ended_again(loaded: Store) -> None:
    loaded.clear_stance(PK, "party:ji", version=1, user="ed", until=day("04-06"))
    with pytest.raises(InputError, match="until: the stance on party:ji ends already, on 2022-04-06; to change "
                                         "when it ends, record it again"):
        loaded.clear_stance(PK, "party:ji", version=2, user="ed", until=day("04-04"))
    # recorded again from its date, it holds on: then it can end on another day
    again = loaded.set_stance(PK, "party:ji", stance="undecided", version=2, user="ed", date=day("03-30"))
    loaded.clear_stance(PK, "party:ji", version=again.version, user="ed", until=day("04-08"))
    stored = loaded.scenario(PK)
    assert [stance_of(stored, "ji", d) for d in (day("04-07"), day("04-08"))] == [("undecided", False), ("yes", True)]


def test_ending_a_stale_version_is_a_conflict_carrying_the_current_row(loaded: Store) -> None:
    newer = loaded.set_stance(PK, "party:ji", stance="no", version=1, user="bob", date=day("04-02"))
    rev = loaded.revision(PK)
    with pytest.raises(ConflictError, match="changed since you read version 1") as exc:
        loaded.clear_stance(PK, "party:ji", version=1, user="alice", until=day("04-06"))
    assert exc.value.current == newer  # type: ignore[attr-defined]
    assert loaded.revision(PK) == rev and loaded.stance(PK, "party:ji") == newer


def test_open_dashboards_are_told_of_an_end(loaded: Store) -> None:
    told: list[tuple[str, int]] = []
    loaded.subscribe(lambda sid, rev: told.append((sid, rev)))
    loaded.clear_stance(PK, "party:ji", version=1, user="ed", until=day("04-06"))
    assert told == [(PK, loaded.revision(PK))]


@given(st.lists(st.tuples(st.sampled_from(["party:a", "party:b"]), st.sampled_from(["set", "set", "end", "clear"]),
                          st.integers(0, 9), st.sampled_from(["yes", "no"])), max_size=14))
def test_the_timeline_gives_each_day_what_the_writes_and_ends_left_on_it(
        writes: list[tuple[str, str, int, str]]) -> None:
    start = dt.date(2022, 4, 1)
    history: list[Write] = []
    # brute force, day by day: a write sets its subject from its own day on, an end unsets it from its day on,
    # a take-back as wrong unsets it on every day
    days: dict[tuple[str, int], str | None] = {}
    for subj, what, d, v in writes:
        on = start + dt.timedelta(days=d)
        if what == "set":
            history.append((subj, Stance(date=on, stance=v, party=subj[6:])))
            days.update({(subj, x): v for x in range(d, 10)})
        elif what == "end":
            history.append((subj, Ended(on)))
            days.update({(subj, x): None for x in range(d, 10)})
        else:
            history.append((subj, Cleared()))
            days.update({(subj, x): None for x in range(10)})
    line = [s for _, s in timeline_pairs(history)]
    for subj in ("party:a", "party:b"):
        for x in range(10):
            [got] = [s.stance for s in in_force(line, start + dt.timedelta(days=x)) if s.party == subj[6:]] or [None]
            assert got == days.get((subj, x))


def test_a_loaded_stance_ending_far_ahead_moves_no_live_dashboard_to_that_day(store: Store) -> None:
    # a file's until in 2030 (or 9999) is past what the API would take: the live dashboard stays on the vote
    # day and counts as `whipcount count` does there, the stance still in force
    sc = load_scenario(PK)
    first = next(i for i, s in enumerate(sc.stances) if s.date < VOTE)
    far = replace(sc.stances[first], until=dt.date(9999, 12, 31))
    store.save_scenario(replace(sc, stances=(*sc.stances[:first], far, *sc.stances[first + 1:])), user="loader")
    assert store.snapshot(PK).live_date() == VOTE
    assert count_scenario(live(store), VOTE).committed_yes == count_scenario(load_scenario(PK), VOTE).committed_yes
