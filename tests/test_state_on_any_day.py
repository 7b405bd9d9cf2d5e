"""The state on any date, checked as a fact-checker would: every bundled scenario's file replayed by hand
(:mod:`hand_replay`, written from the README's table of events) on every event's day, the day before it and
every vote day, against ``whipcount tally --on DATE --json``; the timeline's points against the same hand
count; and a file of the awkward days (a leap day's death and the by-election that fills the seat, a split and
the merger that undoes it, a defection on the day of the vote, a change of government after it) counted the
same on the vote day by every command and the dashboard: the count on a day includes that day's events.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CliResult
from hand_replay import SWAP, days_to_check, on
from whipcount.io.scenario import bundled_scenarios

BUNDLED = sorted(bundled_scenarios())


def _bundled(sid: str) -> dict[str, Any]:
    text = resources.files("whipcount.data.scenarios").joinpath(f"{sid}.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _tally(run_cli: Callable[..., CliResult], scenario: str, day: dt.date) -> dict[str, Any]:
    r = run_cli("tally", scenario, "--on", day.isoformat(), "--json")
    assert r.code == 0, r.err
    return dict(json.loads(r.out))


def _agrees(got: dict[str, Any], data: dict[str, Any], day: dt.date) -> None:
    hand = on(data, day)
    assert got["date"] == day.isoformat()
    assert {p["id"]: {s: n for s, n in p["by_side"].items() if n} for p in got["parties"] if p["seats"]} == hand.parties(), day
    assert {s: n for s, n in got["sides"].items() if n} == hand.sides(), day
    assert got["vacancies"] == hand.vacant, day


@pytest.mark.parametrize("sid", BUNDLED)
def test_tally_on_every_event_day_is_the_file_replayed_by_hand(sid: str, run_cli: Callable[..., CliResult]) -> None:
    data = _bundled(sid)
    for day in days_to_check(data):
        _agrees(_tally(run_cli, sid, day), data, day)


def _timeline_points(svg: str) -> dict[str, dict[str, int]]:
    points: dict[str, dict[str, int]] = {}
    for side, seats in re.findall(r'class="series side-([a-z-]+)"[^>]*data-seats="([^"]*)"', svg):
        for item in seats.split():
            day, n = item.split(":")
            points.setdefault(day, {})[side] = int(n)
    return points


def _check_timeline(data: dict[str, Any], svg: str, first: dt.date, last: dt.date) -> None:
    """The lines have a point on the first day drawn and on every day with an event up to ``last``, no other,
    each the hand count of that day (the government and the opposition swapped by each change of government
    after the filing date: the lines keep the sides of the filing date)."""
    points = _timeline_points(svg)
    event_days = {e["date"] for e in data["events"] if first < e["date"] <= last}
    assert sorted(points) == sorted(d.isoformat() for d in {first} | event_days)
    ref = (data.get("motion") or {}).get("filed") or data["chamber"]["as_of"]
    changes = [e["date"] for e in data["events"] if e["kind"] == "government-change"]
    for day, sides in points.items():
        d = dt.date.fromisoformat(day)
        want = on(data, d).sides()
        if sum(ref < c <= d for c in changes) % 2:
            want = {SWAP.get(s, s): n for s, n in want.items()}
        assert {s: n for s, n in sides.items() if n} == {s: n for s, n in want.items() if s in sides}, day


@pytest.mark.parametrize("sid", BUNDLED)
def test_the_timeline_s_points_are_the_event_days_counted_by_hand(sid: str,
                                                                   run_cli: Callable[..., CliResult]) -> None:
    data = _bundled(sid)
    as_of = data["chamber"]["as_of"]
    last = max(e["date"] for e in data["events"])
    r = run_cli("chart", sid, "--kind", "timeline", "--from", as_of.isoformat(),
                "--to", (last + dt.timedelta(days=3)).isoformat(), "-o", "-")
    assert r.code == 0, r.err
    _check_timeline(data, r.out, as_of, last)


EDGE = """\
id: awkward-days
title: Awkward days
chamber: {name: Test Chamber, rules: pk-na, seats: 342, vacancies: 0, as_of: 2024-02-01,
          sides: [government, opposition, other]}
