"""The timeline names each line's last count with the date it holds on, and that count is the record's.

A fact-checker read "Opposition of 8 March: 177" as the opposition's seats on 8 March (162 by
``whipcount tally``): 177 was the count at the chart's end. Each line is now named "Opposition as it
stood on 8 March" with "177 seats on 12 April". Checked here for every bundled scenario, desktop and
phone, against ``whipcount tally --on DATE --json`` for the date the label names, the sides taken as
they stood on the date it names for them: a ``government-change`` in the scenario file (read as plain
YAML) between the two dates swaps the government and the opposition.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from importlib import resources
from typing import Any

import pytest
import yaml

from conftest import CliResult
from whipcount.charts import render_timeline
from whipcount.io.scenario import bundled_scenarios, load_scenario

SVG = "{http://www.w3.org/2000/svg}"
_DAY = r"\d{1,2} [A-Z][a-z]+(?: \d{4})?"
_END = re.compile(rf"([A-Z][\w-]*) as it stood on ({_DAY}):? (\d+) seats? on ({_DAY})")
_SPAN = re.compile(r"^(\d{1,2} [A-Z][a-z]+ \d{4}) to (\d{1,2} [A-Z][a-z]+ \d{4})")

WINDOWS = [(sid, None, None) for sid in sorted(bundled_scenarios())] + [
    ("pk-na-2022", dt.date(2022, 3, 1), dt.date(2022, 8, 1)),  # the whole log, past the change of government
    ("pk-na-2022", dt.date(2022, 3, 27), dt.date(2022, 4, 1)),
    ("pk-pa-punjab-2022", dt.date(2022, 3, 25), dt.date(2022, 8, 1)),
    ("pk-na-2022", dt.date(2021, 12, 20), dt.date(2022, 4, 12)),  # over two years: the dates carry theirs
]


def _raw_events(sid: str) -> list[dict[str, Any]]:
    path = resources.files("whipcount") / "data" / "scenarios" / f"{sid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data.get("events") or [])


def _date(text: str, year: int) -> dt.date:
    return dt.datetime.strptime(text if re.search(r"\d{4}$", text) else f"{text} {year}", "%d %B %Y").date()


def end_labels(svg: str) -> list[tuple[str, dt.date, int, dt.date]]:
    """(side, the date its sides are taken from, seats, the date of the seats) of every line's label."""
    root = ET.fromstring(svg)
    texts = [" ".join("".join(t.itertext()).split()) for t in root.iter(f"{SVG}text")]
    span = _SPAN.match(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "sub"))
    assert span is not None
    year = _date(span.group(1), 1).year
    return [(side.lower(), _date(ref, year), int(n), _date(day, year))
            for side, ref, n, day in _END.findall(" ".join(texts))]


def sides_as_on(sid: str, ref: dt.date, day: dt.date, tally: dict[str, int]) -> dict[str, int]:
    """``tally`` (the sides on ``day``) named as they stood on ``ref``: swapped by each change of government
    between them."""
    changes = sum(1 for e in _raw_events(sid) if e["kind"] == "government-change" and ref < e["date"] <= day)
    if changes % 2:
        tally = {**tally, "government": tally["opposition"], "opposition": tally["government"]}
    return tally


def test_the_label_is_read_as_written() -> None:
    svg = ('<svg xmlns="http://www.w3.org/2000/svg"><text class="sub">7 March 2022 to 12 April 2022 · x</text>'
           '<text class="end">Opposition</text><text class="endsub">as it stood on 8 March</text>'
           '<text class="endsub">177 seats on 12 April</text></svg>')
    assert end_labels(svg) == [("opposition", dt.date(2022, 3, 8), 177, dt.date(2022, 4, 12))]


@pytest.mark.parametrize(("sid", "start", "end"), WINDOWS)
@pytest.mark.parametrize("width", [None, 360])
def test_each_lines_count_is_the_tally_on_the_date_it_names(
    run_cli: Callable[..., CliResult], sid: str, start: dt.date | None, end: dt.date | None, width: int | None,
) -> None:
    scenario = load_scenario(sid)
    labels = end_labels(render_timeline(scenario, start=start, end=end, width=width))
    assert {side for side, *_ in labels} >= {"government", "opposition"} & set(scenario.chamber.sides)
    for side, ref, seats, day in labels:
        r = run_cli("tally", sid, "--on", day.isoformat(), "--json")
        assert r.code == 0, r.err
        tally = sides_as_on(sid, ref, day, json.loads(r.out)["sides"])
        assert seats == tally[side], f"{side} as it stood on {ref}: {seats} on {day}, the tally says {tally[side]}"


def test_pakistan_names_the_count_of_the_charts_end_not_of_the_filing(run_cli: Callable[..., CliResult]) -> None:
    # the fact-checker's case: on 8 March the opposition had 162 and the government 179
    labels = {side: (n, day) for side, _, n, day in end_labels(render_timeline(load_scenario("pk-na-2022")))}
    assert labels == {"opposition": (177, dt.date(2022, 4, 12)), "government": (164, dt.date(2022, 4, 12))}
    filed = json.loads(run_cli("tally", "pk-na-2022", "--on", "2022-03-08", "--json").out)["sides"]
    assert (filed["opposition"], filed["government"]) == (162, 179)
    assert all(day != dt.date(2022, 3, 8) for _, day in labels.values())
