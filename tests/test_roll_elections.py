"""An election's candidates' votes are the members who voted for a candidate: they hold its yes and no, so
wherever a division is checked they are counted. A roll naming members voting no where the election leaves
`no` out is held first to the other candidates' votes and then to the room the seats (or the members who sat)
leave; its counts, the candidates' votes among them, fit the seats and the members who sat; and a dated one
giving absent accounts for every member who sat with them. Checked against tables worked by hand, in a
scenario file's main motion and its run-off (a further motion), undated and dated, and in a Popolo bundle's
vote event (an Open Civic Data vote event names no candidates: attached to an election, it is a division
without them, checked as any other: tests/test_roll_within_seats.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError, WhipcountError
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.io.scenario import load_scenario

COUNTS = {"no": 2, "abstain": 1, "absent": 1, "present_not_voting": 1}
"""An election in a chamber of 9 seats: candidates A 3 and B 2 (5 votes), yes 3 (A's), and these counts given
or left out in turn."""

TABLE: dict[tuple[str, ...], tuple[int, int, int, int, int]] = {
    # counts given besides yes 3           room  no  abstain  absent  excused/paired/not-voting
    ():                                      (4,  6,   4,      4,      4),
    ("no",):                                 (4,  2,   4,      4,      4),
    ("abstain",):                            (3,  5,   1,      3,      3),
    ("absent",):                             (3,  5,   3,      1,      4),
    ("present_not_voting",):                 (3,  5,   3,      3,      4),
    ("no", "abstain"):                       (3,  2,   1,      3,      3),
    ("no", "absent"):                        (3,  2,   3,      1,      4),
    ("no", "present_not_voting"):            (3,  2,   3,      3,      4),
    ("abstain", "absent"):                   (2,  4,   1,      1,      3),
    ("abstain", "present_not_voting"):       (2,  4,   1,      2,      3),
    ("absent", "present_not_voting"):        (2,  4,   2,      1,      2),
    ("no", "abstain", "absent"):             (2,  2,   1,      1,      3),
    ("no", "abstain", "present_not_voting"): (2,  2,   1,      2,      3),
    ("no", "absent", "present_not_voting"):  (2,  2,   2,      1,      2),
    ("abstain", "absent", "present_not_voting"): (1, 3, 1,     1,      2),
    ("no", "abstain", "absent", "present_not_voting"): (1, 2, 1, 1,    2),
}
"""Worked by hand. Counted: the candidates' 5 votes (the no given, 2, is B's and among them: 3 + 2 = 5), and
1 for each of abstain, absent and present_not_voting given; the room is 9 less that. Named voting no: where
`no` is given, at most its 2; where it is left out, the other candidates' votes (5 - 3 = 2) and then the room
(so 2 + 4 = 6 with nothing else given). Named abstaining or absent: the count where given (1), else the room.
Named excused, paired or not voting: absent and present_not_voting together where both are given (1 + 1),
else the one given (1) and then the room, else the room."""

COLUMN = {"no": 1, "abstain": 2, "absent": 3, "excused": 4, "paired": 4, "not-voting": 4}
WORDS = {"no": "voting no", "abstain": "abstaining", "absent": "absent"}
AWAY_WORDS = {(False, False): "absent or present and not voting", (True, False): "present and not voting",
              (False, True): "absent"}
GIVEN = [c for r in range(5) for c in combinations(("no", "abstain", "absent", "present_not_voting"), r)]

MEMBERS = "".join(f"  - {{id: m{i}, name: Member {i}, party: {'red' if i <= 5 else 'blue'}}}\n" for i in range(1, 10))
HEAD = ("chamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}\nparties:\n"
        "  - {id: red, name: Red, seats: 5, side: government}\n"
        "  - {id: blue, name: Blue, seats: 4, side: opposition}\nmembers:\n" + MEMBERS)


def _division(indent: str, counts: dict[str, int], roll: list[str], candidates: str = "{A: 3, B: 2}") -> str:
    text = f"{indent}yes: 3\n{indent}candidates: {candidates}\n"
    text += "".join(f"{indent}{field}: {n}\n" for field, n in counts.items())
    entries = "".join(f"{indent}  - {{member: m{i}, vote: {vote}}}\n" for i, vote in enumerate(roll, 1))
    return f"{text}{indent}votes:{chr(10) if roll else ' []' + chr(10)}{entries}"


def _main(counts: dict[str, int], roll: list[str], vote: str = "", **kw: str) -> str:
    day = f", vote: {vote}" if vote else ""
    return HEAD + f"motion: {{kind: pm-election{day}}}\ndivision:\n" + _division("  ", counts, roll, **kw)


def _runoff(counts: dict[str, int], roll: list[str], vote: str = "", **kw: str) -> str:
    day = f"    vote: {vote}\n" if vote else ""
    return (HEAD + "motion: {kind: no-confidence}\nmotions:\n  - kind: pm-election\n    round: 2\n" + day
            + "    division:\n" + _division("      ", counts, roll, **kw))


def _expected_words(option: str, given: tuple[str, ...]) -> str | None:
    """The counts left out the roll's members overflow, in words; None where a count given bounds them."""
    if option in WORDS:
        return None if option in given else WORDS[option]
    return AWAY_WORDS.get(("absent" in given, "present_not_voting" in given))


def _made(given: tuple[str, ...]) -> str:
    """The election's count in words: the candidates' votes and the other counts given."""
    rest = [f"1 {w}" for f, w in (("abstain", "abstaining"), ("absent", "absent"),
                                  ("present_not_voting", "present not voting")) if f in given]
    parts = ["the candidates' 5 votes", *rest]
    return f"{', '.join(parts[:-1])} and {parts[-1]}" if rest else parts[0]


