"""A motion whose file gives the day it was moved and no filing date is drawn on the timeline from that day, as
every other part asks it (``Motion.opened``: the whip count, the forecast, ``outcome``): its window is the days
around its moving and vote, and its lines are the sides as they stood when it was moved. The timeline had
asked for the filing date alone: such a motion was drawn from the day the record begins, twenty years
before it here, the lines named after the sides of that day (the later opposition drawn as "Government")
and the note saying that no filing date is recorded.

The truth is worked out by hand from the file below: moved on 1 June 2020 and voted on 5 June, a window of 4
days padded by 2 (the least pad) at each end: 30 May to 7 June 2020; the government of 2000 (Blue, 6 seats)
went into opposition on 1 March 2015, so on 1 June 2020 the government is Red's 5 seats."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from whipcount.charts import render_timeline
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text

SVG = "{http://www.w3.org/2000/svg}"
MOVED = """\
id: moved
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2000-01-01}
parties:
  - {id: blue, name: Blue, seats: 6, side: government}
  - {id: red, name: Red, seats: 5, side: opposition}
events:
  - {date: 2015-03-01, kind: government-change, summary: Red forms a government, source: "https://example.org/g"}
  - {date: 2020-06-01, kind: motion-moved, summary: Moved, source: "https://example.org/m"}
motion: {kind: no-confidence, target: Someone, moved: 2020-06-01, vote: 2020-06-05}
"""


def test_a_motion_moved_with_no_filing_date_is_drawn_from_its_moving() -> None:
    svg = render_timeline(parse_scenario(load_yaml_text(MOVED, "moved.yaml")))
    root = ET.fromstring(svg)
    sub = next("".join(t.itertext()) for t in root.iter(f"{SVG}text") if t.get("class") == "sub")
    assert sub.startswith("30 May 2020 to 7 June 2020")
    desc = "".join(next(root.iter(f"{SVG}desc")).itertext())
    assert "Government as it stood on 1 June 2020: 5 seats" in desc
    notes = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text") if "note" in (t.get("class") or ""))
    assert "as they stood when the motion was moved on 1 June 2020" in re.sub(r"\s+", " ", notes)
    assert "no filing date" not in notes
