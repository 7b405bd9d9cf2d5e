"""`power` and `coalitions` under a further motion of the scenario (--motion), as `count` and `forecast`
take one: the game's quota is that motion's bar. Truth: a fictional chamber of 9 whose no-confidence motion
needs a majority of all members (5) and whose confidence motion needs two thirds of them (6), with every
coalition's power counted by hand."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

RULES = """\
id: examplia
name: Examplia Assembly
seats: 9
motions:
  - kind: no-confidence
    threshold: {basis: total, fraction: "1/2", strict: true}
    source: {article: "Art. 1", url: "https://example.org/examplia#1"}
  - kind: confidence
    threshold: {basis: total, fraction: "2/3", strict: false}
    source: {article: "Art. 2", url: "https://example.org/examplia#2"}
"""

SCENARIO = """\
id: examplia-2026
title: Examplia, two motions
chamber: {name: Examplia Assembly, rules: ./examplia.yaml, seats: 9, as_of: 2026-01-01}
parties:
  - {id: a, name: Party A, seats: 4, side: government, source: "https://example.org/a"}
  - {id: b, name: Party B, seats: 3, side: opposition, source: "https://example.org/b"}
  - {id: c, name: Party C, seats: 2, side: other, source: "https://example.org/c"}
motion: {id: nc-2026, kind: no-confidence, target: Someone, filed: 2026-02-01, vote: 2026-02-05}
motions:
  - {id: conf-2026, kind: confidence, vote: 2026-02-06, source: "https://example.org/m"}
"""


def _scenario(tmp_path: Path) -> Path:
    (tmp_path / "examplia.yaml").write_text(RULES, encoding="utf-8")
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    return path


def _power(run_cli: Any, *args: str) -> dict[str, Any]:
    r = run_cli("power", *args, "--index", "banzhaf", "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_each_motion_plays_to_its_own_bar(run_cli: Any, tmp_path: Path) -> None:
    path = str(_scenario(tmp_path))
    main = _power(run_cli, path)
    # a majority of 9 is 5: any two of A (4), B (3), C (2) win, none alone: each swings 2 of the 4
    # coalitions of the others (one of the two others, not both, not neither): Banzhaf 1/3 each
    assert (main["motion"], main["quota"]) == ("no-confidence", 5)
    assert main["swings"] == [2, 2, 2]
    conf = _power(run_cli, path, "--motion", "conf-2026")
    # two thirds of 9 is 6: A+B (7) and A+C (6) win, B+C (5) does not. A turns {B}, {C} and {B, C} from
    # losing to winning: 3; B only {A} (A+C already wins, C alone loses with B): 1; C likewise: 1
    assert (conf["motion"], conf["quota"]) == ("confidence", 6)
    assert conf["swings"] == [3, 1, 1]
    assert "Art. 2" in conf["explanation"]


def test_coalitions_follow_the_motion_too(run_cli: Any, tmp_path: Path) -> None:
    path = str(_scenario(tmp_path))
    r = run_cli("coalitions", path, "--motion", "conf-2026", "--kind", "minimal", "--json")
    assert r.code == 0, r.err
    found = sorted(sorted(c["members"]) for c in json.loads(r.out)["coalitions"])
    assert found == [["a", "b"], ["a", "c"]]  # B + C, 5 seats, falls short of 6


def test_motion_is_refused_where_there_is_no_scenario(run_cli: Any, tmp_path: Path) -> None:
    r = run_cli("power", "--quota", "3", "1", "1", "1", "--motion", "conf-2026")
    assert r.code != 0 and "--motion applies to a SCENARIO" in r.err
    r = run_cli("power", str(_scenario(tmp_path)), "--motion", "nope")
    assert r.code != 0 and "no motion 'nope'" in r.err and "conf-2026" in r.err


def test_a_rule_whose_bar_is_a_third_of_the_members_is_played_as_it_is(run_cli: Any, tmp_path: Path) -> None:
    """At least a third of 9 members is 3: A (4) and B (3) each carry it alone, and so does the rest of the
    chamber against either: an improper game, made so by the rule, not by a quota anyone chose. A turns {}
    and {C} into winners (2 swings), B the same, C none (whatever it joins already wins, alone it has 2)."""
    rules = RULES.replace('''    threshold: {basis: total, fraction: "2/3", strict: false}''',
                          '''    threshold: {basis: total, fraction: "1/3", strict: false}''')
    (tmp_path / "examplia.yaml").write_text(rules, encoding="utf-8")
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    conf = _power(run_cli, str(path), "--motion", "conf-2026")
    assert conf["quota"] == 3 and conf["swings"] == [2, 2, 0]
    assert "improper game, as the rule makes it" in conf["explanation"]
