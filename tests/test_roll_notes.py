"""A division made in Python whose roll names more members voting one way than it counts that way, or more whom
no count given holds than the members sitting less those counted, says so when judged (a scenario file or a
bundle holding one is refused where it is read: tests/test_roll_above_count.py, tests/test_roll_within_seats.py)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from whipcount.model import Division
from whipcount.rules.recorded import judge_division, roll_notes


def _roll(**named: int) -> tuple[tuple[str, str], ...]:
    return tuple((f"{option}-{i}", option) for option, n in named.items() for i in range(n))


def test_a_roll_naming_more_than_the_count_is_noted_and_one_naming_fewer_is_not() -> None:
    over = Division(yes=2, no=4, absent=1, votes=_roll(yes=2, no=5))
    assert roll_notes(over) == ("the roll names 5 members voting no where the division counts 4: the count is "
                                "judged",)
    partial = Division(yes=170, no=111, abstain=68, votes=_roll(no=15))  # Rajoy 2016: fifteen noes named
    assert roll_notes(partial) == ()
    unknown_no = Division(yes=2, votes=_roll(no=9))  # no count of noes: nothing to be at odds with
    assert roll_notes(unknown_no) == ()
    both = Division(yes=1, no=0, abstain=0, votes=_roll(yes=2, no=1, abstain=3))
    assert [n.split(" where")[0] for n in roll_notes(both)] == [
        "the roll names 2 members voting yes", "the roll names 1 member voting no",
        "the roll names 3 members voting abstain"]
    # those who did not vote, whatever the roll calls them, against the absent and present not voting together
    away = Division(yes=1, absent=1, present_not_voting=1, votes=_roll(excused=2, paired=1))
    assert roll_notes(away) == ("the roll names 3 members voting absent or excused or paired or not-voting where "
                                "the division counts 2: the count is judged",)


def test_the_count_is_what_is_judged_and_the_note_is_in_the_reason() -> None:
    """7 seats, a majority of the total membership (Art. 95(4)) is 4: 2 yes fails whatever the roll says."""
    outcome = judge_division("pk-na", "no-confidence", Division(yes=2, no=4, votes=_roll(yes=2, no=5)),
                             seats=7, vacancies=0, on=None)
    assert (outcome.passed, outcome.needed, outcome.yes, outcome.no) == (False, 4, 2, 4)
    assert outcome.explanation.endswith("(the roll names 5 members voting no where the division counts 4: the "
                                        "count is judged)")


def test_a_roll_beyond_the_seats_is_noted_and_the_counts_judged() -> None:
    """7 seats: yes 2, no 3 counted, so the counts left out hold 2 at most, and the roll names 3 members not
    voting. A majority of the total membership (7 seats: 4) is not reached by 2 yes."""
    division = Division(yes=2, no=3, votes=_roll(**{"not-voting": 3}))
    outcome = judge_division("pk-na", "no-confidence", division, seats=7, vacancies=1, on=None)
    assert (outcome.passed, outcome.yes, outcome.no) == (False, 2, 3)
    assert outcome.notes[-1] == ("the roll names 3 members whom no count given holds where the counts left out hold "
                                 "at most 2 (7 seats less the 5 counted): the counts are judged")
    assert roll_notes(division) == ()  # the seats not known: nothing to hold the counts left out to
    fits = judge_division("pk-na", "no-confidence", division, seats=8, vacancies=1, on=None)  # room for 3
    assert not any("the roll names" in n for n in fits.notes)


def test_no_bundled_case_s_roll_or_size_is_at_odds_with_its_record(run_cli: Callable[..., Any]) -> None:
    cases = [case["id"] for case in json.loads(run_cli("scenarios", "--json").out)["scenarios"]]
    assert len(cases) >= 13
    for case_id in cases:
        for motion in json.loads(run_cli("outcome", case_id, "--json").out).get("motions", []):
            notes = (motion.get("outcome") or {}).get("notes", [])
            assert not any("the roll names" in n or "where the rules profile" in n for n in notes), (case_id, notes)


def test_a_dated_division_is_noted_against_the_members_who_sat_that_day() -> None:
    """7 seats, 1 vacant on the day: 6 sat. yes 2 and no 3 counted, so the counts left out hold 6 - 5 = 1, and
    the roll names 2 members not voting: one too many (against the 7 seats, 2 fit, as an undated one is held)."""
    division = Division(yes=2, no=3, votes=_roll(**{"not-voting": 2}))
    day = dt.date(2024, 2, 10)
    for on, dated in ((day, division), (None, replace(division, date=day))):
        outcome = judge_division("pk-na", "no-confidence", dated, seats=7, vacancies=1, on=on)
        assert outcome.notes[-1] == (
            "the roll names 2 members whom no count given holds where the counts left out hold at most 1 (the 6 "
            "members who sat on 2024-02-10 (7 seats, 1 vacant) less the 5 counted): the counts are judged"), on
    undated = judge_division("pk-na", "no-confidence", division, seats=7, vacancies=1, on=None)
    assert not any("the roll names" in n for n in undated.notes)  # held to the 7 seats: room for 2
    full = judge_division("pk-na", "no-confidence", division, seats=7, vacancies=0, on=day)
    assert not any("the roll names" in n for n in full.notes)  # all 7 sat: room for 2


def test_an_election_s_noes_are_noted_beyond_the_other_candidates_votes_and_the_room() -> None:
    """9 seats, 1 vacant on the day: 8 sat. Candidates A 3 and B 2 (5 voted), yes 3, no left out: B's 2 votes
    hold 2 of those named voting no, and the room is 8 - 5 = 3, so 5 may be named and 7 named leave 5 for a
    room of 3."""
    division = Division(yes=3, candidates=(("A", 3), ("B", 2)), votes=_roll(no=7))
    outcome = judge_division("pk-na", "pm-election", division, seats=9, vacancies=1, on=dt.date(2024, 2, 10))
    assert outcome.notes[-1] == (
        "the roll names 5 members whom no count given holds where the counts left out hold at most 3 (the 8 "
        "members who sat on 2024-02-10 (9 seats, 1 vacant) less the 5 counted: the candidates' 5 votes): the "
        "counts are judged")
    fits = replace(division, votes=_roll(no=5))
    assert not any("the roll names" in n for n in judge_division(
        "pk-na", "pm-election", fits, seats=9, vacancies=1, on=dt.date(2024, 2, 10)).notes)
