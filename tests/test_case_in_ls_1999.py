"""India, 17 April 1999: the Lok Sabha's motion of confidence in Vajpayee's Council of Ministers, judged against
the record typed in by hand from its sources:

- Rediff, 17 April 1999 (http://movies.rediff.com/news/1999/apr/17vote.htm): "The BJP ruling coalition secured
  269 votes while the opposition got 270. Declaring the result, Speaker G M C Balayogi ... said the motion of
  confidence moved by Prime Minister Atal Bihari Vajpayee has been defeated." and "If there had been a tie,
  Speaker G M C Balayogi would have exercised his casting vote" (so he did not vote).
- Hindustan Times, 14 July 2008: "The NDA needed 270 to survive." (a majority of the 539 present and voting).
- Rediff, 14 April 1999: the AIADMK "withdrew the 18-MP party's support"; Rediff, 17 April 1999: "The five-member
  BSP", "the six-member Dravida Munnetra Kazhagam"."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from whipcount.io.historic import historic_votes
from whipcount.io.scenario import load_scenario
from whipcount.tally.cases import judge_recorded

AYES, NOES, NEEDED = 269, 270, 270
VOTE = dt.date(1999, 4, 17)


def test_the_division_is_judged_defeated_as_the_speaker_declared_it() -> None:
    sc = load_scenario("in-ls-1999")
    assert sc.motion is not None and sc.motion.kind == "confidence" and sc.motion.vote == VOTE
    outcome = judge_recorded(sc, sc.motion)
    assert outcome is not None
    assert (outcome.yes, outcome.no) == (AYES, NOES)
    assert outcome.passed is False and outcome.needed == NEEDED, outcome.explanation
    assert AYES + NOES == 539 and NEEDED == 539 // 2 + 1  # a majority of those present and voting


def test_the_case_and_the_historic_table_give_the_same_vote() -> None:
    vote = next(v for v in historic_votes() if v.id == "in-1999-vajpayee")
    assert (vote.yes, vote.no, vote.passed, vote.date) == (AYES, NOES, False, VOTE)
    assert vote.judge().passed is False


def test_the_outcome_command_says_failed(run_cli: Callable[..., Any]) -> None:
    r = run_cli("outcome", "in-ls-1999", "--json")
    assert r.code == 0, r.err
    (motion,) = json.loads(r.out)["motions"]
    outcome = motion["outcome"]
    assert (outcome["yes"], outcome["no"], outcome["needed"], outcome["passed"]) == (AYES, NOES, NEEDED, False)
    assert outcome["basis"] == "present-and-voting"


def test_the_whip_count_on_the_day_is_the_division_with_the_speaker_not_voting(run_cli: Callable[..., Any]) -> None:
    r = run_cli("count", "in-ls-1999", "--json")
    assert r.code == 0, r.err
    count = json.loads(r.out)
    assert count["date"] == VOTE.isoformat()
    assert (count["committed_yes"], count["committed_no"]) == (AYES, NOES)
    assert count["absent"] == 543 - AYES - NOES  # the Hindustan Times's effective strength less those voting
    speaker = next(s for s in load_scenario("in-ls-1999").stances if s.member == "gmc-balayogi")
    assert speaker.stance == "absent" and speaker.office  # the Speaker votes only on a tie


def test_the_aiadmk_leaves_the_government_on_14_april_at_its_reported_strength() -> None:
    sc = load_scenario("in-ls-1999")

    def aiadmk(on: dt.date) -> Any:
        return next(p for p in sc.state(on).parties if p.id == "aiadmk")

    assert (aiadmk(dt.date(1999, 4, 13)).side, aiadmk(dt.date(1999, 4, 14)).side) == ("government", "opposition")
    assert aiadmk(VOTE).seats == 18
    seats = {p.id: p.seats for p in sc.state(VOTE).parties}
    assert (seats["bsp"], seats["dmk"]) == (5, 6)
    # the blocs add up to the division: 263 + DMK 6 for, 247 + AIADMK 18 + BSP 5 against
    assert seats["voted-for"] + seats["dmk"] == AYES
    assert seats["voted-against"] + seats["aiadmk"] + seats["bsp"] == NOES
