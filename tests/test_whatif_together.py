"""`what-if` with changes that fit a party alone but not together still shows each change alone.

`--switch red --switch red:2` asks for every Red seat in one column and two of them in the next: each is a
fair question, but together they ask for 8 of Red's 6 seats. The whole command used to fail on the
"all changes" column (with "no seats of 'red'" while Red was listed among the parties); now the columns
that can be made are shown and a note says why the combined one cannot. Counts by hand from the file.
"""

from __future__ import annotations

import json

SCENARIO = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
"""

TOY = ("the scenario's chamber has 11 seats where the rules profile 'pk-na' fixes 342 on 2020-02-05: the scenario's "
       "are counted")
"""A toy chamber under Pakistan's rules (342 seats in 2020, Art. 51): every what-if says its bar is the toy's."""


def test_each_change_alone_when_they_cannot_be_combined(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    r = run_cli("what-if", str(path), "--switch", "red", "--switch", "red:2", "--json")
    assert r.code == 0, r.err
    out = json.loads(r.out)
    # on a no-confidence motion Blue's 5 vote yes and Red's 6 no (the sides' defaults)
    assert {run["label"]: run["committed_yes"] for run in out["runs"]} == {
        "baseline": 5, "red switch": 11, "2 of red switch": 7}
    note, toy = out["notes"]
    assert toy == TOY
    assert "red switch, 2 of red switch" in note and "every seat of 'red'" in note and "(6)" in note
    table = run_cli("what-if", str(path), "--switch", "red:4", "--switch", "red:3")
    assert table.code == 0, table.err
    assert "no column for all changes" in table.out and "only 2 seats" in table.out and "the 4 an earlier" in table.out
    fits = json.loads(run_cli("what-if", str(path), "--switch", "red:4", "--switch", "red:2", "--json").out)
    assert fits["notes"] == [TOY] and fits["runs"][-1] == {**fits["runs"][-1], "label": "all changes",
                                                        "committed_yes": 11}
