"""The timeline says what happened in the event log's words: a marker's hover title names the kind of event
as the report's and the dashboard's event tables do ("Left a party", not "leave-party"); a label of a member
who left a party says so and names the member, not a party "independent"; and a side too small for the seat
axis has its seats drawn under the dates at the start and at each change, not only its last count in the
margin."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from whipcount.charts import render_timeline
from whipcount.io.scenario import bundled_scenarios, load_scenario

SVG = "{http://www.w3.org/2000/svg}"

def _titles(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for c in root.iter(f"{SVG}circle") for t in c.iter(f"{SVG}title")]


def _texts(svg: str, cls: str | None = None) -> list[str]:
    root = ET.fromstring(svg)
    return [t.text or "" for t in root.iter(f"{SVG}text") if cls is None or t.get("class") == cls]


@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_a_marker_names_its_kind_of_event_in_words(sid: str) -> None:
    sc = load_scenario(sid)
    kinds = {e.kind for e in sc.events}
    for title in _titles(render_timeline(sc)):
        for head in re.findall(r"^\d+ \w+ \d{4} · (.+)$", title, flags=re.M):
            assert head not in kinds, (sid, head)
            assert re.fullmatch(r"[A-Z][a-z]+( [a-z]+)*", head), (sid, head)
    if "leave-party" in kinds:  # Wilhelm Helms, 23 April 1972
        assert any("23 April 1972 · Left a party" in t for t in _titles(render_timeline(sc))), sid


def test_leaving_a_party_is_labelled_as_it_happened(tmp_path: Path) -> None:
    """Ann leaves Red and sits with the opposition (the government falls to 5 of 11, under the 6 needed);
    she goes back to the government as an independent; Bob leaves Red for Blue, on the opposition's side."""
    case = tmp_path / "case.yaml"
    case.write_text("""\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, short: Red, seats: 6, side: government}
  - {id: blue, name: Blue Party, short: Blue, seats: 5, side: opposition}
members:
  - {id: ann, name: Ann Example, party: red}
  - {id: bob, name: Bob Example, party: red}
events:
  - {date: 2020-02-01, kind: leave-party, party: red, members: [ann], to: opposition, source: "https://example.org/a"}
  - {date: 2020-02-03, kind: switch-side, party: independent, members: [ann], to: government, source: "https://example.org/b"}
  - {date: 2020-02-04, kind: leave-party, party: red, members: [bob], to_party: blue, to: opposition, source: "https://example.org/c"}
motion: {kind: no-confidence, target: Someone, moved: 2020-01-20, vote: 2020-02-05}
""", encoding="utf-8")
    svg = render_timeline(load_scenario(str(case)))
    labels = _texts(svg, "elabel")
    assert "Ann Example leaves Red as an independent (opposition +1)" in labels
    assert "Ann Example to the government (+1)" in labels
    assert "Bob Example leaves Red for Blue (opposition +1)" in labels
    assert not [label for label in labels if "independent to" in label or label.startswith("Red to")]
    assert any("3 February 2020 · Changed sides\nAnn Example of Independents to the government" in t
               for t in _titles(svg))


def test_a_side_below_the_axis_is_drawn_with_its_changes() -> None:
    """Spain, 2018 (es-cd-2018.yaml): the parties on neither side held 38 seats when the motion was filed on
    25 May; the PNV's five went over to the opposition on 31 May, leaving 33. The axis starts at 130, so
    'other' is drawn under the dates: 38 at the start, 33 (-5) on 31 May, at that day's x."""
    sc = load_scenario("es-cd-2018")
    for width in (None, 390):
        svg = render_timeline(sc, width=width)
        root = ET.fromstring(svg)
        row = {t.text: float(t.get("x") or 0) for t in root.iter(f"{SVG}text") if t.get("class") == "tick"}
        assert "Other 38 seats" in row and "33 (-5)" in row, width
        ticks = [float(t.get("x1") or 0) for t in root.iter(f"{SVG}line") if t.get("class") == "below-tick"]
        assert len(ticks) == 1, width
        day = next(float(c.get("cx") or 0) for c in root.iter(f"{SVG}circle")
                   if "".join(c.itertext()).startswith("31 May 2018 · "))
        assert abs(ticks[0] - day) < 0.5, width  # the change is drawn on the day of the PNV's move
