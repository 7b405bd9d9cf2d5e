"""A record that names more members one way than it counts that way is at odds with itself, and is refused
where it is read, naming the file, the line and the count: every count of a division that its roll can name
members for (model.division.ROLL_COUNTS), in the main motion's division and in a further motion's (a run-off),
in a Popolo bundle's vote event and in an Open Civic Data one, and every event kind that takes both seats (a
count) and members (named). A roll naming fewer than its count (a partial roll, as most are) still loads."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError, WhipcountError
from whipcount.io.csvio import read_csv
from whipcount.io.ocd import import_ocd
from whipcount.io.popolo import read_popolo
from whipcount.io.scenario import load_scenario
from whipcount.model import EVENT_FIELDS
from whipcount.model.division import ROLL_COUNTS

HERE = Path(__file__).parent / "fixtures" / "interchange"

COUNTS = {"yes": 3, "no": 3, "abstain": 1, "absent": 1, "present_not_voting": 1}
"""A division of the nine seats below that accounts for all nine (3 + 3 + 1 + 1 + 1)."""

HEAD = """chamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}
parties:
  - {id: red, name: Red, seats: 5, side: government}
  - {id: blue, name: Blue, seats: 4, side: opposition}
members:
""" + "".join(f"  - {{id: m{i}, name: Member {i}, party: {'red' if i <= 5 else 'blue'}}}\n" for i in range(1, 10))


def _division(indent: str, option: str, named: int) -> str:
    counts = "".join(f"{indent}{field}: {n}\n" for field, n in COUNTS.items())
    roll = "".join(f"{indent}  - {{member: m{i}, vote: {option}}}\n" for i in range(1, named + 1))
    return f"{counts}{indent}votes:{chr(10) if named else ' []' + chr(10)}{roll}"


def _main(option: str, named: int) -> str:
    return (HEAD + "motion: {kind: no-confidence, vote: 2021-03-01}\ndivision:\n"
            + _division("  ", option, named))


def _further(option: str, named: int) -> str:
    """A run-off (a second poll) recorded in motions:, beside a main motion with no division."""
    return (HEAD + "motion: {kind: no-confidence, vote: 2021-03-01}\nmotions:\n"
            "  - kind: pm-election\n    vote: 2021-03-02\n    round: 2\n    division:\n"
            + _division("      ", option, named))


CASES = [(fields, option) for i, (fields, options) in enumerate(ROLL_COUNTS) for option in options
         if not any(option in earlier for _, earlier in ROLL_COUNTS[:i])]
"""Each count with each option it holds, an option held by a narrower count before (absent) tested there."""


def test_every_count_the_roll_can_name_is_covered() -> None:
    # by hand: yes, no, abstain, absent alone, and those who did not vote (absent and present not voting
    # together) by any of the four words a roll gives them
    assert CASES == [(("yes",), "yes"), (("no",), "no"), (("abstain",), "abstain"), (("absent",), "absent")] + [
        (("absent", "present_not_voting"), option) for option in ("excused", "paired", "not-voting")]


@pytest.mark.parametrize("build, path", [(_main, "division"), (_further, "motions[0].division")])
@pytest.mark.parametrize("fields, option", CASES, ids=[f"{'+'.join(f)}-{o}" for f, o in CASES])
def test_a_roll_naming_more_than_its_count_is_refused_at_the_count(
        tmp_path: Path, fields: tuple[str, ...], option: str, build: Callable[[str, int], str], path: str) -> None:
    counted = sum(COUNTS[f] for f in fields)
    text = build(option, counted + 1)
    file = tmp_path / "s.yaml"
    file.write_text(text, encoding="utf-8")
    # the count's own line, found in the text written above
    indent = "      " if path.startswith("motions") else "  "
    line = text.splitlines().index(f"{indent}{fields[0]}: {COUNTS[fields[0]]}") + 1
    with pytest.raises(WhipcountError) as err:
        load_scenario(file)
    options = next(opts for fs, opts in ROLL_COUNTS if fs == fields)
    way = " or ".join(options)
    assert str(err.value) == (
        f"{file}:{line}: {path}.{fields[0]}: expected the roll to name at most {counted} member"
        f"{'' if counted == 1 else 's'} voting {way}, the division's count of {' and '.join(fields)}, got "
        f"{counted + 1} named: a roll may name fewer voters than its count, never more")


@pytest.mark.parametrize("build", [_main, _further])
@pytest.mark.parametrize("fields, option", CASES, ids=[f"{'+'.join(f)}-{o}" for f, o in CASES])
def test_a_roll_naming_as_many_or_fewer_loads(tmp_path: Path, fields: tuple[str, ...], option: str,
                                             build: Callable[[str, int], str]) -> None:
    counted = sum(COUNTS[f] for f in fields)
    for named in (counted, counted - 1):
        file = tmp_path / f"s{named}.yaml"
        file.write_text(build(option, named), encoding="utf-8")
        motions = load_scenario(file).motions
        division = motions[-1].division
        assert division is not None and len(division.votes) == named


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