def _refusal(room: int, words: str, given: tuple[str, ...], option: str) -> str:
    s = "s" if " or " in words else ""
    besides = " (besides the 2 voting no the other candidates' votes hold)" if option == "no" else ""
    return (f"expected the roll to name at most {room} member{'' if room == 1 else 's'} {words}, the count{s} the "
            f"division leaves out (9 seats less the {9 - room} counted: {_made(given)}), got {room + 1} named whom "
            f"no count given holds{besides}: a count left out holds no more members than sat")


def test_the_table_covers_every_combination_and_its_arithmetic_holds() -> None:
    assert sorted(TABLE) == sorted(GIVEN) and len(GIVEN) == 16
    for given, (room, no, _, _, _) in TABLE.items():
        assert room == 9 - 5 - sum(1 for f in given if f != "no"), given
        assert no == (2 if "no" in given else 2 + room), given


@pytest.mark.parametrize("build, path, indent", [(_main, "division", "  "),
                                                 (_runoff, "motions[0].division", "      ")], ids=["main", "run-off"])
@pytest.mark.parametrize("given", GIVEN, ids=lambda g: "+".join(("yes", *g)))
def test_an_election_s_roll_is_held_to_its_candidates_votes_and_the_seats(
        tmp_path: Path, given: tuple[str, ...], build: Callable[..., str], path: str, indent: str) -> None:
    counts = {f: n for f, n in COUNTS.items() if f in given}
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
        assert str(err.value) == f"{file}:{line}: {path}.votes[{most}]: {_refusal(room, words, given, option)}", (
            option, given)


def _bundle(tmp_path: Path, counts: dict[str, int]) -> dict[str, Any]:
    file = tmp_path / "s.yaml"
    file.write_text(_main(counts, []), encoding="utf-8")
    bundle: dict[str, Any] = json.loads(dump_popolo(load_scenario(file)))
    return bundle


@pytest.mark.parametrize("given", GIVEN, ids=lambda g: "+".join(("yes", *g)))
def test_a_popolo_vote_event_of_an_election_is_held_the_same_way(tmp_path: Path, given: tuple[str, ...]) -> None:
    bundle = _bundle(tmp_path, {f: n for f, n in COUNTS.items() if f in given})
    ve = bundle["vote_events"][0]
    assert ve["extras"]["candidates"] == {"A": 3, "B": 2}  # the election's candidates ride in the extras
    room = TABLE[given][0]
    for option, column in COLUMN.items():
        most = TABLE[given][column]
        popolo_option = "not voting" if option == "not-voting" else option
        ve["votes"] = [{"voter_id": f"m{i}", "option": popolo_option} for i in range(1, most + 1)]
        division = import_popolo(bundle, "ep.json").scenario.motions[0].division
        assert division is not None and len(division.votes) == most, (option, given)
        ve["votes"].append({"voter_id": f"m{most + 1}", "option": popolo_option})
        with pytest.raises(InterchangeError) as err:
            import_popolo(bundle, "ep.json")
        words = _expected_words(option, given)
        if words is None:
            assert str(err.value).startswith(f"ep.json: vote_events[0].counts: expected the roll to name at most "
                                             f"{most} member"), (option, given)
            continue
        assert str(err.value) == f"ep.json: vote_events[0].votes[{most}]: {_refusal(room, words, given, option)}", (
            option, given)


@pytest.mark.parametrize("build, path", [(_main, "division"), (_runoff, "motions[0].division")],
                         ids=["main", "run-off"])
@pytest.mark.parametrize("candidates, counts, vote, problem", [
    # undated, 9 seats: A 4 + B 4 = 8 voted, and 1 abstaining makes 9; 3 abstaining, 11
    ("{A: 4, B: 4}", {"abstain": 1}, "", None),
    ("{A: 4, B: 4}", {"abstain": 3}, "",
     "the division counts 11 members (the candidates' 8 votes and 3 abstaining) but the chamber has 9 seats"),
    # dated, 9 sat: A 4 + B 2 = 6 voted, and 3 absent accounts for all 9; 2 absent, for 8 of them
    ("{A: 4, B: 2}", {"absent": 3}, "2021-03-01", None),
    ("{A: 4, B: 2}", {"absent": 2}, "2021-03-01",
     "the division accounts for 8 (the candidates' 6 votes and 2 absent) of the 9 members who sat on 2021-03-01; "
     "1 missing: give every member who did not vote as absent"),
    # dated: 6 voted, 2 invalid and 2 abstaining make 10 of the 9 who sat (the seats are 9 too: refused as such)
    ("{A: 4, B: 2}", {"invalid": 2, "abstain": 2}, "2021-03-01",
     "the division counts 10 members (the candidates' 6 votes, 2 abstaining and 2 invalid) but the chamber has 9 "
     "seats"),
], ids=["fits-seats", "beyond-seats", "accounts-for-all", "accounts-for-fewer", "beyond-seats-dated"])
def test_an_election_s_counts_with_its_candidates_votes_fit_the_members_who_sat(
        tmp_path: Path, build: Callable[..., str], path: str, candidates: str, counts: dict[str, int], vote: str,
        problem: str | None) -> None:
    file = tmp_path / "s.yaml"
    file.write_text(build(counts, [], vote, candidates=candidates), encoding="utf-8")
    if problem is None:
        assert load_scenario(file).motions[-1].division is not None
        return
    with pytest.raises(WhipcountError) as err:
        load_scenario(file)
    assert f": {path}: {problem}" in str(err.value)
