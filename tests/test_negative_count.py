"""The whip count under a negative threshold (the motion stands unless the noes reach a bar).

Sweden's investiture is "rejected only if more than half of all members vote against". The count read that
bar as yes votes needed: a motion no one could reject was "11 short" of 61 yes votes, with the absent
party as the one to supply them, and the forecast gave "61 yes votes needed" (drawn as a line "61 to
pass" beside a P(pass) of 100 %). Worked by hand from the threshold: with 58 possible noes of 120 the
motion stands whatever the yes votes; with 70 possible noes, 10 of them must vote yes or stay away.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CONSTITUTION = """\
id: negative-house
name: Negative House
seats: 120
motions:
  - kind: investiture
    threshold: {basis: total, fraction: "1/2", strict: true, negative: true}
    source: {article: "Art. 1", url: "https://example.org/1"}
"""

SCENARIO = """\
chamber: {{name: Negative House, rules: rules.yaml, seats: 120, as_of: 2025-01-01}}
parties:
  - {{id: a, name: A, seats: 50, side: government}}
  - {{id: b, name: B, seats: 58, side: opposition}}
  - {{id: c, name: C, seats: 12, side: other}}
motion: {{kind: investiture, target: The Cabinet, vote: 2025-02-01}}
stances:
  - {{date: 2025-01-10, party: c, stance: {stance}, source: "https://example.org/s"}}
"""


def _case(tmp_path: Path, stance: str) -> Path:
    (tmp_path / "rules.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(stance=stance), encoding="utf-8")
    return path


def _json(run_cli, *args: str):  # type: ignore[no-untyped-def]
    r = run_cli(*args, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


@pytest.mark.parametrize(("stance", "short", "suppliers"), [
    ("absent", 0, []),  # at most B's 58 vote against: fewer than the 61 (more than half of 120) that reject
    ("undecided", 10, ["c"]),  # 58 + 12 = 70 could vote against; 70 - 60 must not for the motion to stand
])
def test_the_count_reads_the_bar_as_noes(run_cli, tmp_path: Path, stance: str, short: int,  # type: ignore[no-untyped-def]
                                         suppliers: list[str]) -> None:
    count = _json(run_cli, "count", str(_case(tmp_path, stance)))
    assert (count["needed"], count["reject_at"]) == (None, 61)
    assert count["short"] == short
    assert [p["key"] for p in count["suppliers"]] == suppliers


def test_the_forecast_needs_no_yes_votes(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _case(tmp_path, "absent")
    fc = _json(run_cli, "forecast", str(path))
    assert (fc["needed"], fc["reject_at"]) == (None, 61)
    assert fc["p_pass"] == pytest.approx(1.0, abs=1e-12)  # B's 58 noes can never reach 61
    svg = tmp_path / "f.svg"
    assert run_cli("chart", str(path), "--kind", "forecast", "-o", str(svg)).code == 0
    assert "to pass" not in svg.read_text(encoding="utf-8") and "yes votes needed" not in svg.read_text(encoding="utf-8")
    text = run_cli("count", str(path)).out
    assert "the motion stands unless the noes reach 61" in text and "magic number" not in text


def test_what_if_gives_the_bar_as_noes_in_every_run(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """What-if's runs said "needed": 61 under a rule that needs no yes votes at all; each run now carries the
    bar as the count does (reject_at: more than half of 120 noes, 61), and its words."""
    case = str(_case(tmp_path, "undecided"))
    out = _json(run_cli, "what-if", case, "--absent", "c")
    assert len(out["runs"]) >= 2
    for run in out["runs"]:
        assert (run["needed"], run["reject_at"]) == (None, 61)
        assert "61" in run["explanation"]
    text = run_cli("what-if", case, "--absent", "c")
    assert text.code == 0 and "rejected at (no)" in text.out and "needed" not in text.out.split("P(pass)")[0]
