"""The whip count says when the quorum cannot be met, instead of calling the motion carried.

A chamber whose decisions need more than half its members present (a quorum of 76 of 150): with three
parties staying away, at most 49 members turn up. The count said "committed yes 27 against committed
no 8: carried if the other 14 do not vote" and "the committed yes votes reach it", while the forecast
(which reads the quorum) gave P(pass) 0. Counts by hand from the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CONSTITUTION = """\
id: quorum-house
name: Quorum House
seats: 150
motions:
  - kind: investiture
    threshold: {basis: present, fraction: "1/2", strict: true, quorum: {fraction: "1/2", strict: true}}
    source: {article: "Art. 84", url: "https://example.org/84"}
"""

SCENARIO = """\
chamber: {{name: Quorum House, rules: rules.yaml, seats: 150, as_of: 2026-01-01}}
parties:
  - {{id: gov, name: Government Party, seats: 27, side: government}}
  - {{id: opp, name: Opposition Party, seats: 8, side: opposition}}
  - {{id: mid, name: Middle Party, seats: 14, side: other}}
  - {{id: big, name: Big Party, seats: 101, side: opposition}}
motion: {{kind: investiture, target: The Cabinet, vote: 2026-02-01}}
stances:
  - {{date: 2026-01-10, party: big, stance: {big}, source: "https://example.org/s"}}
"""


def _count(run_cli, tmp_path: Path, big: str):  # type: ignore[no-untyped-def]
    (tmp_path / "rules.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.format(big=big), encoding="utf-8")
    r = run_cli("count", str(path), "--json")
    assert r.code == 0, r.err
    return json.loads(r.out), run_cli("count", str(path)).out, path


def test_a_quorum_out_of_reach_is_said(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    count, text, path = _count(run_cli, tmp_path, "absent")
    # more than half of 150 is 76; 27 + 8 + 14 = 49 can turn up: 27 short
    assert (count["quorum"], count["voting"], count["quorum_short"]) == (76, 49, 27)
    assert count["carried_as_committed"] is False  # 27 yes and 8 no are 35 present, no quorum
    assert "27 short of the quorum of 76" in " ".join(text.split())
    assert "reach it" not in text
    fc = json.loads(run_cli("forecast", str(path), "--json").out)
    assert fc["p_pass"] == 0.0


def test_a_quorum_in_reach_changes_nothing(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    count, text, _ = _count(run_cli, tmp_path, "lean-no")
    assert (count["quorum"], count["quorum_short"]) == (76, 0)
    # the committed alone (27 yes, 8 no) are 35 present, short of 76: not carried as committed; if all 150
    # vote, more than half of them is 76
    assert count["carried_as_committed"] is False and count["needed"] == 76
    assert "no division can be valid" not in text
    # why the committed alone carry nothing: 27 + 8 = 35 present, short of 76
    assert "not carried if the other 115 do not vote: only 35 would be present, short of the quorum of 76" in (
        " ".join(text.split()))


def test_committed_votes_that_would_carry_but_for_the_quorum_say_so(  # type: ignore[no-untyped-def]
        run_cli, tmp_path: Path) -> None:
    # A House of 11 decides on the votes cast (at least one half), more than half of its 11 members present
    # (6): 5 committed yes, 2 leaning no, 4 away. 5 yes to 0 no would carry, but 5 present are not 6.
    (tmp_path / "rules.yaml").write_text(
        "id: q\nname: Q House\nseats: 11\nmotions:\n  - kind: confidence\n"
        '    threshold: {basis: votes-cast, fraction: "1/2", strict: false, quorum: {fraction: "1/2", strict: true}}\n'
        '    source: {article: "Art. 1", url: "https://example.org/q"}\n', encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text("chamber: {name: Q House, rules: rules.yaml, seats: 11, as_of: 2026-01-01}\n"
                    "parties: [{id: a, name: A, seats: 5, side: government}, {id: b, name: B, seats: 4, side: opposition},"
                    " {id: c, name: C, seats: 2, side: other}]\n"
                    "motion: {kind: confidence, vote: 2026-03-01}\n"
                    "stances: [{date: 2026-02-15, party: b, stance: absent}, {date: 2026-02-15, party: c, stance: lean-no}]\n",
                    encoding="utf-8")
    count = json.loads(run_cli("count", str(path), "--json").out)
    assert (count["quorum"], count["carried_as_committed"], count["needed"]) == (6, False, 4)  # 4 of 7 voting
    text = " ".join(run_cli("count", str(path)).out.split())
    assert ("committed yes 5 against committed no 0: not carried if the other two do not vote: only 5 would be "
            "present, short of the quorum of 6") in text


@pytest.mark.parametrize("rules", ["pk-na", "gb-hc"])
def test_rules_without_a_quorum_say_none(run_cli, rules: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "case.yaml"
    path.write_text(f"chamber: {{name: H, rules: {rules}, seats: 11, as_of: 2020-01-01}}\n"
                    "parties: [{id: a, name: A, seats: 6, side: government}, {id: b, name: B, seats: 5, side: opposition}]\n"
                    "motion: {kind: no-confidence, vote: 2020-02-05}\n", encoding="utf-8")
    count = json.loads(run_cli("count", str(path), "--json").out)
    assert (count["quorum"], count["quorum_short"]) == (None, 0)
