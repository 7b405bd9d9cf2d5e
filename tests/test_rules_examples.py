"""A dated example in a rule's words is a vote held under that rule: the vote of the same profile and motion
kind on that day in the historic record (whose every figure is pinned to a quoted source in
test_historic_figures.py). An example borrowed from another motion's vote (the election of a Prime Minister
of 11 April 2022 illustrated by the no-confidence resolution of 10 April) fails here."""

from __future__ import annotations

import datetime as dt
import re

from whipcount.io.historic import historic_votes
from whipcount.rules.registry import all_constitutions

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
DATED = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def _examples() -> list[tuple[str, str, dt.date]]:
    found = []
    for constitution in all_constitutions():
        for motion in constitution.motions:
            for day, month, year in DATED.findall(motion.threshold.basis_note or ""):
                found.append((constitution.id, motion.kind, dt.date(int(year), MONTHS.index(month) + 1, int(day))))
    return found


def test_every_dated_example_of_a_bar_is_a_vote_on_that_rule() -> None:
    recorded = {(v.rules, v.motion, v.date) for v in historic_votes()}
    examples = _examples()
    assert examples  # the Pakistan and France bars carry one each
    assert [e for e in examples if e not in recorded] == []


def test_pakistan_s_two_votes_of_april_2022_are_each_their_own_example() -> None:
    # Dawn / The Quint: the resolution passed with 174 on 10 April; Daily Pakistan / Gulf News: Shehbaz Sharif
    # elected with 174 on 11 April; 172 of 342 needed for both, NA-33 Hangu vacant since 14 February 2022.
    by_kind = {m.kind: m.threshold.basis_note for c in all_constitutions() if c.id == "pk-na" for m in c.motions}
    assert "172 of 342 on 10 April 2022" in by_kind["no-confidence"]
    assert "172 of 342 on 11 April 2022" in by_kind["pm-election"]
