"""A count a division leaves out is not any number: together the counts left out hold at most the members who
sat on the day (the chamber's seats for a division with no day) less those the counts given hold, so a roll
naming more members than that, each of whom no count given holds, is at odds with the seats and refused where
it is read, at the first member beyond the room, naming the file, the line and the room worked out. Checked
against tables worked by hand, for every combination of counts given and left out and every vote option, in
the main motion's division and a further motion's, undated and dated (where the absent given makes every count
left out 0), and in a Popolo bundle's vote event and an Open Civic Data one."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError, WhipcountError
from whipcount.io.csvio import read_csv
from whipcount.io.ocd import import_ocd
from whipcount.io.popolo import read_popolo
from whipcount.io.scenario import load_scenario
from whipcount.model import VOTE_OPTIONS, Division

HERE = Path(__file__).parent / "fixtures" / "interchange"

COUNTS = {"yes": 3, "no": 3, "abstain": 1, "absent": 1, "present_not_voting": 1}
"""A division's counts in a chamber of 9 seats, each but yes given or left out in turn."""

TABLE: dict[tuple[str, ...], tuple[int, int, int, int, int]] = {
    # counts given besides yes 3       room  no  abstain  absent  excused/paired/not-voting
    ():                                  (6,  6,   6,      6,      6),
    ("no",):                             (3,  3,   3,      3,      3),
    ("abstain",):                        (5,  5,   1,      5,      5),
    ("absent",):                         (5,  5,   5,      1,      6),
    ("present_not_voting",):             (5,  5,   5,      5,      6),
    ("no", "abstain"):                   (2,  3,   1,      2,      2),
    ("no", "absent"):                    (2,  3,   2,      1,      3),
    ("no", "present_not_voting"):        (2,  3,   2,      2,      3),
    ("abstain", "absent"):               (4,  4,   1,      1,      5),
    ("abstain", "present_not_voting"):   (4,  4,   1,      4,      5),
    ("absent", "present_not_voting"):    (4,  4,   4,      1,      2),
    ("no", "abstain", "absent"):         (1,  3,   1,      1,      2),
    ("no", "abstain", "present_not_voting"): (1, 3, 1,     1,      2),
    ("no", "absent", "present_not_voting"):  (1, 3, 1,     1,      2),
    ("abstain", "absent", "present_not_voting"): (3, 3, 1, 1,      2),
    ("no", "abstain", "absent", "present_not_voting"): (0, 3, 1, 1, 2),
}
"""Worked by hand: the room is 9 seats less yes 3 and the counts given (no 3, abstain 1, absent 1,
present_not_voting 1); a member named voting no, abstaining or absent is held by that count where given,
else takes room; one named excused, paired or not voting is held by absent and present_not_voting together
where both are given (1 + 1), else fills the one given (1) and then takes room. Each entry is the most the
roll may name voting that way (a roll naming only that way)."""

COLUMN = {"no": 1, "abstain": 2, "absent": 3, "excused": 4, "paired": 4, "not-voting": 4}

WORDS = {"no": "voting no", "abstain": "abstaining", "absent": "absent"}
"""The count left out that a member named so takes room in."""

AWAY_WORDS = {(False, False): "absent or present and not voting", (True, False): "present and not voting",
              (False, True): "absent"}
"""The counts left out that a member named excused, paired or not voting takes room in, by whether absent
and present_not_voting are given (both given: none)."""

MEMBERS = "".join(f"  - {{id: m{i}, name: Member {i}, party: {'red' if i <= 5 else 'blue'}}}\n" for i in range(1, 10))

HEAD = ("chamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}\nparties:\n"
        "  - {id: red, name: Red, seats: 5, side: government}\n"
        "  - {id: blue, name: Blue, seats: 4, side: opposition}\nmembers:\n" + MEMBERS)


def _division(indent: str, counts: dict[str, int], roll: list[str]) -> str:
    text = "".join(f"{indent}{field}: {n}\n" for field, n in counts.items())
    entries = "".join(f"{indent}  - {{member: m{i}, vote: {vote}}}\n" for i, vote in enumerate(roll, 1))
    return f"{text}{indent}votes:{chr(10) if roll else ' []' + chr(10)}{entries}"


def _main(counts: dict[str, int], roll: list[str], head: str = HEAD, vote: str = "") -> str:
    day = f", vote: {vote}" if vote else ""
    return head + f"motion: {{kind: no-confidence{day}}}\ndivision:\n" + _division("  ", counts, roll)


def _further(counts: dict[str, int], roll: list[str], head: str = HEAD, vote: str = "") -> str:
    day = f"    vote: {vote}\n" if vote else ""
    return (head + "motion: {kind: no-confidence}\nmotions:\n  - kind: pm-election\n    round: 2\n" + day
            + "    division:\n" + _division("      ", counts, roll))


