"""`--motion ID` counts, forecasts and charts a scenario's further motion with its own whip count: the
stances listed under that motion, every other seat taking its side's default on the day.

Truths from the record and the constitutions' texts, not from whipcount's output: Pakistan, 11 April 2022,
Shehbaz Sharif elected Prime Minister with 174 votes, PTI boycotting; Art. 91(4) asks a majority of the total
membership, 172 of 342. The Punjab's run-off of 22 July 2022: Elahi 186, Hamza Shehbaz 179 (365 voting),
decided by a majority of those present and voting (Art. 130(4), first proviso)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import ScenarioError
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario

PM = "pm-election-2022-04-11"
RUNOFF = "cm-runoff-2022-07-22"


def test_the_pakistan_pm_election_is_counted_under_article_91(run_cli: Callable[..., Any]) -> None:
    out = json.loads(run_cli("count", "pk-na-2022", "--motion", PM, "--json").out)
    assert (out["date"], out["motion"], out["needed"], out["basis"]) == ("2022-04-11", "pm-election", 172, "total")
    assert "Art. 91(4)" in out["explanation"]
    pti = [p for p in out["positions"] if p["key"] == "pti"]
    assert [(p["side"], p["seats"], p["stance"]) for p in pti] == [("opposition", 155, "absent")]  # the boycott
    assert out["committed_yes"] >= 174 and out["short"] == 0  # elected with 174
    # the main motion's stances do not leak into the election's count (JI's neutrality was on the resolution,
    # the dissidents' absences on 10 April); the one member of its own entries is the chair of 11 April
    assert [p["key"] for p in out["positions"] if p["key"].startswith("member:")] == ["member:ayaz-sadiq"]
    main = json.loads(run_cli("count", "pk-na-2022", "--on", "2022-04-09", "--json").out)
    assert main["motion"] == "no-confidence" and "Art. 95(4)" in main["explanation"]


def test_the_punjab_run_off_counts_elahi_as_yes_under_the_run_off_rule(run_cli: Callable[..., Any]) -> None:
    out = json.loads(run_cli("count", "pk-pa-punjab-2022", "--motion", RUNOFF, "--on", "2022-07-22", "--json").out)
    assert out["basis"] == "present-and-voting" and "first proviso" in out["explanation"]
    by_party = {p["party"]: p["stance"] for p in out["positions"]}
    assert by_party["pti"] == by_party["pml-q"] == "yes" and by_party["pml-n"] == "no"
    assert out["committed_yes"] >= 186 and out["committed_no"] >= 179  # the record's 186 and 179
    assert out["carried_as_committed"] is True


@pytest.mark.parametrize("command", [["count"], ["forecast", "--method", "exact"], ["what-if", "--absent", "pti"],
                                     ["chart", "--kind", "forecast", "-o", "-"]])
def test_every_counting_command_takes_the_motion(run_cli: Callable[..., Any], command: list[str]) -> None:
    ok = run_cli(*command[:1], "pk-na-2022", "--motion", PM, *command[1:])
    assert ok.code == 0, ok.out
    bad = run_cli(*command[:1], "pk-na-2022", "--motion", "pm-2022", *command[1:])
    said = " ".join((bad.out + bad.err).split())
    assert bad.code != 0 and "Traceback" not in said
    assert "no motion 'pm-2022' of that id or kind" in said
    assert f"nc-imran-khan-2022 (no-confidence, vote 2022-04-10), {PM} (pm-election, vote 2022-04-11)" in said
    # a kind that one motion has names it, as outcome --motion reads a kind: the election of 11 April
    by_kind = run_cli(*command[:1], "pk-na-2022", "--motion", "pm-election", *command[1:])
    assert by_kind.code == 0 and by_kind.out == ok.out


def test_a_kind_two_motions_share_asks_for_an_id(run_cli: Callable[..., Any]) -> None:
    # Germany, 6 May 2025: Merz failed in the first ballot (310 of 316) and was elected in the second (325), two
    # motions of one kind on one day
    r = run_cli("count", "de-bt-2025", "--motion", "pm-election")
    said = " ".join((r.out + r.err).split())
    assert r.code != 0 and "Traceback" not in said
    assert "2 motions are of that kind" in said and "give the id of one" in said
    assert "chancellor-first-ballot-2025-05-06" in said and "chancellor-second-ballot-2025-05-06" in said


def _text(extra: str) -> str:
    return f"""
