"""A stance recorded while its member or party sat lapses when they no longer do; it does not break the count.

A member who declared for the motion in May and resigned in June made `count`, `forecast`, `report` and
the charts fail on every later date ("member 'dana' holds no seat on ... (resign)"), as did a party whose
members all left it after its stance was recorded. A stance dated after its member left is still an error
of the file. Counts by hand from the file.
"""

from __future__ import annotations

import json
from pathlib import Path

SCENARIO = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 5, side: government}}
  - {{id: blue, name: Blue Party, seats: 4, side: opposition}}
  - {{id: green, name: Green Party, seats: 2, side: other}}
members:
  - {{id: dana, name: Dana Red, party: red, side: government}}
events:
  - {{date: 2020-01-20, kind: resign, party: red, members: [dana], source: "https://example.org/r"}}
  - {{date: 2020-01-21, kind: leave-party, party: green, seats: 2, to: other, source: "https://example.org/l"}}
motion: {{kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}}
stances:
  - {{date: {dana_date}, member: dana, stance: "yes", source: "https://example.org/s1"}}
  - {{date: 2020-01-10, party: green, stance: "yes", source: "https://example.org/s2"}}
"""


def _case(tmp_path: Path, dana_date: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(dana_date=dana_date), encoding="utf-8")
    return path


def test_lapsed_stances_are_left_out_with_a_note(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _case(tmp_path, "2020-01-10")
    r = run_cli("count", str(path), "--json")
    assert r.code == 0, r.err
    count = json.loads(r.out)
    # on 5 February: Red 4 (Dana's seat vacant), Blue 4, two independents; 6 of 11 needed (Art. 95)
    assert count["seats"] == 11 and count["vacancies"] == 1
    assert count["committed_yes"] == 4  # Blue, the opposition's default; Dana's and Green's stances lapsed
    assert not any(p["member"] == "dana" or p["party"] == "green" for p in count["positions"])
    assert any("'dana' holds no seat" in n and "the stance of 2020-01-10 lapses" in n for n in count["notes"])
    assert any("'green' holds no seats" in n for n in count["notes"])
    for command in ("forecast", "what-if"):
        extra = ("--switch", "red:1") if command == "what-if" else ()
        assert run_cli(command, str(path), *extra).code == 0
    assert run_cli("report", str(path), "-o", str(tmp_path / "r.html")).code == 0


def test_a_stance_dated_after_its_member_left_is_an_error(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("count", str(_case(tmp_path, "2020-01-25")))
    assert r.code == 1 and "stances[0]: member 'dana' holds no seat on 2020-02-05 (resign)" in r.err, r.err
