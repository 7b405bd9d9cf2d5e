"""With every member expected to stay away, the count does not call a turnout-based motion carried.

Under "at least one half of the votes cast", a chamber where every party is absent had a magic number of
0 and "the committed yes votes reach it, with 0 to spare", while the rules engine (no votes cast, nothing
carried) and the forecast (P(pass) 0) said otherwise. One vote for it is always needed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CONSTITUTION = """\
id: half-house
name: Half House
seats: 100
motions:
  - kind: confidence
    threshold: {{basis: votes-cast, fraction: "1/2", strict: false, negative: {negative}}}
    source: {{article: "Art. 1", url: "https://example.org/1"}}
"""

SCENARIO = """\
chamber: {name: Half House, rules: rules.yaml, seats: 100, as_of: 2026-01-01}
parties:
  - {id: a, name: A, seats: 60, side: government}
  - {id: b, name: B, seats: 40, side: opposition}
motion: {kind: confidence, vote: 2026-02-01}
stances:
  - {date: 2026-01-10, party: a, stance: absent, source: "https://example.org/s"}
  - {date: 2026-01-10, party: b, stance: absent, source: "https://example.org/s"}
"""


@pytest.mark.parametrize(("negative", "key", "p_pass"), [("false", "needed", 0.0), ("true", "reject_at", 1.0)])
def test_nobody_voting_carries_and_rejects_nothing(run_cli, tmp_path: Path, negative: str, key: str,  # type: ignore[no-untyped-def]
                                                    p_pass: float) -> None:
    (tmp_path / "rules.yaml").write_text(CONSTITUTION.format(negative=negative), encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    count = json.loads(run_cli("count", str(path), "--json").out)
    assert count["voting"] == 0 and count[key] == 1  # one vote for it (or against it) is the least that counts
    fc = json.loads(run_cli("forecast", str(path), "--json").out)
    assert fc["p_pass"] == p_pass  # no votes cast: nothing carried; under a negative threshold nothing rejected
    if negative == "false":
        assert count["short"] == 1 and "reach it" not in run_cli("count", str(path)).out
    else:
        assert count["short"] == 0  # nobody can vote against: the motion stands
