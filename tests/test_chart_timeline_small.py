"""Timelines of small chambers: the threshold stays in sight and is named as the threshold, a count of one
reads "1 seat", and the seat axis ends at the chamber's size.

A chamber of three seats, two of them the government's, needs two to pass (a majority of the total
membership under Pakistan's rules): the government's line lies exactly on the threshold. The threshold
was drawn under it and hidden, its words "2 to pass" sat at the end of the government's line as if they
named it, the opposition's single seat read "1 seats", and the axis ran to 8 (for 100 seats, to 110).
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from whipcount.charts import render_forecast, render_timeline
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario

SVG = "{http://www.w3.org/2000/svg}"

CASE = """\
id: small-{seats}
title: A small chamber
chamber: {{name: Test Assembly, rules: pk-na, seats: {seats}, vacancies: 0, as_of: 2024-01-01}}
parties:
  - {{id: a, name: Alpha, seats: {gov}, side: government, source: "https://example.org/a"}}
  - {{id: b, name: Beta, seats: {opp}, side: opposition, source: "https://example.org/b"}}
events:
  - {{date: 2024-01-10, kind: motion-filed, summary: Motion filed, source: "https://example.org/m"}}
motion: {{kind: no-confidence, target: PM, filed: 2024-01-10, vote: 2024-02-01}}
"""


def _scenario(tmp_path: Path, gov: int, opp: int) -> Scenario:
    path = tmp_path / "case.yaml"
    text = CASE.format(seats=gov + opp, gov=gov, opp=opp)
    if opp == 0:  # a party of no seats is refused: the chamber is the government alone
        text = "\n".join(line for line in text.splitlines() if "id: b," not in line) + "\n"
    path.write_text(text, encoding="utf-8")
    return load_scenario(str(path))


def _texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def _words(el: ET.Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _ticks(root: ET.Element) -> list[int]:
    """The seat axis's labels (right-aligned at its left), bottom to top."""
    vals = [(float(t.get("y", "0")), int(_words(t))) for t in _texts(root)
            if t.get("class") == "tick" and t.get("text-anchor") == "end" and _words(t).isdigit()]
    return [v for _, v in sorted(vals, reverse=True)]


def test_the_threshold_is_painted_over_the_line_that_lies_on_it(tmp_path: Path) -> None:
    root = ET.fromstring(render_timeline(_scenario(tmp_path, 2, 1)))
    order = [el for el in root.iter() if "series" in (el.get("class") or "").split()
             or "threshold" in (el.get("class") or "").split() and el.tag in (f"{SVG}line", f"{SVG}path")]
    kinds = ["threshold" if "threshold" in (el.get("class") or "") else "series" for el in order]
    assert kinds.count("threshold") == 1 and kinds.count("series") == 2
    threshold = next(el for el in order if "threshold" in (el.get("class") or ""))
    government = next(el for el in order if "side-government" in (el.get("class") or ""))
    ys = {float(v) for v in re.findall(r"[ V](-?[\d.]+)", government.get("d", ""))}
    assert ys == {float(threshold.get("y1", "nan"))}  # the government's line lies on the threshold all along
    assert kinds[-1] == "threshold", "the threshold must come after (over) every side's line"


def test_the_words_of_the_threshold_follow_a_sample_of_its_dashed_line(tmp_path: Path) -> None:
    root = ET.fromstring(render_timeline(_scenario(tmp_path, 2, 1)))
    label = next(t for t in _texts(root) if _words(t) == "2 to pass")
    lx, ly = float(label.get("x", "0")), float(label.get("y", "0"))
    plot_end = float(next(el for el in root.iter(f"{SVG}line")
                          if el.get("class") == "threshold").get("x2", "0"))
    samples = [el for el in root.iter(f"{SVG}line") if el.get("class") in ("threshold", "tsample")
               and float(el.get("x1", "0")) > plot_end]  # in the right margin, not the line itself
    assert len(samples) == 1
    s = samples[0]
    assert float(s.get("x2", "0")) < lx and abs(float(s.get("y1", "0")) - ly) < 10


def test_one_seat_reads_1_seat_in_the_labels_the_description_and_the_forecast(tmp_path: Path) -> None:
    root = ET.fromstring(render_timeline(_scenario(tmp_path, 2, 1)))
    words = " ".join(_words(t) for t in _texts(root))
    desc = _words(next(root.iter(f"{SVG}desc")))
    assert "1 seat on" in words and "1 seat on" in desc and "1 event." in desc
    for said in (words, desc):
        assert not re.search(r"\b1 (seats|events)\b", said), said
    phone = ET.fromstring(render_timeline(_scenario(tmp_path, 2, 1), width=390))
    assert not re.search(r"\b1 seats\b", " ".join(_words(t) for t in _texts(phone)))
    fc = ET.fromstring(render_forecast([0.5, 0.5], needed=1))
    said = " | ".join([*(_words(t) for t in _texts(fc)), _words(next(fc.iter(f"{SVG}desc")))])
    assert "1 yes vote needed" in said and "1 vote needed" in said
    assert not re.search(r"\b1 (yes )?votes\b", said), said


def test_the_report_says_1_seat(tmp_path: Path) -> None:
    from whipcount.report import build_report

    html = build_report(_scenario(tmp_path, 2, 1))
    assert "1 seat on" in html
    assert not re.search(r"\b1 seats\b", html)


@pytest.mark.parametrize(("gov", "opp", "top"), [
    (2, 1, 3),  # three seats: 0, 1, 2, 3 (before: 0 to 8)
    (100, 0, 100),  # a hundred seats, every one the government's: 40 to 100 (before: to 110)
])
def test_the_seat_axis_ends_at_the_chamber_size(tmp_path: Path, gov: int, opp: int, top: int) -> None:
    for width in (None, 390):
        ticks = _ticks(ET.fromstring(render_timeline(_scenario(tmp_path, gov, opp), width=width)))
        assert ticks[-1] == top, ticks
        assert ticks[-1] - (ticks[-1] - ticks[-2]) < gov + opp <= ticks[-1]


@pytest.mark.parametrize(("end", "outside"), [(dt.date(2022, 6, 30), 1), (dt.date(2022, 4, 30), 2)])
def test_the_events_left_outside_are_counted_in_words(end: dt.date, outside: int) -> None:
    """Pakistan's log runs to 11 May and 28 July 2022 after the change of government: a window to 30 June
    leaves one event out, one to 30 April two."""
    sc = load_scenario("pk-na-2022")
    assert sum(1 for e in sc.events if e.date > end) == outside
    svg = render_timeline(sc, start=dt.date(2022, 3, 1), end=end)
    words = " ".join(ET.fromstring(svg).itertext())
    expected = "1 event of the log falls outside" if outside == 1 else f"{outside} events of the log fall outside"
    assert expected in " ".join(words.split()) and "event(s)" not in words
