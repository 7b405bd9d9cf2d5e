"""The timeline's threshold follows the bar of each day: on a basis of the members in office it steps with
vacancies and by-elections, on a basis of the total membership it is one line as before.

The chamber: 101 seats, five parties (government A 40 + B 10 = 50, opposition C 35 + D 11 = 46, other E 5).
Three D members resign on 10 February 2024 and C wins two by-elections on 20 June 2024. By hand, "more
than half" of the members:

* in office (``sitting``): 101 sitting until 9 February, more than 50.5 is 51; 98 from 10 February, more than
  49 is 50; 100 from 20 June, more than 50 is 51. So on 1 February the government's 50 is one short of the
  bar, and from 10 February it reaches it;
* of the total membership (``total``): 101 all along, 51 all along.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import write_case
from whipcount.charts import render_timeline
from whipcount.charts.story import coalitions, key_events
from whipcount.charts.timeline_bar import step_bar
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario

SVG = "{http://www.w3.org/2000/svg}"
D = dt.date
SPAN = {"start": D(2023, 6, 1), "end": D(2025, 1, 1)}

RULES = """\
id: toy-BASIS
name: Toy Assembly
country: Nowhere
seats: 101
motions:
  - kind: no-confidence
    threshold: {basis: BASIS, fraction: "1/2", strict: true,
                basis_source: {article: "Art. 1", url: "https://example.org/c#1"}, basis_note: "as written"}
    source: {article: "Art. 1", url: "https://example.org/c#1"}
    effect: the government resigns
"""

CASE = """\
id: toy-BASIS
title: A no confidence vote in the Toy Assembly
chamber: {name: Toy Assembly, rules: rules.yaml, seats: 101, vacancies: 0, as_of: 2023-06-01}
parties:
  - {id: a, name: Party A, short: A, seats: 40, side: government, source: "https://example.org/a"}
  - {id: b, name: Party B, short: B, seats: 10, side: government, source: "https://example.org/b"}
  - {id: c, name: Party C, short: C, seats: 35, side: opposition, source: "https://example.org/c"}
  - {id: d, name: Party D, short: D, seats: 11, side: opposition, source: "https://example.org/d"}
  - {id: e, name: Party E, short: E, seats: 5, side: other, source: "https://example.org/e"}
events:
  - {date: 2024-02-10, kind: resign, party: d, seats: 3, source: "https://example.org/r"}
  - {date: 2024-06-20, kind: by-election, party: c, seats: 2, source: "https://example.org/b"}
