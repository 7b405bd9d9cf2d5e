"""A value a constitution or scenario file may hold but which means nothing is refused with its line and field.

``seats: []`` gave the chamber no size, as leaving seats out does, unsaid; an explicit ``fraction`` (even
"1/2", the default) or ``strict`` on a ``plurality`` basis, which has no share of its own, was read and
ignored; a quorum of a fixed count given ``strict`` (which says "more than" or "at least" a share) was too;
a ``window`` with neither ``min_days`` nor ``max_days`` bounded no day; a division's ``candidates: {}`` said
no one stood, and was read as no candidates given; a member's stance given ``seats`` or ``side`` (one member
holds one seat, on the side of their party) was read and the count ignored them. Each file below is the tests' own
constitution with one such value; the words are the house's (expected ..., got ...), checked by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from constitutions import my_parliament
from whipcount.errors import ConstitutionFileError, ScenarioError
from whipcount.io.constitution import parse_constitution_text
from whipcount.io.scenario import load_scenario

TOTAL = 'threshold: {basis: total, fraction: "3/5", strict: false}'
PLURALITY = "basis plurality: the most votes is more than the runner-up's, with no share, strictness or negative " \
            "majority of its own, got "


def _refused(text: str) -> str:
    with pytest.raises(ConstitutionFileError) as e:
        parse_constitution_text(text, "own.yaml")
    return str(e.value)


@pytest.mark.parametrize(("text", "said"), [
    (my_parliament(seats="[]"), "own.yaml:4: seats: expected at least 1 item, got none"),
    (my_parliament().replace(TOTAL, 'threshold: {basis: plurality, fraction: "1/2"}'),
     f"own.yaml:7: motions[0].threshold.fraction: {PLURALITY}fraction '1/2'; leave it out"),
    (my_parliament().replace(TOTAL, "threshold: {basis: plurality, strict: true}"),
     f"own.yaml:7: motions[0].threshold.strict: {PLURALITY}strict: true; leave it out"),
    (my_parliament().replace(TOTAL, "threshold: {basis: plurality, negative: false}"),
     f"own.yaml:7: motions[0].threshold.negative: {PLURALITY}negative: false; leave it out"),
    (my_parliament().replace("strict: false}", "strict: false, quorum: {count: 30, strict: true}}"),
     "own.yaml:7: motions[0].threshold.quorum.strict: strict is about a share (more than it, or at least it), but "
     "this quorum is a count of 30 members, got strict: true; leave it out"),
    (my_parliament("window: {after: motion-filed, note: as soon as it is filed}"),
     "own.yaml:9: motions[0].window: expected min_days, max_days or both: a window of neither bounds no day "
     "(leave window out, and say the motion has no time limit in its note)"),
])
def test_a_value_that_means_nothing_is_refused(text: str, said: str) -> None:
    assert _refused(text) == said


def test_a_plurality_given_on_its_own_line_is_named_at_that_line() -> None:
    text = my_parliament().replace(TOTAL, 'threshold:\n      basis: plurality\n      fraction: "1/2"')
    assert _refused(text).startswith("own.yaml:9: motions[0].threshold.fraction: basis plurality")


@pytest.mark.parametrize("text", [
    my_parliament(seats="[{seats: 101}]"),
    my_parliament().replace(TOTAL, "threshold: {basis: plurality}"),
    my_parliament().replace("strict: false}", 'strict: false, quorum: {fraction: "1/3", strict: true}}'),
    my_parliament().replace("strict: false}", "strict: false, quorum: {count: 30}}"),
    my_parliament("window: {min_days: 2}"),
    my_parliament("window: {max_days: 10, after: motion-filed}"),
])
def test_the_same_fields_where_they_mean_something_are_read(text: str) -> None:
    assert parse_constitution_text(text, "own.yaml").id == "my-parliament"


DIVISION = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 6, side: government}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
motion: {{kind: pm-election, successor: Ann, vote: 2020-02-05}}
division:
  yes: 6
  candidates: {candidates}
"""


def test_a_division_naming_no_candidate_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(DIVISION.format(candidates="{}"), encoding="utf-8")
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    assert str(e.value) == f"{path}:8: division.candidates: expected at least 1 item, got none"
    path.write_text(DIVISION.format(candidates="{Ann: 6, Bob: 5}"), encoding="utf-8")
    assert dict(load_scenario(path).motion.division.candidates) == {"Ann": 6, "Bob": 5}  # type: ignore[union-attr]


MEMBER = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 6, side: government}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
members:
  - {{id: ann, name: Ann Red, party: red}}
motion: {{kind: no-confidence, vote: 2020-02-05}}
stances:
  - {{date: 2020-01-10, party: blue, stance: "yes"}}
  - {{date: 2020-01-10, member: ann, stance: "yes"{more}}}
"""


@pytest.mark.parametrize(("more", "field", "value"), [
    (", seats: 3", "seats", "3"), (", side: opposition", "side", "opposition"), (", seats: 0", "seats", "0"),
])
def test_a_member_stance_given_seats_or_side_is_refused(tmp_path: Path, more: str, field: str, value: str) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(MEMBER.format(more=more), encoding="utf-8")
    with pytest.raises(ScenarioError) as e:
        load_scenario(path)
    assert str(e.value) == (f"{path}:10: stances[1].{field}: a member's stance is about one seat, on the side of "
                            f"their party, so {field} means nothing for member ann, got {field}: {value}; "
                            "leave it out")


def test_a_party_stance_keeps_its_seats_and_side(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(MEMBER.format(more="").replace("party: blue, stance", "party: blue, seats: 2, side: "
                                                   "opposition, stance"), encoding="utf-8")
    blue = load_scenario(path).stances[0]
    assert (blue.party, blue.seats, blue.side) == ("blue", 2, "opposition")