id: t
title: T
chamber: {{id: c, name: C, rules: pk-na, seats: 10, as_of: 2022-01-01}}
parties:
  - {{id: a, name: A, seats: 6, side: government}}
  - {{id: b, name: B, seats: 4, side: opposition}}
motion: {{id: nc, kind: no-confidence, vote: 2022-02-01}}
motions:
  - id: pm
    kind: pm-election
    vote: 2022-02-02
{extra}"""


def _load(folder: Path, text: str, name: str = "my.yaml") -> Any:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return load_scenario(path)


def test_a_further_motions_stances_are_checked_where_they_stand(tmp_path: Path) -> None:
    bad = "    stances:\n      - {date: 2022-02-02, party: c, stance: yes}\n"
    with pytest.raises(ScenarioError, match=r"my\.yaml:14: motions\[0\]\.stances\[0\]\.party: unknown party 'c'"):
        _load(tmp_path, _text(bad))
    main = _text("").replace("motion: {id: nc, kind: no-confidence, vote: 2022-02-01}",
                             "motion:\n  id: nc\n  kind: no-confidence\n  stances: [{date: 2022-01-02, party: a, stance: no}]")
    with pytest.raises(ScenarioError, match=r"main motion's whip count is the top-level 'stances:'"):
        _load(tmp_path, main)


def test_a_further_motions_stances_survive_writing_popolo_and_the_database(tmp_path: Path,
                                                                         run_cli: Callable[..., Any]) -> None:
    sc = _load(tmp_path, _text("    stances:\n      - {date: 2022-02-02, party: b, stance: absent}\n"), "t.yaml")
    assert [(s.party, s.stance) for s in sc.motions[1].stances] == [("b", "absent")]
    again = _load(tmp_path, dump_scenario(sc), "again.yaml")
    assert [(s.party, s.stance) for s in again.motions[1].stances] == [("b", "absent")]
    pk = tmp_path / "pk.json"
    assert run_cli("export", "popolo", "pk-na-2022", "-o", str(pk)).code == 0
    back = tmp_path / "back.yaml"
    assert run_cli("import", "popolo", str(pk), "-o", str(back)).code == 0
    original, restored = load_scenario("pk-na-2022"), load_scenario(str(back))
    def entries(scenario: Any) -> list[tuple[Any, ...]]:
        return [(s.date, s.party, s.side, s.stance, s.verified, s.sources) for s in scenario.for_motion(PM).stances]

    assert entries(restored) == entries(original) and len(entries(original)) == 6
    db = f"sqlite:///{tmp_path / 'w.db'}"
    assert run_cli("db", "load", "pk-na-2022", "--db", db).code == 0
    dumped = tmp_path / "dump.yaml"
    assert run_cli("db", "dump", "pk-na-2022", "--db", db, "-o", str(dumped)).code == 0
    assert [(s.party, s.stance) for s in load_scenario(str(dumped)).for_motion(PM).stances] == [
        (s.party, s.stance) for s in original.for_motion(PM).stances]


def test_two_motions_with_one_id_are_refused_at_the_second(tmp_path: Path) -> None:
    # a further motion sharing the main motion's id could never be chosen: `--motion nc` counted the main one
    # under the further motion's name, and its stances were never read
    again = "  - id: nc\n    kind: pm-election\n    vote: 2022-02-03\n    stances: [{date: 2022-02-02, party: a, stance: absent}]\n"
    with pytest.raises(ScenarioError, match=r"my\.yaml:13: motions\[1\]\.id: motion id 'nc' is used twice"):
        _load(tmp_path, _text(again))
    # two motions without an id take their kind as one: the second is named by its place
    both = "  - kind: pm-election\n    vote: 2022-02-03\n  - kind: pm-election\n    vote: 2022-02-04\n"
    with pytest.raises(ScenarioError, match=r"my\.yaml:15: motions\[2\]: motion id 'pm-election' is used twice"):
        _load(tmp_path, _text(both))
