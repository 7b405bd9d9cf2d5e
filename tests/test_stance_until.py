"""A stance that ends on a day (``until:``), read by every command that reads a day.

The case, counted by hand: 11 seats, Red 6 (government), Blue 5 (opposition), a no-confidence motion voted
on 10 April 2020 that needs 6 of 11 (pk-na, Art. 95(4)). Rami leaned no from 5 March and said yes from 19 March
until 2 April; Rosa said yes from 19 March until 2 April, with nothing recorded before. So:

* on 1 April: Blue 5 (the opposition's default), Rami and Rosa yes: 7 yes; the other 4 of Red no;
* on 2 April (and the vote's day): Rami's earlier lean-no applies again, Rosa counts with her party: 5 yes,
  1 lean-no, 5 no.

Each command is also held to the same file written without ``until`` (before the end) or without the
ended entries (from the end on): a stance that has ended counts as if it had never been made.
"""

from __future__ import annotations

import datetime as dt
import json
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from svg_seats import seat_circles
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario

HEAD = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-03-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
members:
  - {id: rosa, name: Rosa Red, party: red, side: government}
  - {id: rami, name: Rami Red, party: red, side: government}
motion: {kind: no-confidence, target: Someone, moved: 2020-03-25, vote: 2020-04-10}
stances:
"""
EARLIER = '  - {date: 2020-03-05, member: rami, stance: lean-no, source: "https://example.org/1"}\n'
RAMI = '  - {date: 2020-03-19, member: rami, stance: "yes"UNTIL, source: "https://example.org/2"}\n'
ROSA = '  - {date: 2020-03-19, member: rosa, stance: "yes"UNTIL, source: "https://example.org/3"}\n'
ENDS = ", until: 2020-04-02"

BEFORE, ENDED = "2020-04-01", "2020-04-02"
BY_HAND = {
    BEFORE: {"committed_yes": 7, "lean_no": 0, "committed_no": 4},
    ENDED: {"committed_yes": 5, "lean_no": 1, "committed_no": 5},
}


def _write(tmp_path: Path, name: str, lines: str) -> Path:
    path = tmp_path / name
    path.write_text(HEAD + lines, encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """The case (``ends``), the same entries without ``until`` (``held``), and without the ended ones
    (``gone``)."""
    return {
        "ends": _write(tmp_path, "ends.yaml", EARLIER + (RAMI + ROSA).replace("UNTIL", ENDS)),
        "held": _write(tmp_path, "held.yaml", EARLIER + (RAMI + ROSA).replace("UNTIL", "")),
        "gone": _write(tmp_path, "gone.yaml", EARLIER),
    }


def _json(run_cli: Any, *args: str) -> dict[str, Any]:
    r = run_cli(*args)
    assert r.code == 0, r.err
    return dict(json.loads(r.out))


def _totals(count: dict[str, Any]) -> dict[str, int]:
    return {k: count[k] for k in ("committed_yes", "lean_no", "committed_no")}


@pytest.mark.parametrize("day", [BEFORE, ENDED])
def test_count_on_either_side_of_the_end_agrees_with_the_hand_count(run_cli: Any, files: dict[str, Path],
                                                                    day: str) -> None:
    count = _json(run_cli, "count", str(files["ends"]), "--on", day, "--json")
    assert _totals(count) == BY_HAND[day]
    same = "held" if day == BEFORE else "gone"
    assert _totals(_json(run_cli, "count", str(files[same]), "--on", day, "--json")) == BY_HAND[day]
    stances = {p["member"]: (p["stance"], p["date"], p["until"]) for p in count["positions"] if p["member"]}
    if day == BEFORE:
        assert stances == {"rami": ("yes", "2020-03-19", "2020-04-02"), "rosa": ("yes", "2020-03-19", "2020-04-02")}
    else:  # Rami's earlier entry again; Rosa with the rest of her party
        assert stances == {"rami": ("lean-no", "2020-03-05", None)}


def test_the_vote_day_by_default_counts_without_the_ended_entries(run_cli: Any, files: dict[str, Path]) -> None:
    assert _totals(_json(run_cli, "count", str(files["ends"]), "--json")) == BY_HAND[ENDED]
    count = count_scenario(load_scenario(str(files["ends"])), dt.date.fromisoformat(BEFORE))
    rami = next(p for p in count.positions if p.member == "rami")
    assert rami.why == "2020-03-19 (until 2020-04-02) https://example.org/2"  # the table's "from" column


@pytest.mark.parametrize("day", [BEFORE, ENDED])
def test_forecast_on_either_side_is_the_forecast_without_what_has_ended(run_cli: Any, files: dict[str, Path],
                                                                        day: str) -> None:
    same = "held" if day == BEFORE else "gone"
    ends = _json(run_cli, "forecast", str(files["ends"]), "--on", day, "--json")
    other = _json(run_cli, "forecast", str(files[same]), "--on", day, "--json")
    assert ends["committed_yes"] == BY_HAND[day]["committed_yes"]
    for key in ("p_pass", "median", "interval", "mean_yes"):
        assert ends[key] == other[key], key


@pytest.mark.parametrize("day", [BEFORE, ENDED])
def test_the_seat_chart_by_stance_draws_the_hand_count(run_cli: Any, files: dict[str, Path], tmp_path: Path,
                                                       day: str) -> None:
    out = tmp_path / f"seats-{day}.svg"
    assert run_cli("chart", str(files["ends"]), "--by", "stance", "--on", day, "-o", str(out)).code == 0
    drawn = Counter(seat.get("data-stance") for seat in seat_circles(ET.parse(out).getroot()))
    want = {"yes": BY_HAND[day]["committed_yes"], "lean-no": BY_HAND[day]["lean_no"],
            "no": BY_HAND[day]["committed_no"]}
    assert {k: drawn.get(k, 0) for k in want} == want, drawn


def test_the_forecast_over_dates_reads_each_day(files: dict[str, Path]) -> None:
    # the demo's and the report's figures on several dates count the scenario again on each
    scenario = load_scenario(str(files["ends"]))
    yes = [count_scenario(scenario, dt.date.fromisoformat(d)).committed_yes for d in ("2020-03-18", BEFORE, ENDED, "2020-04-10")]
    assert yes == [5, 7, 5, 5]


def test_until_survives_the_scenario_writer_popolo_and_the_database(run_cli: Any, files: dict[str, Path],
                                                                     tmp_path: Path) -> None:
    original = load_scenario(str(files["ends"]))
    ends = [(s.member, s.date, s.until) for s in original.stances]
    assert ends == [("rami", dt.date.fromisoformat("2020-03-05"), None), ("rami", dt.date.fromisoformat("2020-03-19"), dt.date.fromisoformat(ENDED)),
                    ("rosa", dt.date.fromisoformat("2020-03-19"), dt.date.fromisoformat(ENDED))]
    bundle, back = tmp_path / "b.json", tmp_path / "back.yaml"
    assert run_cli("export", "popolo", str(files["ends"]), "-o", str(bundle)).code == 0
    assert run_cli("import", "popolo", str(bundle), "-o", str(back)).code == 0
    assert [(s.member, s.date, s.until) for s in load_scenario(str(back)).stances] == ends
    db, dumped = f"sqlite:///{tmp_path / 'w.db'}", tmp_path / "dump.yaml"
    assert run_cli("db", "load", str(files["ends"]), "--db", db).code == 0
    assert run_cli("db", "dump", "ends", "--db", db, "-o", str(dumped)).code == 0
    assert sorted((s.member, s.date, s.until) for s in load_scenario(str(dumped)).stances) == sorted(ends)
    for day in (BEFORE, ENDED):
        assert _totals(_json(run_cli, "count", str(dumped), "--on", day, "--json")) == BY_HAND[day]


@pytest.mark.parametrize(("until", "problem"), [
    ("2020-03-19", "expected a day after the stance's date 2020-03-19 (the first day it no longer holds), "
                   "got 2020-03-19"),
    ("2020-03-18", "expected a day after the stance's date 2020-03-19"),
    ("soon", "expected a date as YYYY-MM-DD, got 'soon'"),
])
def test_an_end_not_after_the_start_is_an_error_naming_the_field(run_cli: Any, tmp_path: Path, until: str,
                                                                 problem: str) -> None:
    path = _write(tmp_path, "bad.yaml", EARLIER + RAMI.replace("UNTIL", f", until: {until}"))
    r = run_cli("count", str(path))
    assert r.code == 1 and "Traceback" not in r.err
    assert "bad.yaml:11: stances[1].until: " + problem in r.err, r.err
