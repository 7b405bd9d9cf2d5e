"""A party that a split creates is named by its name wherever an event is told, as the report's event table
and the chart's hover titles name it: the timeline's labels had written its id ("rebels to the opposition
(+4)"), as had the command line's event table. The truth is the ``new_party.name`` the file gives."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from rich.console import Console

from whipcount.charts import render_timeline
from whipcount.cli.tally import events_table
from whipcount.io.scenario import load_scenario

SPLIT = """\
id: split-case
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
events:
  - {date: 2020-02-01, kind: split, party: red, seats: 2, new_party: {id: rebels, name: Red Rebels},
     source: "https://example.org/a"}
  - {date: 2020-02-03, kind: switch-side, party: rebels, to: opposition, source: "https://example.org/b"}
motion: {kind: no-confidence, target: Someone, filed: 2020-01-20, vote: 2020-02-05}
"""


def test_the_timeline_labels_a_split_s_party_by_its_name(write_scenario: Callable[[str], Path]) -> None:
    sc = load_scenario(write_scenario(SPLIT))
    svg = render_timeline(sc)
    labels = re.findall(r'class="elabel"[^>]*>([^<]*)<', svg)
    # the 2 rebels carry the opposition from 5 to 7 of 11, across the bar of 6: a labelled crossing
    assert "Red Rebels to the opposition (+2)" in labels, labels
    assert not any(label.startswith("rebels") for label in labels)


def test_the_command_line_event_table_names_a_split_s_party(write_scenario: Callable[[str], Path]) -> None:
    sc = load_scenario(write_scenario(SPLIT))
    table = events_table(sc, dt.date(2020, 1, 1), dt.date(2020, 2, 5))
    assert table is not None
    console = Console(width=200, record=True)
    console.print(table)
    out = console.export_text()
    assert "Red Rebels to the opposition" in out, out
