"""The interchange commands: import popolo|csv|ocd, export popolo|csv."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from strategies_interchange import states, without_origins
from whipcount.io.scenario import load_scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"


def test_popolo_round_trip_through_the_command_line(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    bundle, back = tmp_path / "pk.json", tmp_path / "pk.yaml"
    wrote = run_cli("export", "popolo", "pk-na-2022", "-o", str(bundle))
    assert wrote.code == 0 and f"wrote {bundle} ({bundle.stat().st_size:,} bytes)" in wrote.out
    data = json.loads(bundle.read_text(encoding="utf-8"))
    assert {"persons", "organizations", "memberships", "areas", "posts", "events", "motions", "vote_events"} <= set(data)
    chamber = next(o for o in data["organizations"] if o.get("classification") == "legislature")
    # 342 seats, one of them vacant when the seat counts start (8 March 2022; the tally says the same)
    assert (chamber["extras"]["seats"], chamber["extras"]["vacancies"]) == (342, 1)
    pti = next(o for o in data["organizations"] if o["id"] == "pti")
    assert pti["classification"] == "party" and pti["extras"]["seats"] == 155
    result = run_cli("import", "popolo", str(bundle), "-o", str(back))
    assert result.code == 0, result.err
    original, again = load_scenario("pk-na-2022"), load_scenario(back)
    assert without_origins(again) == without_origins(original)
    assert states(again) == states(original)


def test_import_csv_then_ocd_then_export(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    out = tmp_path / "ex.yaml"
    r = run_cli("import", "csv", str(HERE / "ep-term-examplia.csv"), "--rules", "pk-na", "--seats", "7",
                "--side", "red=government", "--side", "green=government", "--side", "blue=opposition", "-o", str(out))
    assert r.code == 0, r.err
    assert "warning:" in r.err and "month precision" in r.err
    assert load_scenario(out).state().sides() == {"government": 4, "opposition": 2, "other": 1}
    voted = tmp_path / "voted.yaml"
    r = run_cli("import", "ocd", str(HERE / "ocd-vote-examplia.json"), "--scenario", str(out), "-o", str(voted),
                "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["motions"] == 1
    r = run_cli("export", "csv", str(voted), "--kind", "seats", "--on", "2021-02-01")
    assert r.code == 0
    assert "red,Red Party,,3,government" in r.out


def test_bad_input_is_one_line_and_no_partial_file(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    data = json.loads((HERE / "ep-popolo-examplia.json").read_text(encoding="utf-8"))
    data["memberships"][12 % len(data["memberships"])]["organization_id"] = "pti2"
    bad.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = run_cli("import", "popolo", str(bad), "--rules", "pk-na", "--term", "term/2", "-o", str(out))
    assert r.code == 1
    assert r.err.strip().count("\n") == 0 and "memberships[2].organization_id: unknown organization 'pti2'" in r.err
    assert not out.exists() and os.listdir(tmp_path) == ["bad.json"]
    r = run_cli("import", "csv", str(HERE / "ep-term-examplia.csv"), "--rules", "pk-na", "--strict", "-o", str(out))
    assert r.code == 1 and "--strict" in r.err and not out.exists()
    r = run_cli("import", "csv", str(HERE / "seats-examplia.csv"), "--rules", "pk-na", "--side", "nonsense")
    assert r.code == 1 and "--side: expected PARTY=SIDE" in r.err
