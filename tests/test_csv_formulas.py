"""CSV injection (OWASP): text a spreadsheet would run as a formula is escaped on export and noted on import."""

from __future__ import annotations

import csv
import datetime as dt
import io

from whipcount.io.csvio import export_csv, import_csv

TABLE = 'party,seats,side,name\nred,4,government,"=HYPERLINK(""https://evil.example"",""x"")"\nblue,3,opposition,@SUM(A1)\n'


def test_import_notes_formula_like_cells_and_keeps_them_as_text() -> None:
    result = import_csv(TABLE, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=10)
    names = {p.id: p.name for p in result.scenario.parties}
    assert names["red"].startswith("=HYPERLINK") and names["blue"] == "@SUM(A1)"
    notes = [w for w in result.warnings if "formula" in w]
    assert len(notes) == 2 and "t.csv:2" in notes[0] and "t.csv:3" in notes[1]


def test_export_escapes_formulas_and_a_round_trip_keeps_the_text() -> None:
    scenario = import_csv(TABLE, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=10).scenario
    text = export_csv(scenario, kind="seats")
    cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
    starts = ("=", "+", "-", "@", "\t", "\r")
    assert not [c for c in cells if c.startswith(starts) and not c.lstrip("+-").replace(".", "").isdigit()]
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    again = import_csv(text, "again.csv", rules="pk-na", as_of=dt.date(2020, 1, 1))
    assert {p.id: p.name for p in again.scenario.parties} == {p.id: p.name for p in scenario.parties}
    assert not [w for w in again.warnings if "formula" in w]
