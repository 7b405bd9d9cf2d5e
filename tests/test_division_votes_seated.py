"""A member's recorded vote in a division must be cast by a member who sat on the day of the vote.

A member who resigned on 1 June was accepted as voting "no" on 25 June, and the division was judged as if
nothing were wrong. It is now an error of the file, naming the vote's line, as a division counting more
members than sat is.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount import load_scenario
from whipcount.errors import WhipcountError

SCENARIO = """\
chamber: {{name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}}
parties:
  - {{id: red, name: Red Party, seats: 6, side: government}}
  - {{id: blue, name: Blue Party, seats: 5, side: opposition}}
members:
  - {{id: dana, name: Dana Red, party: red, side: government}}
  - {{id: eli, name: Eli Blue, party: blue, side: opposition}}
events:
  - {{date: 2020-01-20, kind: resign, party: red, members: [dana], source: "https://example.org/r"}}
motion: {{kind: no-confidence, target: Someone, moved: 2020-02-01, vote: {vote}}}
division:
  date: {vote}
  yes: 5
  votes:
    - {{member: eli, vote: "yes"}}
    - {{member: dana, vote: "no"}}
"""


def test_a_vote_by_a_member_who_had_resigned_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(vote="2020-02-05"), encoding="utf-8")
    with pytest.raises(WhipcountError, match=r"case.yaml:16: division.votes\[1\]: member 'dana' is recorded as "
                                             r"voting 'no' on 2020-02-05 but holds no seat that day \(resign\)"):
        load_scenario(str(path))


def test_a_vote_before_the_resignation_stands(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(vote="2020-01-15").replace("moved: 2020-02-01", "moved: 2020-01-10"),
                    encoding="utf-8")
    sc = load_scenario(str(path))
    assert sc.motion is not None and sc.motion.division is not None
    assert dict(sc.motion.division.votes) == {"eli": "yes", "dana": "no"}