motion: {kind: no-confidence, target: the Prime Minister, filed: 2024-03-01, vote: 2024-03-15}
"""

SITTING_BY_HAND = {D(2023, 6, 1): 51, D(2024, 2, 10): 50, D(2024, 6, 20): 51}


def _toy(tmp_path: Path, basis: str, rules: str = RULES) -> Scenario:
    return load_scenario(str(write_case(tmp_path, rules.replace("BASIS", basis), CASE.replace("BASIS", basis))))


def _root(scenario: Scenario, **kw: object) -> ET.Element:
    return ET.fromstring(render_timeline(scenario, **SPAN, **kw))  # type: ignore[arg-type]


def _classed(root: ET.Element, tag: str, cls: str) -> list[ET.Element]:
    return [e for e in root.iter(f"{SVG}{tag}") if cls in (e.get("class") or "").split()]


def _bar_by_day(root: ET.Element) -> dict[dt.date, int]:
    (path,) = _classed(root, "path", "threshold")
    pairs = (item.split(":") for item in (path.get("data-needed") or "").split())
    return {D.fromisoformat(d): int(n) for d, n in pairs}


def _y_at(path: ET.Element, x: float) -> float:
    """The height of a step path (``M x y`` then ``H``/``V`` moves) at ``x``."""
    y, cx, at = 0.0, 0.0, None
    for op, a, b in re.findall(r"([MHV])([-\d.]+)(?: ([-\d.]+))?", path.get("d") or ""):
        if op == "M":
            cx, y = float(a), float(b)
        elif op == "H":
            if cx <= x <= float(a):
                at = y if at is None else at
            cx = float(a)
        else:
            y = float(a)
    assert at is not None, x
    return at


def test_on_a_sitting_basis_the_line_steps_with_the_vacancies_and_the_by_elections(tmp_path: Path) -> None:
    root = _root(_toy(tmp_path, "sitting"))
    assert _bar_by_day(root) == SITTING_BY_HAND
    labels = [t.text for t in _classed(root, "text", "tstep")]
    assert labels == ["51 to pass", "50 to pass", "51 to pass"]  # each stretch says its bar
    key = [t.text for t in root.iter(f"{SVG}text") if t.get("class") in ("tlabel", "endsub")]
    assert key[:2] == ["51 to pass", "from 20 June 2024"]
    assert "50 from 10 February 2024" in " ".join(k or "" for k in key)
    desc = root.find(f"{SVG}desc")
    assert desc is not None and ("51 from 1 June 2023, 50 from 10 February 2024 and 51 from 20 June 2024"
                                 in (desc.text or ""))


def test_on_1_february_the_government_is_drawn_below_the_bar_and_on_it_after_the_resignations(
        tmp_path: Path) -> None:
    root = _root(_toy(tmp_path, "sitting"))
    (bar,) = _classed(root, "path", "threshold")
    (gov,) = _classed(root, "path", "side-government")
    start, end = SPAN["start"], SPAN["end"]
    left, right = 56.0, 960.0 - 190.0  # the desktop plot's ends

    def x(d: dt.date) -> float:
        return left + (right - left) * (d - start).days / (end - start).days

    assert _y_at(gov, x(D(2024, 2, 1))) > _y_at(bar, x(D(2024, 2, 1)))  # 50 under 51: lower on the page
    assert _y_at(gov, x(D(2024, 4, 1))) == pytest.approx(_y_at(bar, x(D(2024, 4, 1))))  # 50 on 50


def test_on_a_total_basis_the_line_is_one_line_at_51_as_before(tmp_path: Path) -> None:
    root = _root(_toy(tmp_path, "total"))
    assert not _classed(root, "path", "threshold") and not _classed(root, "text", "tstep")
    (line,) = _classed(root, "line", "threshold")
    assert line.get("y1") == line.get("y2")
    assert line.findtext(f"{SVG}title") == "51 to pass"
    assert [t.text for t in _classed(root, "text", "tlabel")] == ["51 to pass"]
    desc = root.find(f"{SVG}desc")
    assert desc is not None and "The dashed line marks 51 seats needed." in (desc.text or "")


def test_a_change_of_the_rule_steps_the_line_on_its_day_with_no_event(tmp_path: Path) -> None:
    # a total basis, more than half until the end of 2023, at least three fifths from 1 January 2024: of 101,
    # 51 and then 60.6 rounded up, 61; and no event on 1 January
    versions = RULES.replace("    effect: the government resigns\n",
                             "    effect: the government resigns\n    end: 2024-01-01\n")
    versions += versions[versions.index("  - kind:"):].replace('fraction: "1/2", strict: true',
                                                                'fraction: "3/5", strict: false').replace(
        "    end: 2024-01-01\n", "    start: 2024-01-01\n")
    root = _root(_toy(tmp_path, "total", versions))
    assert _bar_by_day(root) == {D(2023, 6, 1): 51, D(2024, 1, 1): 61}


def test_a_seat_move_crosses_the_threshold_by_the_bar_of_its_day(tmp_path: Path) -> None:
    # the resignations leave the government's 50 where it was, but the bar falls to it: it now has the votes,
    # so the event is always labelled (rank 0), as a move that carries a side across the line
    sc = _toy(tmp_path, "sitting")
    keys = key_events(sc, coalitions(sc), step_bar(sc), *SPAN.values())
    assert {k.event.date: k.rank for k in keys}[D(2024, 2, 10)] == 0
    sc = _toy(tmp_path, "total")
    keys = key_events(sc, coalitions(sc), step_bar(sc), *SPAN.values())
    assert {k.event.date: k.rank for k in keys}[D(2024, 2, 10)] == 1  # 51 all along: 50 stays short


def test_on_a_phone_every_bar_is_in_the_legend_and_no_text_is_small(tmp_path: Path) -> None:
    svg = render_timeline(_toy(tmp_path, "sitting"), width=390, **SPAN)  # type: ignore[arg-type]
    root = ET.fromstring(svg)
    words = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "51 to pass" in words and "from 20 June 2024" in words
    assert "51 from 1 June 2023, 50 from" in words and "10 February 2024" in words
    sizes = {float(m) for m in re.findall(r"font-size:([\d.]+)px", svg)}
    assert min(sizes) >= 13