GIVEN = [c for r in range(5) for c in combinations(("no", "abstain", "absent", "present_not_voting"), r)]


def test_the_table_covers_every_combination_and_option() -> None:
    assert sorted(TABLE) == sorted(GIVEN) and len(GIVEN) == 16
    assert sorted([*COLUMN, "yes", "other"]) == sorted(VOTE_OPTIONS)


def _expected_words(option: str, given: tuple[str, ...]) -> str | None:
    """The counts left out the roll's members overflow, in words; None where a count given bounds them."""
    if option in WORDS:
        return None if option in given else WORDS[option]
    return AWAY_WORDS.get(("absent" in given, "present_not_voting" in given))


@pytest.mark.parametrize("build, path, indent", [(_main, "division", "  "),
                                                 (_further, "motions[0].division", "      ")], ids=["main", "further"])
@pytest.mark.parametrize("given", GIVEN, ids=lambda g: "+".join(("yes", *g)))
def test_a_roll_beyond_the_seats_less_the_counts_given_is_refused(
        tmp_path: Path, given: tuple[str, ...], build: Callable[..., str], path: str, indent: str) -> None:
    counts = {f: n for f, n in COUNTS.items() if f == "yes" or f in given}
    room = TABLE[given][0]
    file = tmp_path / "s.yaml"
    for option, column in COLUMN.items():
        most = TABLE[given][column]
        file.write_text(build(counts, [option] * most), encoding="utf-8")
        division = load_scenario(file).motions[-1].division
        assert division is not None and len(division.votes) == most, (option, given)
        text = build(counts, [option] * (most + 1))
        file.write_text(text, encoding="utf-8")
        with pytest.raises(WhipcountError) as err:
            load_scenario(file)
        words = _expected_words(option, given)
        if words is None:  # held by the count given: refused at the count (tests/test_roll_above_count.py)
            assert f": {path}." in str(err.value) and "the division's count of" in str(err.value), (option, given)
            continue
        line = text.splitlines().index(f"{indent}  - {{member: m{most + 1}, vote: {option}}}") + 1
        s = "s" if " or " in words else ""
        assert str(err.value) == (
            f"{file}:{line}: {path}.votes[{most}]: expected the roll to name at most {room} member"
            f"{'' if room == 1 else 's'} {words}, the count{s} the division leaves out (9 seats less the "
            f"{9 - room} counted), got {room + 1} named whom no count given holds: a count left out holds no "
            "more members than sat"), (option, given)
    file.write_text(build(counts, ["other"] * 9), encoding="utf-8")  # a vote no count holds bounds nothing
    assert len(load_scenario(file).motions[-1].division.votes) == 9  # type: ignore[union-attr]


RESIGNED = HEAD + "events:\n  - {date: 2021-02-01, kind: resign, party: blue, seats: 1, members: [m9]}\n"


@pytest.mark.parametrize("build, path", [(_main, "division"), (_further, "motions[0].division")],
                         ids=["main", "further"])
@pytest.mark.parametrize("counts, roll, resigned, beyond, words", [
    # absent given: the counts account for every member who sat (9), so a count left out is 0
    ({"yes": 3, "no": 3, "abstain": 1, "absent": 2}, ["excused"] * 2, False, None, None),
    ({"yes": 3, "no": 3, "abstain": 1, "absent": 2}, ["excused"] * 3, False, (2, 0, 9, 9, 1),
     "present and not voting"),
    ({"yes": 3, "no": 4, "absent": 2}, ["absent", "absent", "abstain"], False, (2, 0, 9, 9, 1), "abstaining"),
    # absent left out: 8 sat (m9 resigned), 7 counted, room for 1
    ({"yes": 3, "no": 3, "abstain": 1}, ["not-voting"], True, None, None),
    ({"yes": 3, "no": 3, "abstain": 1}, ["not-voting", "absent"], True, (1, 1, 8, 7, 2),
     "absent or present and not voting"),
])
def test_a_dated_roll_is_held_to_the_members_who_sat_that_day(
        tmp_path: Path, build: Callable[..., str], path: str, counts: dict[str, int], roll: list[str], resigned: bool,
        beyond: tuple[int, int, int, int, int] | None, words: str | None) -> None:
    text = build(counts, roll, RESIGNED if resigned else HEAD, "2021-03-01")
    file = tmp_path / "s.yaml"
    file.write_text(text, encoding="utf-8")
    if beyond is None:
        assert len(load_scenario(file).motions[-1].division.votes) == len(roll)  # type: ignore[union-attr]
        return
    at, room, sat, counted, named = beyond
    line = text.splitlines().index(f"{'      ' if path != 'division' else '  '}  - {{member: m{at + 1}, "
                                   f"vote: {roll[at]}}}") + 1
    vacant = " (9 seats, 1 vacant)" if resigned else ""
    with pytest.raises(WhipcountError) as err:
        load_scenario(file)
    assert words is not None
    assert str(err.value) == (
        f"{file}:{line}: {path}.votes[{at}]: expected the roll to name at most {room} member{'' if room == 1 else 's'}"
        f" {words}, the count{'s' if ' or ' in words else ''} the division leaves out (the {sat} members who sat "
        f"on 2021-03-01{vacant} less the {counted} counted), got {named} named whom no count given holds: a count "
        "left out holds no more members than sat")


