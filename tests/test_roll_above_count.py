"""A record that names more members one way than it counts that way is at odds with itself, and is refused
where it is read, naming the file, the line and the count: every vote option a roll can give, under every
combination of the counts a division may leave out (a count not given bounds nothing, alone or summed with
another, in a chamber with room for it: the seats bound the counts left out together, tests/test_roll_within_seats.py),
in the main motion's division and in a further motion's (a run-off), in a
Popolo bundle's vote event and in an Open Civic Data one, and every event kind that takes both seats (a count)
and members (named). A roll naming fewer than its count (a partial roll, as most are) still loads."""

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
from whipcount.model import EVENT_FIELDS, VOTE_OPTIONS, Division
from whipcount.rules.recorded import roll_notes

HERE = Path(__file__).parent / "fixtures" / "interchange"

COUNTS = {"yes": 3, "no": 3, "abstain": 1, "absent": 1, "present_not_voting": 1}
"""A division's counts, each but yes (which a division always gives) given or left out in turn."""

GIVEN = [("yes", *c) for r in range(5) for c in combinations(("no", "abstain", "absent", "present_not_voting"), r)]
"""Every combination of the counts a division may leave out: 16."""

OWN: dict[str, tuple[str, int]] = {"yes": ("yes", 3), "no": ("no", 3), "abstain": ("abstain", 1)}
"""A vote cast: the count it is held to, where given, and that count in COUNTS."""

AWAY: dict[str, tuple[int | None, int | None, int | None, int | None]] = {
    #              both given  absent only  present_not_voting only  neither
    "absent":     (1,          1,           None,                    None),
    "excused":    (2,          None,        None,                    None),
    "paired":     (2,          None,        None,                    None),
    "not-voting": (2,          None,        None,                    None),
}
"""Members named as not voting: the most the roll may name (None: any number), by which of absent (1) and
present_not_voting (1) the division gives. Worked by hand from the rule: those named absent are among the
absent, so the absent count alone holds them; those excused, paired or not voting may be absent or present
and not voting, so only both counts together hold them (1 + 1), and a count not given may be any number."""

ALL_AWAY = "absent or excused or paired or not-voting"

HEAD = """chamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}
parties:
  - {id: red, name: Red, seats: 5, side: government}
  - {id: blue, name: Blue, seats: 4, side: opposition}
members:
""" + "".join(f"  - {{id: m{i}, name: Member {i}, party: {'red' if i <= 5 else 'blue'}}}\n" for i in range(1, 10))


ROOMY = ("chamber: {name: Test House, rules: pk-na, seats: 20, as_of: 2021-01-01}\n"
         "parties:\n  - {id: red, name: Red, seats: 12, side: government}\n"
         "  - {id: blue, name: Blue, seats: 8, side: opposition}\nmembers:\n"
         + "".join(f"  - {{id: m{i}, name: Member {i}, party: red}}\n" for i in range(1, 5)))
"""A chamber of 20 seats: room for a count left out to be any number up to 11 (the counts given add up to at
most 9), so only the counts bound the roll; four members for it to name. Its motions have no vote day, so no
day's members are held to be accounted for (a dated division giving its absent must count every member who
sat, which would make a count left out 0)."""


def _limit(option: str, given: tuple[str, ...]) -> tuple[str, str, str, int] | None:
    """From the tables above: where a roll naming too many members voting ``option`` is refused (the count's
    field, the count in words, the way in words) and the most it may name; None where nothing bounds it."""
    if option == "other":  # a vote the division has no count of
        return None
    if option in OWN:
        field, most = OWN[option]
        return (field, field, field, most) if field in given else None
    both, absent_only, pnv_only, neither = AWAY[option]
    most = {(True, True): both, (True, False): absent_only, (False, True): pnv_only, (False, False): neither}[
        ("absent" in given, "present_not_voting" in given)]
    if most is None:
        return None
    if option == "absent":
        return ("absent", "absent", "absent", most)
    return ("absent", "absent and present_not_voting", ALL_AWAY, most)


