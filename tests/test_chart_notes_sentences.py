"""Every note under a chart is a sentence (a capital letter first, a full stop last), and the chart's
description, which reads the notes one after another, keeps them apart. The note on a chamber that is not the
size its rules profile fixes was a clause written for the end of an explanation ("the scenario's chamber has 120
seats where ...: the scenario's are counted"): under a chart it began in lower case, and a screen reader heard
"... the scenario's are counted The line marks the 61 seats needed".

The chamber below has 120 seats and the rules profile pk-na fixes 342 (Article 51 of Pakistan's
constitution), so each chart of it carries that note."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from whipcount.charts import hemicycle, render_timeline
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text

SVG = "{http://www.w3.org/2000/svg}"
SMALL = """\
id: small
chamber: {name: Test Assembly, rules: pk-na, seats: 120, as_of: 2020-01-01}
parties:
  - {id: a, name: Alpha, seats: 70, side: government}
  - {id: b, name: Beta, seats: 50, side: opposition}
events:
  - {date: 2020-02-01, kind: motion-filed, summary: Filed, source: "https://example.org/f"}
motion: {kind: no-confidence, target: Someone, filed: 2020-02-01, vote: 2020-02-05}
"""
NOTE = "The scenario's chamber has 120 seats where the rules profile 'pk-na' fixes 342 on {day}: the scenario's " \
       "are counted."


def _notes_and_desc(svg: str) -> tuple[str, str]:
    root = ET.fromstring(svg)
    notes = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text") if "note" in (t.get("class") or ""))
    return re.sub(r"\s+", " ", notes), re.sub(r"\s+", " ", "".join(next(root.iter(f"{SVG}desc")).itertext()))


def _charts() -> list[tuple[str, str]]:
    sc = parse_scenario(load_yaml_text(SMALL, "small.yaml"))
    return [(hemicycle(sc).svg, "2020-02-05"), (hemicycle(sc, width=390).svg, "2020-02-05"),
            (render_timeline(sc), "2020-01-30")]  # the first day drawn


@pytest.mark.parametrize("which", [0, 1, 2])
def test_the_note_on_the_chambers_size_is_a_sentence_of_its_own(which: int) -> None:
    svg, day = _charts()[which]
    notes, desc = _notes_and_desc(svg)
    note = NOTE.format(day=day)
    assert note in notes
    assert note in desc
    assert not re.search(r"[a-z] [A-Z][a-z]+ (line|dashed)", desc), desc


def test_the_forecast_charts_note_is_a_sentence_of_its_own(write_scenario, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("chart", str(write_scenario(SMALL)), "--kind", "forecast", "-o", "-")
    assert res.code == 0, res.err
    notes, desc = _notes_and_desc(res.out)
    assert NOTE.format(day="2020-02-05") in notes
    assert "whipcount. " + NOTE.format(day="2020-02-05") in desc