@pytest.mark.parametrize("counts, roll, sitting, verdict", [
    # (fields, room, counted, indexes of the members who take room): worked by hand
    ({"absent": 1}, {"absent": 1, "excused": 2}, 5, (("present_not_voting",), 1, 4, (1, 2))),
    ({"absent": 3}, {"absent": 1, "excused": 2}, 6, None),  # the absent given holds all three, no room
    ({"present_not_voting": 1}, {"absent": 1, "paired": 2}, 4, (("absent",), 0, 4, (0, 2))),
    ({"no": 1}, {"abstain": 2, "not_voting": 1, "other": 5}, 5, (("abstain", "absent", "present_not_voting"),
                                                                  1, 4, (0, 1, 2))),
    ({"no": 1}, {"abstain": 2, "not_voting": 1}, 7, None),
    # an election: the candidates' votes (12) are the members who voted, the runner-up's among them
    ({"candidates": (("A", 3), ("B", 5), ("C", 4))}, {"no": 3, "absent": 2}, 13, (("absent",), 1, 12, (3, 4))),
    ({"candidates": (("A", 3), ("B", 5), ("C", 4))}, {"no": 3, "absent": 1}, 13, None),
])
def test_those_whom_no_count_given_holds_take_the_room_the_seats_leave(
        counts: dict[str, Any], roll: dict[str, int], sitting: int,
        verdict: tuple[tuple[str, ...], int, int, tuple[int, ...]] | None) -> None:
    votes = tuple((f"m{option}{i}", option.replace("_", "-")) for option, n in roll.items() for i in range(n))
    u = Division(yes=3, votes=votes, **counts).unseated(sitting)
    assert (None if u is None else (u.fields, u.room, u.counted, u.named)) == verdict


def test_a_popolo_vote_event_naming_more_not_voting_than_sat_is_refused(tmp_path: Path) -> None:
    bundle: dict[str, Any] = json.loads((HERE / "ep-popolo-examplia.json").read_text(encoding="utf-8"))
    ve = bundle["vote_events"][0]
    # yes 2, no 4, absent 1: the 7 who sat on 2021-03-15, so none was present without voting; Gus Green (no)
    # and Hal Hume named not voting: one is the absent, the other is in no count
    ve["votes"][5]["option"] = "not voting"
    ve["votes"].append({"voter_id": "0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e08", "option": "not voting"})
    file = tmp_path / "ep.json"
    file.write_text(json.dumps(bundle, indent=1), encoding="utf-8")
    lines = file.read_text(encoding="utf-8").splitlines()
    # the vote appended last: the line of its opening brace, the one before its voter_id
    line = max(i for i, text in enumerate(lines, 1) if '"voter_id": "0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e08"' in text) - 1
    with pytest.raises(InterchangeError) as err:
        read_popolo(file, rules="pk-na", term="term/2")
    assert str(err.value) == (
        f"{file}:{line}: vote_events[0].votes[6]: expected the roll to name at most 0 members present and not "
        "voting, the count the division leaves out (the 7 members who sat on 2021-03-15 less the 7 counted), got "
        "1 named whom no count given holds: a count left out holds no more members than sat")


def test_an_ocd_vote_naming_more_not_voting_than_sat_is_refused() -> None:
    examplia = read_csv(HERE / "ep-term-examplia.csv", rules="pk-na").scenario
    data: dict[str, Any] = json.loads((HERE / "ocd-vote-examplia.json").read_text(encoding="utf-8"))
    # yes 2, no 3, excused 1 and not voting 1 (absent 2): the 7 who sat; Gus Green's no made not voting names
    # three who did not vote where two are counted, and none can be present without voting
    data["votes"][5]["option"] = "not voting"
    with pytest.raises(InterchangeError) as err:
        import_ocd(data, "v.json", examplia)
    assert str(err.value) == (  # Hal Hume, the last of the three named, at his place in the vote's file
        "v.json: votes[6]: expected the roll to name at most 0 members present and not voting, the count the "
        "division leaves out (the 7 members who sat on 2021-03-15 less the 7 counted), got 1 named whom no count "
        "given holds: a count left out holds no more members than sat")