def _division(indent: str, given: tuple[str, ...], option: str, named: int) -> str:
    counts = "".join(f"{indent}{field}: {n}\n" for field, n in COUNTS.items() if field in given)
    roll = "".join(f"{indent}  - {{member: m{i}, vote: {option}}}\n" for i in range(1, named + 1))
    return f"{counts}{indent}votes:{chr(10) if named else ' []' + chr(10)}{roll}"


def _main(given: tuple[str, ...], option: str, named: int) -> str:
    return (ROOMY + "motion: {kind: no-confidence}\ndivision:\n"
            + _division("  ", given, option, named))


def _further(given: tuple[str, ...], option: str, named: int) -> str:
    """A run-off (a second poll) recorded in motions:, beside a main motion with no division."""
    return (ROOMY + "motion: {kind: no-confidence}\nmotions:\n"
            "  - kind: pm-election\n    round: 2\n    division:\n"
            + _division("      ", given, option, named))


def test_every_option_and_every_combination_of_counts_is_covered() -> None:
    assert len(GIVEN) == len(set(GIVEN)) == 16
    assert sorted([*OWN, *AWAY, "other"]) == sorted(VOTE_OPTIONS)


@pytest.mark.parametrize("build, path", [(_main, "division"), (_further, "motions[0].division")])
@pytest.mark.parametrize("given", GIVEN, ids="+".join)
def test_a_roll_naming_more_than_its_counts_hold_is_refused_at_the_count_and_else_loads(
        tmp_path: Path, given: tuple[str, ...], build: Callable[..., str], path: str) -> None:
    indent = "      " if path.startswith("motions") else "  "
    for option in VOTE_OPTIONS:
        limit = _limit(option, given)
        # one more than the count allows; where nothing bounds the roll, more than any count of the division
        named = 4 if limit is None else limit[3] + 1
        text = build(given, option, named)
        file = tmp_path / f"{option}.yaml"
        file.write_text(text, encoding="utf-8")
        if limit is None:
            division = load_scenario(file).motions[-1].division
            assert division is not None and len(division.votes) == named, (option, given)
            continue
        field, count, way, most = limit
        line = text.splitlines().index(f"{indent}{field}: {COUNTS[field]}") + 1
        with pytest.raises(WhipcountError) as err:
            load_scenario(file)
        assert str(err.value) == (
            f"{file}:{line}: {path}.{field}: expected the roll to name at most {most} member"
            f"{'' if most == 1 else 's'} voting {way}, the division's count of {count}, got {most + 1} named: a "
            "roll may name fewer voters than its count, never more"), (option, given)
        for fewer in (most, most - 1):  # as many as the count, or fewer (a partial roll)
            file.write_text(build(given, option, fewer), encoding="utf-8")
            division = load_scenario(file).motions[-1].division
            assert division is not None and len(division.votes) == fewer, (option, given)


def _roll(**named: int) -> tuple[tuple[str, str], ...]:
    return tuple((f"m{option}{i}", option.replace("_", "-")) for option, n in named.items() for i in range(n))


