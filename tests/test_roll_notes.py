"""A division made in Python whose roll names more members voting one way than it counts that way, or more whom
no count given holds than the members sitting less those counted, says so when judged (a scenario file or a
bundle holding one is refused where it is read: tests/test_roll_above_count.py, tests/test_roll_within_seats.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
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
        "the roll names 2 members voting yes", "the roll names 1 members voting no",
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