parties:
  - {id: a, name: Party A, short: A, seats: 170, side: government, source: "https://example.org/a"}
  - {id: b, name: Party B, short: B, seats: 160, side: opposition, source: "https://example.org/b"}
  - {id: c, name: Party C, short: C, seats: 12, side: other, source: "https://example.org/c"}
members:
  - {id: m1, name: Member One, party: a, source: "https://example.org/m"}
events:
  - {date: 2024-01-20, kind: statement, summary: before the seats hold, source: "https://example.org/e"}
  - {date: 2024-02-29, kind: death, party: a, members: [m1], source: "https://example.org/e"}
  - {date: 2024-02-29, kind: by-election, party: b, source: "https://example.org/e"}
  - {date: 2024-03-05, kind: split, party: c, seats: 4, new_party: {id: d, name: Party D}, source: "https://example.org/e"}
  - {date: 2024-03-05, kind: switch-side, party: d, to: opposition, source: "https://example.org/e"}
  - {date: 2024-03-10, kind: merge, parties: [c, d], into: c, source: "https://example.org/e"}
  - {date: 2024-03-12, kind: motion-filed, source: "https://example.org/e"}
  - {date: 2024-03-20, kind: defect, party: a, seats: 5, to: opposition, source: "https://example.org/e"}
  - {date: 2024-03-20, kind: vote, source: "https://example.org/e"}
  - {date: 2024-03-21, kind: government-change, source: "https://example.org/e"}
motion: {kind: no-confidence, target: PM, filed: 2024-03-12, vote: 2024-03-20}
stances:
  - {date: 2024-03-12, party: c, stance: yes, until: 2024-03-20, source: "https://example.org/s"}
"""


@pytest.fixture
def edge(write_scenario: Callable[[str], Path]) -> tuple[Path, dict[str, Any]]:
    return write_scenario(EDGE), dict(yaml.safe_load(EDGE))


def test_the_awkward_days_are_counted_as_the_file_says(edge: tuple[Path, dict[str, Any]],
                                                       run_cli: Callable[..., CliResult]) -> None:
    path, data = edge
    for day in [*days_to_check(data), dt.date(2024, 2, 28), dt.date(2099, 12, 31)]:
        _agrees(_tally(run_cli, str(path), day), data, day)
    # by hand: A 170 - m1 - 5 defectors = 164 on the government side; B 160 + the by-election 161, with
    # C's 4 (split off as D, moved across, merged back) and the 5 defectors 170 in opposition; C's 8 other
    vote = _tally(run_cli, str(path), dt.date(2024, 3, 20))
    assert vote["sides"] == {"government": 164, "opposition": 170, "other": 8}
    r = run_cli("tally", str(path), "--on", "2024-01-31")
    assert r.code == 1 and "2024-02-01" in r.err and "Traceback" not in r.err


def test_every_surface_counts_the_vote_day_s_own_events(edge: tuple[Path, dict[str, Any]],
                                                        run_cli: Callable[..., CliResult]) -> None:
    """The five who cross on the day of the vote are on the opposition's side in every count of that day."""
    path, _ = edge
    r = run_cli("count", str(path), "--format", "json")  # the vote day, by default
    assert r.code == 0, r.err
    count = json.loads(r.out)
    assert count["date"] == "2024-03-20"
    # the opposition's default on a no-confidence motion is yes; C's stance ended on the day (`until`). The five
    # crossed the floor in March 2024, when Art. 63A did not count a vote against the party's direction (from
    # the Supreme Court's opinion of 17 May 2022 to its review of 3 October 2024): 165 yes count, the five apart
    assert (count["committed_yes"], count["undecided"], count["committed_no"]) == (165, 8, 164)
    assert (count["crossed"]["seats"], count["crossed"]["counted"]) == (5, False)
    assert run_cli("tally", str(path), "--json").out == run_cli("tally", str(path), "--on", "2024-03-20",
                                                                 "--json").out
    r = run_cli("outcome", str(path), "--on", "2024-03-20")
    assert r.code == 0, r.err
    assert "government 164, opposition 170, other 8" in r.out
    r = run_cli("chart", str(path), "--on", "2024-03-20", "-o", "-")
    assert r.code == 0, r.err
    assert "Opposition 170:" in r.out and "Government 164:" in r.out
    r = run_cli("compare", str(path), "--on-a", "2024-03-19", "--on-b", "2024-03-20", "--json")
    assert r.code == 0, r.err
    both = json.loads(r.out)
    assert (both["a"]["sides"]["opposition"], both["b"]["sides"]["opposition"]) == (165, 170)


