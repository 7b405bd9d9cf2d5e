"""An election's ``yes`` is one candidate's votes (the motion's candidate's), so it is at most the most votes any
candidate has: beyond that the file is refused at ``yes`` on every path that reads an election (a scenario's main
motion, its run-off, a Popolo vote event). And an election that leaves ``no`` out is worded without it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError, WhipcountError
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.io.scenario import load_scenario
from whipcount.model import Division

MEMBERS = "".join(f"  - {{id: m{i}, name: Member {i}, party: {'red' if i <= 5 else 'blue'}}}\n" for i in range(1, 10))
HEAD = ("id: el\ntitle: El\nchamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}\nparties:\n"
        "  - {id: red, name: Red, seats: 5, side: government}\n"
        "  - {id: blue, name: Blue, seats: 4, side: opposition}\nmembers:\n" + MEMBERS)
REFUSED = ("expected at most 3 yes, the most votes a candidate has (in an election yes is one candidate's votes, "
           "those of the motion's candidate), got {yes}")


def _main(yes: int) -> str:
    return HEAD + f"motion: {{kind: pm-election}}\ndivision:\n  yes: {yes}\n  candidates: {{A: 3, B: 2}}\n"


def _runoff(yes: int) -> str:
    return (HEAD + "motion: {kind: no-confidence}\nmotions:\n  - kind: pm-election\n    round: 2\n    division:\n"
            f"      yes: {yes}\n      candidates: {{A: 3, B: 2}}\n")


@pytest.mark.parametrize("build, path", [(_main, "division"), (_runoff, "motions[0].division")],
                         ids=["main", "run-off"])
@pytest.mark.parametrize("yes", [4, 5, 6])
def test_a_yes_beyond_every_candidate_s_votes_is_refused_at_yes(tmp_path: Path, build: Any, path: str,
                                                                yes: int) -> None:
    file = tmp_path / "s.yaml"
    text = build(yes)
    file.write_text(text, encoding="utf-8")
    with pytest.raises(WhipcountError) as err:
        load_scenario(file)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if t.strip() == f"yes: {yes}")
    assert str(err.value) == f"{file}:{line}: {path}.yes: {REFUSED.format(yes=yes)}"


@pytest.mark.parametrize("build", [_main, _runoff], ids=["main", "run-off"])
@pytest.mark.parametrize("yes", [2, 3])
def test_a_yes_within_a_candidate_s_votes_loads(tmp_path: Path, build: Any, yes: int) -> None:
    file = tmp_path / "s.yaml"
    file.write_text(build(yes), encoding="utf-8")
    division = load_scenario(file).motions[-1].division
    assert division is not None and division.yes == yes


def test_a_popolo_vote_event_is_held_the_same_way(tmp_path: Path) -> None:
    file = tmp_path / "s.yaml"
    file.write_text(_main(3), encoding="utf-8")
    bundle: dict[str, Any] = json.loads(dump_popolo(load_scenario(file)))
    counts = bundle["vote_events"][0]["counts"]
    next(c for c in counts if c["option"] == "yes")["value"] = 6
    with pytest.raises(InterchangeError) as err:
        import_popolo(bundle, "ep.json")
    assert str(err.value) == f"ep.json: vote_events[0].counts: {REFUSED.format(yes=6)}"


@pytest.mark.parametrize("no, abstain, words", [
    (None, 4, "6 yes and 4 abstaining"),  # no left out: never "None no"
    (None, None, "6 yes"),
    (2, 4, "6 yes, 2 no and 4 abstaining"),
    (None, 1, "the candidates' 8 votes and 1 abstaining"),  # A 6 and B 2: they hold the yes
])
def test_an_election_s_count_in_words_leaves_out_a_no_it_does_not_give(no: int | None, abstain: int | None,
                                                                        words: str) -> None:
    a = 6 if words.startswith("the candidates'") else 3
    d = Division(yes=6, no=no, abstain=abstain, candidates=(("A", a), ("B", 2)))
    assert d.counted_words() == words
