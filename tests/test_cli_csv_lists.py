"""A list of records in a command's JSON (a position's sources, the parties that could supply the votes)
reaches its CSV cell instead of being dropped.

The count's CSV had a `sources` column that was empty exactly on the rows whose stance had a source (a
list of source records, which the flattening skipped), and no `suppliers` column at all. The truths here
are the addresses written in the scenario file and the positions the count names.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

SCENARIO = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 4, side: opposition}
  - {id: green, name: Green Party, seats: 1, side: other}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
stances:
  - {date: 2020-02-02, party: green, stance: undecided,
     sources: ["https://example.org/green-1", {url: "https://example.org/green-2", outlet: Paper}]}
  - {date: 2020-02-02, party: red, seats: 2, stance: lean-yes, source: "https://example.org/red"}
"""


def test_count_csv_keeps_every_source_and_supplier(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    r = run_cli("count", str(path), "--format", "csv")
    assert r.code == 0, r.err
    rows = {row["key"]: row for row in csv.DictReader(io.StringIO(r.out))}
    assert rows["green"]["sources"] == "https://example.org/green-1;https://example.org/green-2"
    red_part = next(k for k in rows if k.startswith("red") and rows[k]["stance"] == "lean-yes")
    assert rows[red_part]["sources"] == "https://example.org/red"
    assert rows["blue"]["sources"] == ""  # a default stance has no source
    # 6 of 11 are needed (Art. 95: a majority of the total membership); blue's 4 yes leave 2 to find
    as_json = json.loads(run_cli("count", str(path), "--json").out)
    assert as_json["needed"] == 6 and as_json["short"] == 2
    for row in rows.values():
        assert row["suppliers"] == ";".join(p["key"] for p in as_json["suppliers"]) != ""
        assert row["could_supply"] == ";".join(p["key"] for p in as_json["could_supply"])