def test_the_dashboard_counts_the_vote_day_s_own_events(edge: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from whipcount.io.scenario import load_scenario
    from whipcount.storage import Store
    from whipcount.web.app import create_app

    path, data = edge
    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    try:
        store.save_scenario(load_scenario(path))
        app = create_app(store.url, store=store, secret="test-secret-" + "x" * 40, public_read=True, fail_delay=0.0)
        c = TestClient(app)
        for day in days_to_check(data):
            board = c.get(f"/api/scenarios/awkward-days/dashboard?on={day.isoformat()}").json()
            hand = on(data, day)
            assert {s: n for s, n in board["sides"].items() if n} == hand.sides(), day
            assert board["vacancies"] == hand.vacant, day
    finally:
        store.close()


def test_the_timeline_of_the_awkward_days(edge: tuple[Path, dict[str, Any]], run_cli: Callable[..., CliResult]) -> None:
    path, data = edge
    r = run_cli("chart", str(path), "--kind", "timeline", "--from", "2024-02-01", "--to", "2024-03-25", "-o", "-")
    assert r.code == 0, r.err
    _check_timeline(data, r.out, dt.date(2024, 2, 1), dt.date(2024, 3, 21))


def _long_log() -> str:
    """Four hundred one-seat moves over some 235 days, most days one, some several, as a hand would write them."""
    held = {"a": {"government": 170}, "b": {"opposition": 160}, "c": {"other": 12}}
    lines, day, sides = [], dt.date(2024, 2, 1), ["government", "opposition", "other"]
    for i in range(400):
        day += dt.timedelta(days=(i * 7) % 3 if i % 5 else 0)
        party = "abc"[i % 3]
        src = max(held[party], key=lambda s: held[party][s])
        to = sides[(sides.index(src) + 1 + i % 2) % 3]
        held[party][src] -= 1
        held[party][to] = held[party].get(to, 0) + 1
        lines.append(f"  - {{date: {day}, kind: switch-side, party: {party}, seats: 1, from_side: {src}, to: {to}, "
                     f'source: "https://example.org/{i}"}}')
    lines.insert(0, '  - {date: 2024-02-01, kind: motion-filed, source: "https://example.org/filed"}')
    lines.append(f'  - {{date: {day}, kind: vote, source: "https://example.org/vote"}}')
    head = EDGE.split("members:")[0]
    return (head.replace("awkward-days", "long-log") + "events:\n" + "\n".join(lines)
            + f"\nmotion: {{kind: no-confidence, target: PM, filed: 2024-02-01, vote: {day}}}\n")


def test_a_long_log_keeps_every_point_and_marker(write_scenario: Callable[[str], Path],
                                                 run_cli: Callable[..., CliResult]) -> None:
    from whipcount.charts.textwidth import text_width

    text = _long_log()
    data = dict(yaml.safe_load(text))
    path = write_scenario(text)
    last = max(e["date"] for e in data["events"])
    r = run_cli("chart", str(path), "--kind", "timeline", "-o", "-")
    assert r.code == 0, r.err
    svg = r.out
    assert len({e["date"] for e in data["events"]}) > 150
    _check_timeline(data, svg, data["chamber"]["as_of"], last)
    # every event is in a marker (a marker of several says how many), and no two event labels overlap
    assert sum(int(n) for n in re.findall(r'data-events="(\d+)"', svg)) == len(data["events"])
    boxes = []
    for m in re.finditer(r'<text x="([\d.]+)" y="([\d.]+)" class="elabel"(?: text-anchor="(\w+)")?>([^<]*)<', svg):
        x, y, width = float(m[1]), float(m[2]), text_width(m[4], 11)
        x0 = {"end": x - width, "middle": x - width / 2}.get(m[3] or "", x)
        boxes.append((x0, x0 + width, y - 11, y + 2))
    assert boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not (a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]), (a, b)
