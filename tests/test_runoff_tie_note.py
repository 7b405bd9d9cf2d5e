"""What the rules do after a tied run-off is said after a tie, never beside a run-off won outright.

Pakistan's Art. 91(4): the run-off is between the top two, decided by a majority of the members present
and voting; its second proviso holds further polls only "if the number of votes secured by two or more
members securing highest number of votes is equal". 180 to 150 elects (166 needed of 330, by hand); 150 to
150 elects no one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from whipcount.io.constitution import parse_constitution_text
from whipcount.rules import judge

D = dt.date(2022, 4, 11)
FURTHER = "further polls between tied leaders"


def test_a_run_off_won_outright_says_nothing_of_further_polls(run_cli: Any) -> None:
    won = judge("pk-na", "pm-election", yes=180, no=150, seats=342, on=D, round=2)
    assert won.passed and won.needed == 166  # more than 330 / 2
    assert FURTHER not in won.explanation and not any(FURTHER in n for n in won.notes)
    r = run_cli("outcome", "--rules", "pk-na", "--motion", "pm-election", "--round", "2", "--yes", "180",
                "--no", "150", "--seats", "342", "--on", "2022-04-11")
    assert r.code == 0 and "PASSED" in r.out and FURTHER not in r.out


def test_a_tied_run_off_says_what_follows() -> None:
    tied = judge("pk-na", "pm-election", yes=150, no=150, seats=342, on=D, round=2)
    assert not tied.passed and tied.tie
    assert f"no one is elected in the run-off ({FURTHER} until one has a majority of those present and voting " \
           "(second proviso))" in tied.explanation


def test_a_first_poll_does_not_say_it_either() -> None:
    first = judge("pk-na", "pm-election", yes=171, no=170, seats=342, on=D)
    assert FURTHER not in first.explanation


OWN = """\
id: tie-after
name: A chamber of ten
seats: 10
motions:
  - kind: pm-election
    threshold: {basis: total}
    source: {article: "Art. 1", url: "https://example.org/rules#1"}
    runoff:
      threshold: {basis: votes-cast}
      note: the run-off is held the same day
      if_tied: the chamber votes again
"""


@pytest.mark.parametrize(("yes", "no", "passed", "said"), [(5, 4, True, False), (4, 4, False, True)])
def test_a_constitution_file_s_own_if_tied(yes: int, no: int, passed: bool, said: bool) -> None:
    o = judge(parse_constitution_text(OWN, "own.yaml"), "pm-election", yes=yes, no=no, round=2)
    assert o.passed is passed
    assert "the run-off is held the same day" in o.explanation  # the note, with every judgement
    assert ("the chamber votes again" in o.explanation) is said


# pakistani.org, Constitution of Pakistan, Part IV, ch. 3, Art. 130(4), second proviso: "Provided further that, if
# the number of votes secured by two or more members securing the highest number of votes is equal, further polls
# shall be held between them until one of them secures a majority of votes of the members present and voting."
# Punjab's 371 seats: 150 to 150 in a run-off elects no one; 180 to 150 elects (more than 330 / 2, by hand).
@pytest.mark.parametrize("cid", ["pk-pa-punjab", "pk-pa-sindh", "pk-pa-kp", "pk-pa-balochistan"])
def test_a_provincial_chief_minister_s_tied_run_off_says_what_follows(cid: str) -> None:
    tied = judge(cid, "pm-election", yes=30, no=30, round=2)
    assert not tied.passed and tied.tie
    assert f"{FURTHER} until one has a majority of those present and voting" in tied.explanation
    won = judge(cid, "pm-election", yes=31, no=30, round=2)
    assert won.passed and FURTHER not in won.explanation


def test_punjab_s_run_off_of_2022_by_the_numbers() -> None:
    won = judge("pk-pa-punjab", "pm-election", yes=180, no=150, seats=371, on=D, round=2)
    assert won.passed and won.needed == 166
    assert FURTHER not in won.explanation
    tied = judge("pk-pa-punjab", "pm-election", yes=150, no=150, seats=371, on=D, round=2)
    assert not tied.passed and f"{FURTHER} until one" in tied.explanation
