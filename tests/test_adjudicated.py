"""Votes later adjudicated: a court (or the chamber) can change how a recorded vote is counted after the day.
`outcome` reports the result declared on the day and the result as adjudicated, each judged under the rule
of the day of the vote, with the decision that changed it. The figures come from the record: Punjab's
Chief Minister elections of 16 April 2022 (197 declared; 172 once the Lahore High Court excluded the 25
dissidents on 30 June: a second poll) and 22 July 2022 (Hamza 179 to Elahi 176 as declared, the Deputy
Speaker having excluded 10 PML-Q votes; Elahi 186 once the Supreme Court counted them on 26 July)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from whipcount.errors import WhipcountError
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario
from whipcount.rules import all_constitutions, judge

SCENARIO = "pk-pa-punjab-2022"


def _reports(run_cli, *args: str) -> dict[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    out = json.loads(run_cli("outcome", SCENARIO, *args, "--json").out)
    return {m["id"]: m for m in out["motions"]}


def test_the_first_poll_declared_and_as_adjudicated(run_cli) -> None:  # type: ignore[no-untyped-def]
    m = _reports(run_cli)["cm-election-2022-04-16"]
    assert (m["declared"]["yes"], m["declared"]["needed"], m["declared"]["passed"]) == (197, 186, True)
    adj = m["adjudicated"]
    assert (adj["yes"], adj["needed"], adj["passed"]) == (172, 186, False)
    assert adj["decision"]["date"] == "2022-06-30" and "Lahore High Court" in adj["decision"]["by"]
    assert adj["decision"]["excluded"] == 25 and adj["decision"]["sources"]
    assert "second poll" in adj["explanation"]
    assert m["outcome"]["passed"] is False  # the result that stands


def test_the_run_off_declared_and_as_adjudicated(run_cli) -> None:  # type: ignore[no-untyped-def]
    m = _reports(run_cli)["cm-runoff-2022-07-22"]
    assert (m["declared"]["elected"], m["declared"]["yes"], m["declared"]["no"]) == ("Hamza Shehbaz", 179, 176)
    assert m["adjudicated"]["elected"] == "Pervaiz Elahi" and m["adjudicated"]["yes"] == 186
    assert "Supreme Court" in m["adjudicated"]["decision"]["by"]
    for judged in (m["declared"], m["adjudicated"]):
        assert judged["explanation"].startswith("run-off:")
        assert "no candidate" not in judged["explanation"]


def test_before_the_decision_only_the_declared_result_stands(run_cli) -> None:  # type: ignore[no-untyped-def]
    m = _reports(run_cli, "--on", "2022-06-29")["cm-election-2022-04-16"]
    assert m["adjudicated"] is None and m["outcome"]["passed"] is True


def test_the_text_output_names_both(run_cli) -> None:  # type: ignore[no-untyped-def]
    text = run_cli("outcome", SCENARIO).out
    assert "declared on the day: passed" in text
    assert "as adjudicated by Lahore High Court" in text and "2022-06-30" in text


RUNOFF_RULES = [(c.id, m.kind) for c in all_constitutions() if c.origin == "built-in"
                for m in c.motions if m.runoff is not None]


@pytest.mark.parametrize("rules,kind", RUNOFF_RULES)
def test_a_two_candidate_run_off_elects_whoever_has_more(rules: str, kind: str) -> None:
    """Two candidates, a majority of those voting: whoever has more votes is elected, and the words say
    who; only an exact tie elects nobody."""
    rnd = random.Random(7)
    c = next(c for c in all_constitutions() if c.id == rules)
    m = next(m for m in c.motions if m.kind == kind)
    seats = (c.seats_on(m.start).seats if c.seats_on(m.start) else 400)  # type: ignore[union-attr]
    q = m.runoff.threshold.quorum  # type: ignore[union-attr]
    # a third of 465 is 155, at least (Japan's quorum, Art. 56(1)); none elsewhere
    present = {None: 0, "jp-hr": 155}[rules if q is not None else None]
    for _ in range(40):
        a, b = rnd.randint(0, seats // 2), rnd.randint(0, seats // 2)
        o = judge(rules, kind, yes=0, candidates={"A": a, "B": b}, round=2, seats=seats, on=m.start)
        if a == b or a + b < present:  # a tie, or too few present: nobody is elected
            assert o.elected is None and not o.passed
            continue
        assert o.elected == ("A" if a > b else "B"), o.explanation
        assert o.passed and "no candidate" not in o.explanation and f"{o.elected} " in o.explanation


def test_adjudications_round_trip_through_the_writer(tmp_path: Path) -> None:
    sc = load_scenario(SCENARIO)
    out = tmp_path / "punjab.yaml"
    out.write_text(dump_scenario(sc), encoding="utf-8")
    again = load_scenario(out)
    assert [m.division.adjudications for m in again.motions if m.division] == \
        [m.division.adjudications for m in sc.motions if m.division]


@pytest.mark.parametrize("entry,expected", [
    ("{date: 2022-06-30, by: Court, excluded: 500}", "got 500 excluded"),
    ("{date: 2022-01-01, by: Court, excluded: 5}", "before the vote"),
    ("{date: 2022-06-30, by: Court}", "what it changed"),
])
def test_a_bad_adjudication_is_refused_by_name(tmp_path: Path, entry: str, expected: str) -> None:
    src = _bundled_text()
    bad = src.replace("  adjudications:\n    - date: 2022-06-30", f"  adjudications:\n    - {entry}\n    - date: 2022-06-30", 1)
    path = tmp_path / "bad.yaml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(WhipcountError, match=expected) as err:
        load_scenario(path)
    assert "bad.yaml" in str(err.value) and "adjudications" in str(err.value)


def _bundled_text() -> str:
    from importlib.resources import files

    return (files("whipcount.data") / "scenarios" / f"{SCENARIO}.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("yes,no", [(170, 180), (124, 155), (0, 1)])
def test_a_failed_second_vote_is_named_as_the_second(yes: int, no: int) -> None:
    """Spain, Art. 99(3): a second investiture vote 48 hours later needs more yes than no; when it fails the
    words say so of the second vote, never "not invested in the first vote"."""
    o = judge("es-cd", "investiture", yes=yes, no=no, abstain=0, seats=350, round=2)
    assert not o.passed
    assert o.explanation.startswith("second vote:") and "in the first vote" not in o.explanation
    assert "not invested in the second vote either" in o.explanation  # the run-off's own words, Art. 99(4)-(5)
    first = judge("es-cd", "investiture", yes=yes, no=no, abstain=0, seats=350, round=1)
    assert first.explanation.startswith("first vote:") and "in the first vote" in first.explanation