@pytest.mark.parametrize("counts, roll, at_odds", [
    # no present_not_voting given: the one member not voting may be present, and is no contradiction
    ({"absent": 0}, {"not_voting": 1}, []),
    ({"absent": 1}, {"absent": 1, "excused": 3, "paired": 2}, []),
    # no absent given: any number may be away, whatever the present_not_voting
    ({"present_not_voting": 1}, {"not_voting": 2, "excused": 1}, []),
    ({"present_not_voting": 0}, {"absent": 5}, []),
    # both given: those named absent against the absent, all four against the two together
    ({"absent": 0, "present_not_voting": 2}, {"not_voting": 2}, []),
    ({"absent": 1, "present_not_voting": 1}, {"absent": 1, "paired": 1}, []),
    ({"absent": 1, "present_not_voting": 1}, {"absent": 1, "paired": 2}, [(("absent", "present_not_voting"), 3, 2)]),
    ({"absent": 1, "present_not_voting": 5}, {"absent": 2}, [(("absent",), 2, 1)]),
    ({"absent": 0, "present_not_voting": 0}, {"absent": 1, "excused": 1},
     [(("absent",), 1, 0), (("absent", "present_not_voting"), 2, 0)]),
    ({"absent": 1}, {"absent": 2, "excused": 4}, [(("absent",), 2, 1)]),
])
def test_those_who_did_not_vote_are_held_only_by_the_counts_given(
        counts: dict[str, int], roll: dict[str, int], at_odds: list[tuple[tuple[str, ...], int, int]]) -> None:
    division = Division(yes=1, votes=_roll(**roll), **counts)
    assert [(o.fields, o.named, o.counted) for o in division.overnamed()] == at_odds
    assert len(roll_notes(division)) == len(at_odds)  # a division made in Python is noted where it is at odds


def test_a_popolo_vote_event_naming_more_than_its_count_is_refused(tmp_path: Path) -> None:
    bundle: dict[str, Any] = json.loads((HERE / "ep-popolo-examplia.json").read_text(encoding="utf-8"))
    ve = bundle["vote_events"][0]
    # Hal Hume (counted absent: 1) named voting no as well: 5 noes named where the count is 4
    ve["votes"].append({"voter_id": "0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e08", "option": "no"})
    file = tmp_path / "ep.json"
    file.write_text(json.dumps(bundle, indent=1), encoding="utf-8")
    line = next(i for i, text in enumerate(file.read_text(encoding="utf-8").splitlines(), 1) if '"counts"' in text)
    with pytest.raises(InterchangeError) as err:
        read_popolo(file, rules="pk-na", term="term/2")
    assert str(err.value) == (f"{file}:{line}: vote_events[0].counts: expected the roll to name at most 4 members "
                              "voting no, the division's count of no, got 5 named: a roll may name fewer voters "
                              "than its count, never more")


def test_an_ocd_vote_naming_more_than_its_count_is_refused() -> None:
    examplia = read_csv(HERE / "ep-term-examplia.csv", rules="pk-na").scenario
    data: dict[str, Any] = json.loads((HERE / "ocd-vote-examplia.json").read_text(encoding="utf-8"))
    data["counts"][0]["value"] = 1  # 1 yes counted; Cleo Cole and Dev Dunn named voting yes
    with pytest.raises(InterchangeError) as err:
        import_ocd(data, "v.json", examplia)
    assert str(err.value).startswith("v.json: counts: expected the roll to name at most 1 member voting yes, the "
                                     "division's count of yes, got 2 named")


KINDS = sorted(kind for kind, fields in EVENT_FIELDS.items() if {"seats", "members"} <= fields)


def test_every_event_kind_with_a_count_and_names_is_covered() -> None:
    assert KINDS == ["by-election", "death", "defect", "disqualify", "fill-seat", "join-party", "leave-party",
                     "resign", "split", "switch-side", "vacate"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("seats", [1, 3])
def test_an_event_whose_seats_are_not_its_members_is_refused(tmp_path: Path, kind: str, seats: int,
                                                             run_cli: Callable[..., Any]) -> None:
    given = {"to": "opposition", "to_party": "blue", "new_party": "{id: new, name: New}"}
    extra = "".join(f", {k}: {v}" for k, v in given.items() if k in EVENT_FIELDS[kind])
    event = f"  - {{date: 2021-02-01, kind: {kind}, party: red, seats: {seats}, members: [m1, m2]{extra}}}\n"
    text = HEAD + "events:\n" + event
    file = tmp_path / "s.yaml"
    file.write_text(text, encoding="utf-8")
    line = text.splitlines().index(event.rstrip("\n")) + 1
    got = run_cli("tally", str(file))
    assert got.code == 1
    assert f"{file}:{line}: events[0]: seats: expected 2, one for each member named in members, got {seats}" \
        in got.err
