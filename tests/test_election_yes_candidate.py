"""An election's ``yes`` is the votes of the motion's own candidate, the one it names as ``successor``: where
that name is among the division's candidates, a yes that is not exactly their votes is refused at ``yes``,
naming what was expected (the candidate's votes) and what was found. Before, any yes up to the most votes a
candidate had was taken: a run-off for B (A 3, B 2) recorded with ``yes: 3`` loaded, B's yes read as A's, and
votes a court later excluded from B came off A. A decision that restates the counts is held the same way, to
the counts as it leaves them; and so are a Popolo bundle, a scenario saved to the database and an entry of
the historic votes' dataset. A motion that names no candidate, or one not among the candidates, keeps the
bound: at most the most votes a candidate has.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InputError, InterchangeError, NotFound, WhipcountError
from whipcount.io.historic import parse_historic
from whipcount.io.popolo import dump_popolo, import_popolo
from whipcount.io.scenario import load_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Adjudication, Scenario
from whipcount.storage import Store
from whipcount.tally.cases import judge_division_of

MEMBERS = "".join(f"  - {{id: m{i}, name: Member {i}, party: {'red' if i <= 5 else 'blue'}}}\n" for i in range(1, 10))
HEAD = ("id: el\ntitle: El\nchamber: {name: Test House, rules: pk-na, seats: 9, as_of: 2021-01-01}\nparties:\n"
        "  - {id: red, name: Red, seats: 5, side: government}\n"
        "  - {id: blue, name: Blue, seats: 4, side: opposition}\nmembers:\n" + MEMBERS)
TAIL = "in an election yes is the votes of the candidate the motion names"


def _main(successor: str, yes: int, adjudications: str = "") -> str:
    return (HEAD + f"motion: {{kind: pm-election, successor: {successor}, vote: 2021-03-01}}\ndivision:\n"
            f"  yes: {yes}\n  candidates: {{A: 3, B: 2}}\n" + adjudications)


def _runoff(successor: str, yes: int, adjudications: str = "") -> str:
    return (HEAD + "motion: {kind: no-confidence}\nmotions:\n  - kind: pm-election\n    round: 2\n"
            f"    successor: {successor}\n    vote: 2021-03-01\n    division:\n"
            f"      yes: {yes}\n      candidates: {{A: 3, B: 2}}\n"
            + "".join(f"    {line}\n" for line in adjudications.splitlines()))


def _refused(tmp_path: Path, text: str, marker: str, after: str = "division:") -> tuple[str, str]:
    """The error loading ``text``, and the place it should name: the file and the first line holding
    ``marker`` after the line ``after``."""
    file = tmp_path / "s.yaml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(WhipcountError) as err:
        load_scenario(file)
    lines = [t.strip() for t in text.splitlines()]
    start = lines.index(after)
    line = next(i for i, t in enumerate(lines, 1) if i > start and t == marker)
    return str(err.value), f"{file}:{line}"


def _loads(tmp_path: Path, text: str) -> Scenario:
    file = tmp_path / "s.yaml"
    file.write_text(text, encoding="utf-8")
    return load_scenario(file)


@pytest.mark.parametrize("build, path", [(_main, "division"), (_runoff, "motions[0].division")],
                         ids=["main", "run-off"])
@pytest.mark.parametrize("successor, yes, votes", [("A", 2, 3), ("A", 1, 3), ("B", 3, 2), ("B", 1, 2)])
def test_a_yes_other_than_the_motion_s_candidate_s_votes_is_refused_at_yes(
        tmp_path: Path, build: Any, path: str, successor: str, yes: int, votes: int) -> None:
    said, at = _refused(tmp_path, build(successor, yes), f"yes: {yes}")
    assert said == (f"{at}: {path}.yes: expected {votes} yes, the votes of {successor}, the motion's candidate "
                    f"(its successor), got {yes}: {TAIL}")


@pytest.mark.parametrize("build", [_main, _runoff], ids=["main", "run-off"])
@pytest.mark.parametrize("successor, yes", [("A", 3), ("B", 2)])
def test_a_yes_that_is_the_motion_s_candidate_s_votes_loads(tmp_path: Path, build: Any, successor: str,
                                                          yes: int) -> None:
    motion = _loads(tmp_path, build(successor, yes)).motions[-1]
    assert motion.successor == successor and motion.division is not None and motion.division.yes == yes


@pytest.mark.parametrize("successor", ["C", "a"])  # not among the candidates (names are matched exactly)
def test_a_motion_s_candidate_not_among_the_candidates_keeps_the_bound(tmp_path: Path, successor: str) -> None:
    for yes in (1, 2, 3):
        division = _loads(tmp_path, _main(successor, yes)).motions[0].division
        assert division is not None and division.yes == yes
    said, at = _refused(tmp_path, _main(successor, 4), "yes: 4")
    assert said == (f"{at}: division.yes: expected at most 3 yes, the most votes a candidate has (in an election yes "
                    "is one candidate's votes, those of the motion's candidate), got 4")


def _decisions(*fields: str) -> str:
    """``adjudications:`` with one decision per entry of ``fields`` (its own lines, after a date and a court)."""
    out = "  adjudications:\n"
    for i, f in enumerate(fields):
        out += f"    - date: 2021-04-0{i + 1}\n      by: Court {i + 1}\n" + "".join(
            f"      {line}\n" for line in f.split("\n"))
    return out


RESTATED = [
    # the decision's yes is not what it counts for B (the court gives A 3, B 4: B's yes is 4)
    ("B", _decisions("yes: 3\ncandidates: {A: 3, B: 4}"), "yes: 3", "adjudications[0].yes",
     "expected 4 yes, the votes of B, the motion's candidate (its successor) as the decision counts them, got 3: "
     + TAIL),
    # a yes restated alone leaves the candidates as they were: A's 3
    ("A", _decisions("yes: 1"), "yes: 1", "adjudications[0].yes",
     "expected 3 yes, the votes of A, the motion's candidate (its successor) as the decision counts them, got 1: "
     + TAIL),
    # candidates restated alone leave the yes as it was, 3, where the court gives A 4
    ("A", _decisions("candidates: {A: 4, B: 2}"), "candidates: {A: 4, B: 2}", "adjudications[0].candidates",
     "expected A, the motion's candidate (its successor), to have the 3 yes the decision leaves (give its yes "
     "where it restates it), got 4 votes"),
    # the second decision (by date, the first listed) is held to what the first left: A 3 less 1 excluded is 2
    ("A", _decisions("yes: 3", "excluded: 1").replace("2021-04-01", "2021-05-01"), "yes: 3",
     "adjudications[0].yes",
     "expected 2 yes, the votes of A, the motion's candidate (its successor) as the decision counts them, got 3: "
     + TAIL),
    # a motion naming no candidate among them: a restated yes is at most the most a candidate has
    ("C", _decisions("yes: 5\ncandidates: {A: 4, B: 2}"), "yes: 5", "adjudications[0].yes",
     "expected at most 4 yes, the most votes a candidate has as the decision counts them (in an election yes is "
     "one candidate's votes, those of the motion's candidate), got 5"),
]


@pytest.mark.parametrize("build, path", [(_main, "division"), (_runoff, "motions[0].division")],
                         ids=["main", "run-off"])
@pytest.mark.parametrize("successor, decisions, marker, field, problem", RESTATED,
                         ids=["restated", "yes-alone", "candidates-alone", "in-date-order", "no-candidate"])
def test_a_decision_s_yes_is_held_to_the_motion_s_candidate_s_votes_as_it_counts_them(
        tmp_path: Path, build: Any, path: str, successor: str, decisions: str, marker: str, field: str,
        problem: str) -> None:
    yes = {"A": 3, "B": 2, "C": 3}[successor]
    said, at = _refused(tmp_path, build(successor, yes, decisions), marker, "adjudications:")
    assert said == f"{at}: {path}.{field}: {problem}"


def test_a_decision_restating_the_motion_s_candidate_s_votes_loads(tmp_path: Path) -> None:
    # as the Punjab run-off: the motion's candidate B behind on the day, ahead once the court counts 2 more
    text = _runoff("B", 2, _decisions("yes: 4\ncandidates: {A: 3, B: 4}", "excluded: 1"))
    division = _loads(tmp_path, text).motions[-1].division
    assert division is not None
    adjudicated = division.as_adjudicated()
    assert adjudicated is not None
    assert (adjudicated.yes, dict(adjudicated.candidates)) == (3, {"A": 3, "B": 3})  # B's 4 less the 1 excluded


def test_a_popolo_vote_event_is_held_the_same_way(tmp_path: Path) -> None:
    bundle: dict[str, Any] = json.loads(dump_popolo(_loads(tmp_path, _main("B", 2))))
    counts = bundle["vote_events"][0]["counts"]
    next(c for c in counts if c["option"] == "yes")["value"] = 3  # A's votes, not B's
    with pytest.raises(InterchangeError) as err:
        import_popolo(bundle, "ep.json")
    assert str(err.value) == (f"ep.json: vote_events[0].counts: expected 2 yes, the votes of B, the motion's "
                              f"candidate (its successor), got 3: {TAIL}")


def _with_division(sc: Scenario, **changes: Any) -> Scenario:
    mo = sc.motions[0]
    assert mo.division is not None
    return dataclasses.replace(sc, motions=(dataclasses.replace(mo, division=dataclasses.replace(
        mo.division, **changes)),))


@pytest.mark.parametrize("changes, problem", [
    ({"yes": 3}, f"division.yes: expected 2 yes, the votes of B, the motion's candidate (its successor), got 3: "
                 f"{TAIL}"),
    ({"adjudications": (Adjudication(date=dt.date(2021, 4, 1), by="Court", yes=3,
                                     candidates=(("A", 3), ("B", 4))),)},
     "division.adjudications[0].yes: expected 4 yes, the votes of B, the motion's candidate (its successor) as "
     f"the decision counts them, got 3: {TAIL}"),
], ids=["declared", "restated"])
def test_a_scenario_made_in_python_is_not_stored_with_it(tmp_path: Path, changes: dict[str, Any],
                                                         problem: str) -> None:
    sc = _loads(tmp_path, _main("B", 2))
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with pytest.raises(InputError) as err:
        store.save_scenario(_with_division(sc, **changes))
    assert str(err.value) == f"scenario el: {problem}; nothing was written"
    with pytest.raises(NotFound):
        store.scenario("el")
    store.save_scenario(sc)  # the file's own division fits
    assert store.scenario("el").motions[0].division == sc.motions[0].division


def test_a_historic_vote_is_held_the_same_way() -> None:
    text = ("version: 1\nvotes:\n  - id: x\n    rules: pk-na\n    motion: pm-election\n    date: 2022-04-11\n"
            "    successor: B\n    yes: YES\n    candidates: {A: 3, B: 2}\n    passed: true\n    outcome: o\n"
            "    source: https://e.org\n")
    (vote,) = parse_historic(load_yaml_text(text.replace("YES", "2"), "votes.yaml"))
    assert vote.yes == 2
    with pytest.raises(InputError) as err:
        parse_historic(load_yaml_text(text.replace("YES", "3"), "votes.yaml"))
    assert str(err.value) == ("votes.yaml:8: votes[0].yes: expected 2 yes, the votes of B, the motion's candidate "
                              f"(its successor), got 3: {TAIL}")


# Votes a decision excludes are held to the yes as the decisions before it left it, and checked before the yes
# it leaves: an exclusion larger than that yes is named as such, not as the negative yes it would leave.
OVER = "expected at most the division's 3 yes, got 4 excluded"


@pytest.mark.parametrize("build, path", [(_main, "division"), (_runoff, "motions[0].division")],
                         ids=["main", "run-off"])
@pytest.mark.parametrize("later", ["yes: 3", "candidates: {A: 3, B: 2}", None],
                         ids=["then-yes", "then-candidates", "alone"])
def test_votes_excluded_beyond_the_yes_are_refused_at_excluded(tmp_path: Path, build: Any, path: str,
                                                               later: str | None) -> None:
    decisions = _decisions("excluded: 4", *([later] if later else []))
    said, at = _refused(tmp_path, build("A", 3, decisions), "excluded: 4", "adjudications:")
    assert said == f"{at}: {path}.adjudications[0].excluded: {OVER}"


def test_votes_excluded_are_held_to_the_yes_an_earlier_decision_left(tmp_path: Path) -> None:
    # the first decision leaves B 5 yes (A 3, B 5): 4 of them excluded leave B 1, A still 3
    text = _main("B", 2, _decisions("yes: 5\ncandidates: {A: 3, B: 5}", "excluded: 4"))
    division = _loads(tmp_path, text).motions[0].division
    assert division is not None
    after = division.as_adjudicated(successor="B")
    assert after is not None and (after.yes, dict(after.candidates)) == (5 - 4, {"A": 3, "B": 5 - 4})
    # the first decision leaves B 1 yes: 2 excluded is more than that, though the division declared 2
    said, at = _refused(tmp_path, _main("B", 2, _decisions("yes: 1\ncandidates: {A: 3, B: 1}", "excluded: 2")),
                        "excluded: 2", "adjudications:")
    assert said == (f"{at}: division.adjudications[1].excluded: expected at most the 1 yes the decisions before "
                    "it leave, got 2 excluded")


def test_votes_excluded_come_off_the_motion_s_candidate_alone(tmp_path: Path) -> None:
    # the first decision ties A and B on 3; the 1 vote excluded was cast for B, the motion's candidate
    scenario = _loads(tmp_path, _main("B", 2, _decisions("yes: 3\ncandidates: {A: 3, B: 3}", "excluded: 1")))
    judged = judge_division_of(scenario, scenario.motions[0])
    assert judged is not None and judged.adjudicated is not None
    # an election's outcome counts the leader's votes and the runner-up's: A's 3 (untouched), B's 2
    assert (judged.adjudicated.yes, judged.adjudicated.no) == (3, 2)
    assert "A 3 as declared" not in judged.adjudicated.explanation
    division = scenario.motions[0].division
    assert division is not None
    after = division.as_adjudicated(successor="B")
    assert after is not None and (after.yes, dict(after.candidates)) == (3 - 1, {"A": 3, "B": 3 - 1})


def test_votes_excluded_from_a_tie_no_candidate_of_the_motion_breaks_are_refused(tmp_path: Path) -> None:
    # the motion names C, not among them; the first decision ties A and B on the yes, 3: whose vote went is
    # not known (the division as declared, A 3 and B 2, would have said A's)
    text = _main("C", 3, _decisions("yes: 3\ncandidates: {A: 3, B: 3}", "excluded: 1"))
    said, at = _refused(tmp_path, text, "excluded: 1", "adjudications:")
    assert said == (f"{at}: division.adjudications[1].excluded: expected the yes the decisions before it leave (3) "
                    "to be one candidate's votes, the candidate the excluded votes were cast for, but A and B each "
                    "have 3: give the candidates' votes as the decision counted them")


def _court(day: int, **counts: Any) -> Adjudication:
    return Adjudication(date=dt.date(2021, 4, day), by=f"Court {day}", **counts)


@pytest.mark.parametrize("motion, decisions, problem", [
    ("B", (_court(1, excluded=4), _court(2, yes=2)),
     "division.adjudications[0].excluded: expected at most the division's 2 yes, got 4 excluded"),
    ("B", (_court(1, excluded=4), _court(2, candidates=(("A", 3), ("B", 2)))),
     "division.adjudications[0].excluded: expected at most the division's 2 yes, got 4 excluded"),
    ("B", (_court(1, yes=1, candidates=(("A", 3), ("B", 1))), _court(2, excluded=2)),
     "division.adjudications[1].excluded: expected at most the 1 yes the decisions before it leave, got 2 excluded"),
    ("C", (_court(1, yes=3, candidates=(("A", 3), ("B", 3))), _court(2, excluded=1)),
     "division.adjudications[1].excluded: expected the yes the decisions before it leave (3) to be one candidate's "
     "votes, the candidate the excluded votes were cast for, but A and B each have 3: give the candidates' votes "
     "as the decision counted them"),
], ids=["then-yes", "then-candidates", "after-a-decision", "tied"])
def test_a_scenario_made_in_python_with_votes_excluded_that_do_not_fit_is_not_stored(
        tmp_path: Path, motion: str, decisions: tuple[Adjudication, ...], problem: str) -> None:
    sc = _loads(tmp_path, _main(motion, 2))
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with pytest.raises(InputError) as err:
        store.save_scenario(_with_division(sc, adjudications=decisions))
    assert str(err.value) == f"scenario el: {problem}; nothing was written"
    with pytest.raises(NotFound):
        store.scenario("el")


def test_a_vote_with_no_candidates_and_more_votes_excluded_than_yes_is_not_stored(tmp_path: Path) -> None:
    sc = _loads(tmp_path, HEAD + "motion: {kind: no-confidence, vote: 2021-03-01}\ndivision: {yes: 3, no: 2}\n")
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    with pytest.raises(InputError) as err:
        store.save_scenario(_with_division(sc, adjudications=(_court(1, excluded=4),)))
    assert str(err.value) == ("scenario el: division.adjudications[0].excluded: expected at most the division's 3 yes, "
                              "got 4 excluded; nothing was written")
