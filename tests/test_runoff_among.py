"""A run-off among more than two is judged on the votes of every candidate in it.

A constitution may hold its second poll among the top three ("runoff: {among: 3}") and decide it by a
majority of the votes cast. The judge counted only the leader and the runner-up, so Ann's 40 of the 105
votes cast for three candidates (a majority is 53) was taken as 40 of 75 and declared elected. Worked by
hand from the threshold's words; the two-candidate case by the Japanese record (Ishiba 221, Noda 160).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount.io.constitution import load_constitution_file
from whipcount.rules import get_constitution, judge

CONSTITUTION = """\
id: three-way
name: Three-way House
seats: 120
motions:
  - kind: pm-election
    threshold: {{basis: total, fraction: "1/2", strict: true}}
    source: {{article: "Art. 1", url: "https://example.org/1"}}
    runoff: {{threshold: {{basis: votes-cast, fraction: "1/2", strict: true}}, among: {among},
             source: {{article: "Art. 2", url: "https://example.org/2"}}}}
"""


def _rules(tmp_path: Path, among: int):  # type: ignore[no-untyped-def]
    path = tmp_path / f"rules-{among}.yaml"
    path.write_text(CONSTITUTION.format(among=among), encoding="utf-8")
    return load_constitution_file(path)


@pytest.mark.parametrize(("among", "votes", "passed", "needed"), [
    (3, {"Ann": 40, "Bob": 35, "Cid": 30}, False, 53),  # 105 cast among three: more than 52.5
    (3, {"Ann": 60, "Bob": 35, "Cid": 10}, True, 53),  # 60 of 105
    (3, {"Ann": 40, "Bob": 35, "Cid": 30, "Dan": 5}, False, 53),  # Dan is not in the run-off: 105 cast
    (2, {"Ann": 40, "Bob": 35, "Cid": 30}, True, 38),  # among two: Cid's votes are not run-off votes; 40 of 75
])
def test_the_run_off_counts_everyone_it_is_held_among(tmp_path: Path, among: int, votes: dict[str, int],
                                                      passed: bool, needed: int) -> None:
    o = judge(_rules(tmp_path, among), "pm-election", yes=max(votes.values()), candidates=votes, round=2)
    assert (o.passed, o.needed) == (passed, needed), o.explanation
    left_out = sorted(votes.items(), key=lambda kv: -kv[1])[among:]
    assert all(f"{name} {n}" in " ".join(o.notes) for name, n in left_out)


def test_japan_s_run_off_of_2024_still_stands() -> None:
    o = judge(get_constitution("jp-hr"), "pm-election", yes=221, no=160, round=2,
              candidates={"Shigeru Ishiba": 221, "Yoshihiko Noda": 160})
    assert o.passed and o.needed == 191  # a majority of the 381 votes cast


def test_a_further_vote_not_between_the_top_few_counts_every_candidate() -> None:
    # Slovenia, Art. 111: in a further round a majority of the votes cast elects (not a run-off of the top
    # two): A's 30 of 30 + 25 + 20 = 75 votes cast is short of 38
    o = judge(get_constitution("si-dz"), "pm-election", yes=30, round=2,
              candidates={"A": 30, "B": 25, "C": 20})
    assert not o.passed and o.needed == 38 and not any("not counted" in n for n in o.notes)
