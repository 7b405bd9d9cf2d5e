"""A division stored in the database is held to what a scenario file may hold: a scenario made in Python whose
roll names more members one way than counted, or more whom no count given holds than sat less those counted,
is refused before anything is written, naming the place a file would give it. One stored before that check
(nothing already stored is lost) is still read back whole, and judged on its counts with a note saying so,
against the members who sat on its day."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from whipcount.errors import InputError, NotFound
from whipcount.io.scenario import load_scenario
from whipcount.model import Event, Scenario, Source
from whipcount.storage import Store, scenario_rows
from whipcount.tally.cases import judge_division_of

MEMBERS = "".join(f"  - {{id: m{i}, name: Member {i}, party: {'red' if i <= 5 else 'blue'}}}\n" for i in range(1, 10))
FILE = ("id: rolls\nchamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}\nparties:\n"
        "  - {id: red, name: Red, seats: 5, side: government}\n"
        "  - {id: blue, name: Blue, seats: 4, side: opposition}\nmembers:\n" + MEMBERS
        + "events:\n  - {date: 2021-02-01, kind: resign, party: blue, seats: 1, members: [m9]}\n"
        "motion: {kind: no-confidence, vote: 2021-03-01}\n"
        "division: {yes: 3, no: 3, abstain: 1, votes: [{member: m1, vote: not-voting}]}\n")
"""9 seats, m9 resigned before the vote: 8 sat. yes 3, no 3 and abstain 1 counted (7), so the counts left out
(absent, present not voting) hold 8 - 7 = 1: the roll's one member not voting fits, a second does not."""

BEYOND = ("division.votes[1]: expected the roll to name at most 1 member absent or present and not voting, the "
          "counts the division leaves out (the 8 members who sat on 2021-03-01 (9 seats, 1 vacant) less the 7 "
          "counted), got 2 named whom no count given holds: a count left out holds no more members than sat")


def _scenario(tmp_path: Path) -> Scenario:
    file = tmp_path / "rolls.yaml"
    file.write_text(FILE, encoding="utf-8")
    return load_scenario(file)


def _with_roll(sc: Scenario, *votes: tuple[str, str]) -> Scenario:
    mo = sc.motions[0]
    assert mo.division is not None
    return dataclasses.replace(sc, motions=(dataclasses.replace(mo, division=dataclasses.replace(
        mo.division, votes=votes)),))


@pytest.mark.parametrize("votes, problem", [
    ((("m1", "not-voting"), ("m2", "absent")), BEYOND),
    ((("m1", "no"), ("m2", "no"), ("m3", "no"), ("m4", "no")),
     "division.no: expected the roll to name at most 3 members voting no, the division's count of no, got 4 "
     "named: a roll may name fewer voters than its count, never more"),
])
def test_a_roll_a_file_could_not_hold_is_not_stored(tmp_path: Path, votes: tuple[tuple[str, str], ...],
                                                    problem: str) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.save_scenario(_scenario(tmp_path))  # the file's own roll fits
    store.save_scenario(_with_roll(_scenario(tmp_path), ("m1", "not-voting")), replace=True)
    with pytest.raises(InputError) as err:
        store.save_scenario(_with_roll(_scenario(tmp_path), *votes), replace=True)
    assert str(err.value) == f"scenario rolls: {problem}; nothing was written"
    assert store.scenario("rolls").motions[0].division.votes == (("m1", "not-voting"),)  # type: ignore[union-attr]
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    with pytest.raises(InputError):
        fresh.save_scenario(_with_roll(_scenario(tmp_path), *votes))
    with pytest.raises(NotFound):
        fresh.scenario("rolls")


def test_a_roll_stored_before_the_check_is_read_whole_and_judged_with_a_note(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    at_odds = _with_roll(_scenario(tmp_path), ("m1", "not-voting"), ("m2", "absent"))
    with monkeypatch.context() as m:  # as a version of whipcount that did not check rolls stored it
        m.setattr(scenario_rows, "_check_rolls", lambda scenario: None)
        store.save_scenario(at_odds)
    back = store.scenario("rolls")
    assert back.motions[0].division == at_odds.motions[0].division  # nothing stored is lost
    judged = judge_division_of(back, back.motions[0])
    assert judged is not None
    # 3 yes of 9 seats: short of the 5 of Art. 95(4) whatever the roll says; the counts are what is judged
    assert (judged.final.passed, judged.final.yes, judged.final.no) == (False, 3, 3)
    assert (
        "the roll names 2 members whom no count given holds where the counts left out hold at most 1 (the 8 "
        "members who sat on 2021-03-01 (9 seats, 1 vacant) less the 7 counted): the counts are judged"
    ) in judged.final.notes


def test_an_event_leaving_fewer_members_sitting_on_the_day_is_taken_and_the_outcome_says_so(
        tmp_path: Path) -> None:
    """The roll's one member not voting fits the room of 1 (8 sat, 7 counted); m8 resigning before the vote
    leaves 7 sitting, the counts given hold all 7 and the room is 0. The log is the record of the chamber: the
    event is taken, and the judged outcome notes the roll."""
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    store.save_scenario(_scenario(tmp_path))
    ev = Event(date=dt.date(2021, 2, 15), kind="resign", party="blue", seats=1, members=("m8",),
               sources=(Source("https://example.org/resignation"),))
    store.append_event("rolls", ev, user=None, confirm=True)
    back = store.scenario("rolls")
    judged = judge_division_of(back, back.motions[0])
    assert judged is not None and (
        "the roll names 1 member whom no count given holds where the counts left out hold at most 0 (the 7 "
        "members who sat on 2021-03-01 (9 seats, 2 vacant) less the 7 counted): the counts are judged"
    ) in judged.final.notes
