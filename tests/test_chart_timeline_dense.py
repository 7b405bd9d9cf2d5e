"""A dense log: fifteen one-seat moves a day, back and forth across the line, for ten days.

Each event had a marker of its own, one lane under another (fifteen lanes on the desktop, over a hundred
on a phone: a chart 4,506 units tall around a plot of 300), and each crossing of the day its label
(seven stacked on one date). Now the events of one day that look alike share a marker, and only where a
day leaves the sides, on the other side of the line from where it found them, is it labelled: worked out
here by replaying the moves by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from whipcount.charts import render_timeline
from whipcount.io.scenario import load_scenario

SVG = "{http://www.w3.org/2000/svg}"
FIRST = dt.date(2024, 1, 11)
DAYS, PER_DAY, BAR = 10, 15, 101  # 200 seats: 101 to pass (a majority of the total membership)


def _moves() -> list[tuple[dt.date, str]]:
    """(date, the party moving one seat): Alpha to the opposition, then Beta to the government, in turn."""
    return [(FIRST + dt.timedelta(d), "a" if i % 2 == 0 else "b") for d in range(DAYS) for i in range(PER_DAY)]


def _head(sid: str, title: str) -> list[str]:
    """A chamber of 200: Alpha's 101 seats in government, Beta's 99 in opposition, the motion filed."""
    return [f"id: {sid}", f"title: {title}",
            "chamber: {name: Test Assembly, rules: pk-na, seats: 200, vacancies: 0, as_of: 2024-01-01}",
            "parties:",
            '  - {id: a, name: Alpha, seats: 101, side: government, source: "https://example.org/a"}',
            '  - {id: b, name: Beta, seats: 99, side: opposition, source: "https://example.org/b"}',
            "events:",
            '  - {date: 2024-01-10, kind: motion-filed, summary: Motion filed, source: "https://example.org/m"}']


def _write(tmp_path: Path) -> Path:
    lines = _head("dense", "A dense log")
    for i, (day, party) in enumerate(_moves()):
        to = "opposition" if party == "a" else "government"
        lines.append(f"  - {{date: {day.isoformat()}, kind: switch-side, seats: 1, summary: Move {i}, party: {party}, "
                     f'to: {to}, source: "https://example.org/e"}}')
    lines.append("motion: {kind: no-confidence, target: PM, filed: 2024-01-10, vote: 2024-02-01}")
    path = tmp_path / "dense.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _net_crossing_days() -> list[dt.date]:
    """The days that end with a side on the other side of the bar from where it began them, by hand."""
    gov, opp, out = 101, 99, []
    for d in range(DAYS):
        day = FIRST + dt.timedelta(d)
        start = (gov >= BAR, opp >= BAR)
        for when, party in _moves():
            if when == day:
                gov, opp = (gov - 1, opp + 1) if party == "a" else (gov + 1, opp - 1)
        if (gov >= BAR, opp >= BAR) != start:
            out.append(day)
    return out


@pytest.mark.parametrize("width", [None, 390])
def test_a_day_of_moves_is_one_marker_and_only_its_net_crossing_is_labelled(tmp_path: Path,
                                                                              width: int | None) -> None:
    root = ET.fromstring(render_timeline(load_scenario(str(_write(tmp_path))), width=width))
    marks = [c for c in root.iter(f"{SVG}circle") if "event" in (c.get("class") or "").split()]
    assert len(marks) == DAYS + 1  # the filing, and one marker a day
    assert sorted(int(c.get("data-events") or 0) for c in marks) == [1] + [PER_DAY] * DAYS
    lanes = {c.get("cy") for c in marks}
    assert len(lanes) <= 2, lanes
    height = float((root.get("viewBox") or "").split()[3])
    assert height < 700, height  # before: 4,506 on a phone
    desc = "".join(next(root.iter(f"{SVG}desc")).itertext())
    labelled = re.search(r"Labelled: (.*?)\.(?: |$)", desc)
    assert labelled is not None
    days = [dt.datetime.strptime(part.split(", ")[0], "%d %B %Y").date() for part in labelled.group(1).split("; ")]
    assert _net_crossing_days() == [FIRST, FIRST + dt.timedelta(1)]  # the hand replay: days 1 and 2
    assert days == [dt.date(2024, 1, 10), *_net_crossing_days()]  # the filing, then each net crossing once


def _daily_year(tmp_path: Path) -> tuple[Path, list[tuple[dt.date, str]]]:
    """A move a day, Alpha to the opposition and back in turn, with a statement on the days between: 300
    days from 11 January 2024. Alpha's 101 seats are the bar, so every move crosses the line."""
    lines = _head("daily", "A move a day")
    moves = []
    for d in range(300):
        day = FIRST + dt.timedelta(d)
        if d % 2:
            lines.append(f'  - {{date: {day.isoformat()}, kind: statement, summary: Said {d}, source: "https://e.org/s"}}')
            continue
        to = "opposition" if d % 4 == 0 else "government"
        moves.append((day, to))
        lines.append(f"  - {{date: {day.isoformat()}, kind: switch-side, seats: 1, summary: Move {d}, party: a, "
                     f'to: {to}, source: "https://example.org/e"}}')
    lines.append("motion: {kind: no-confidence, target: PM, filed: 2024-01-10, vote: 2024-02-01}")
    path = tmp_path / "daily.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, moves


@pytest.mark.parametrize("width", [None, 390])
def test_a_year_of_daily_events_keeps_a_row_of_markers_a_look(tmp_path: Path, width: int | None) -> None:
    """On a phone a day is about a unit wide: a marker a day of each look filled fourteen lanes. Markers of
    one look that would overlap share one now (their counts add up to the log's 301 events), so there are
    no more lanes than looks (moves, statements and the filing: two), and the 150 crossings do not claim a
    label each: three whatever the room (those that held longest), the rest only where there is room."""
    path, moves = _daily_year(tmp_path)
    root = ET.fromstring(render_timeline(load_scenario(str(path)), width=width, start=dt.date(2024, 1, 1),
                                         end=dt.date(2024, 12, 31)))
    marks = [c for c in root.iter(f"{SVG}circle") if "event" in (c.get("class") or "").split()]
    assert sum(int(c.get("data-events") or 0) for c in marks) == 1 + 300
    assert len({c.get("cy") for c in marks}) <= 2
    for look in ("seats", "procedural"):  # markers of one look never overlap
        xs = sorted(float(c.get("cx") or 0) for c in marks if look in (c.get("class") or "").split())
        assert all(b - a >= 11 for a, b in zip(xs, xs[1:], strict=False)), look
    desc = "".join(next(root.iter(f"{SVG}desc")).itertext())
    labelled = re.search(r"Labelled: (.*?)\.(?: |$)", desc)
    assert labelled is not None
    crossings = [p for p in labelled.group(1).split("; ") if "Alpha to the" in p]
    assert len(crossings) >= 3, crossings
    last_day = moves[-1][0]  # the crossing that held to the end is among those always labelled (it had been
    assert any(last_day.strftime("%-d %B %Y") in p for p in crossings)  # left out: labels piled on the first)
