"""A user's own parliament with its own constitution file runs through every command and the dashboard.

The constitution asks for three fifths of the total membership of 101 (61 votes), a bar no built-in
profile uses, so each command's figure shows that the user's file, not some default, was applied.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from constitutions import my_parliament

CONSTITUTION = my_parliament("effect: the government resigns")

SCENARIO = """\
chamber: {name: My Parliament, rules: my-parliament.yaml, seats: 101, as_of: 2024-01-01}
parties:
  - {id: red, name: Red Party, seats: 55, side: government}
  - {id: blue, name: Blue Party, seats: 40, side: opposition}
  - {id: green, name: Green Party, seats: 6, side: government}
events:
  - {date: 2024-02-01, kind: switch-side, party: green, to: opposition, source: "https://example.org/a"}
motion: {kind: no-confidence, target: Someone, moved: 2024-02-02, vote: 2024-02-10}
stances:
  - {party: blue, stance: "yes", date: 2024-02-02, source: "https://example.org/s"}
  - {party: green, stance: lean-yes, date: 2024-02-02, source: "https://example.org/s"}
  - {party: red, stance: "no", date: 2024-02-02, source: "https://example.org/s"}
"""

NEEDED = 61  # three fifths of 101 is 60.6: at least that many is 61


@pytest.fixture
def own_case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    folder.mkdir()
    (folder / "my-parliament.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = folder / "my-case.yaml"
    path.write_text(textwrap.dedent(SCENARIO), encoding="utf-8")
    return path


def _ok(run_cli, *args: str):  # type: ignore[no-untyped-def]
    r = run_cli(*args)
    assert r.code == 0, f"whipcount {' '.join(args)}: {r.err}"
    return r


def test_tally_count_forecast_and_what_if_use_the_file(run_cli, own_case: Path) -> None:  # type: ignore[no-untyped-def]
    tally = json.loads(_ok(run_cli, "tally", str(own_case), "--json").out)
    assert tally["needed"] == NEEDED and tally["rules"] == "my-parliament"
    count = json.loads(_ok(run_cli, "count", str(own_case), "--json").out)
    assert count["needed"] == NEEDED
    forecast = json.loads(_ok(run_cli, "forecast", str(own_case), "--json").out)
    assert 0.0 <= forecast["p_pass"] < 0.5  # 46 likely yes of 61 needed
    _ok(run_cli, "what-if", str(own_case), "--switch", "red:20")


def test_power_coalitions_outcome_and_exports_use_the_file(run_cli, own_case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    power = json.loads(_ok(run_cli, "power", str(own_case), "--json").out)
    assert power["quota"] == NEEDED
    _ok(run_cli, "coalitions", str(own_case))
    out = _ok(run_cli, "outcome", str(own_case), "--on", "2024-02-05").out
    assert "Art. 12(3)" in out
    _ok(run_cli, "export", "popolo", str(own_case), "-o", str(tmp_path / "b.json"))
    _ok(run_cli, "export", "csv", str(own_case), "-o", str(tmp_path / "b.csv"))


def test_charts_report_and_demo_use_the_file(run_cli, own_case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _ok(run_cli, "chart", str(own_case), "--by", "stance", "-o", str(tmp_path / "s.svg"))
    _ok(run_cli, "chart", str(own_case), "--kind", "forecast", "-o", str(tmp_path / "f.svg"))
    assert str(NEEDED) in (tmp_path / "s.svg").read_text(encoding="utf-8")
    _ok(run_cli, "report", str(own_case), "-o", str(tmp_path / "r.html"))
    assert "Art. 12(3)" in (tmp_path / "r.html").read_text(encoding="utf-8")
    _ok(run_cli, "demo", "--scenario", str(own_case), "-o", str(tmp_path / "d.html"))


def test_the_database_keeps_the_constitution(run_cli, own_case: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """db load, then the scenario read back (as a fresh process would: the registry forgets the profile)
    and dumped; the dump carries the constitution and loads again anywhere."""
    from whipcount.rules import registry

    db = f"sqlite:///{tmp_path / 'wc.db'}"
    _ok(run_cli, "db", "load", str(own_case), "--db", db)
    registry._REGISTRY.pop("my-parliament", None)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    dump = elsewhere / "dump.yaml"
    _ok(run_cli, "db", "dump", "my-case", "--db", db, "-o", str(dump))
    registry._REGISTRY.pop("my-parliament", None)
    tally = json.loads(_ok(run_cli, "tally", str(dump), "--json").out)
    assert tally["needed"] == NEEDED


def test_the_dashboard_shows_the_files_bar(own_case: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from whipcount.io.scenario import load_scenario
    from whipcount.storage import Store
    from whipcount.web.app import create_app

    store = Store(f"sqlite:///{tmp_path / 'web.db'}")
    store.save_scenario(load_scenario(own_case))
    app = create_app(store=store, public_read=True, seed_scenario=None, secret="s" * 32)
    with TestClient(app) as client:
        page = client.get("/s/my-case")
        assert page.status_code == 200, page.text[:300]
        assert str(NEEDED) in page.text
        board = client.get("/api/scenarios/my-case/dashboard").json()
        assert board["magic_number"] == NEEDED and board["needed"]["count"] == NEEDED


def test_a_built_in_id_cannot_be_taken(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "c.yaml").write_text(CONSTITUTION.replace("id: my-parliament", "id: pk-na"), encoding="utf-8")
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent(SCENARIO).replace("my-parliament.yaml", "c.yaml"), encoding="utf-8")
    r = run_cli("tally", str(path))
    assert r.code == 1 and "built-in" in r.err and "s.yaml:1" in r.err


def test_a_missing_constitution_file_is_named_with_its_place(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "s.yaml"
    path.write_text(textwrap.dedent(SCENARIO).replace("my-parliament.yaml", "nowhere.yaml"), encoding="utf-8")
    r = run_cli("forecast", str(path))
    assert r.code == 1 and "s.yaml:1: chamber.rules" in r.err and "nowhere.yaml" in r.err
    assert "Traceback" not in r.err


@pytest.mark.parametrize(("written", "needed"), [
    ("0.6", 61),     # 60.6 of 101: at least that many is 61, as with "3/5"
    ("0.9505", 97),  # 96.0005: 97. Read as the nearest fraction of denominator 1000 or less it was 96/101: 96
    ("0.9901", 101),  # 100.0001: 101 (read as 100/101 it was 100)
    ("0.5000001", 51),
])
def test_a_decimal_fraction_is_read_as_written(run_cli, tmp_path: Path, written: str, needed: int) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "decimal"
    folder.mkdir()
    (folder / "my-parliament.yaml").write_text(CONSTITUTION.replace('fraction: "3/5"', f"fraction: {written}"),
                                               encoding="utf-8")
    path = folder / "my-case.yaml"
    path.write_text(textwrap.dedent(SCENARIO), encoding="utf-8")
    tally = json.loads(_ok(run_cli, "tally", str(path), "--json").out)
    assert tally["needed"] == needed


def test_a_further_motions_missing_rules_file_is_named_at_its_own_place(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # no `motion:`, only a list of `motions:`: the first of them is motions[0], not the single motion
    text = textwrap.dedent(SCENARIO).replace(
        "motion: {kind: no-confidence, target: Someone, moved: 2024-02-02, vote: 2024-02-10}\n",
        "motions:\n  - {kind: no-confidence, target: Someone, vote: 2024-02-10, rules: nowhere.yaml}\n")
    path = tmp_path / "s.yaml"
    path.write_text(text.replace("my-parliament.yaml", "pk-na"), encoding="utf-8")
    r = run_cli("tally", str(path))
    line = text.splitlines().index("  - {kind: no-confidence, target: Someone, vote: 2024-02-10, rules: nowhere.yaml}")
    assert r.code == 1 and f"s.yaml:{line + 1}: motions[0].rules" in r.err and "nowhere.yaml" in r.err, r.err


def test_a_fault_in_a_constitution_written_in_the_scenario_is_named_at_its_line(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    inline = "constitutions:\n" + textwrap.indent(CONSTITUTION.replace('fraction: "3/5"', "fraction: 7"), "    ")
    inline = inline.replace("constitutions:\n    id:", "constitutions:\n  - id:", 1)
    text = textwrap.dedent(SCENARIO).replace("rules: my-parliament.yaml", "rules: my-parliament") + inline
    path = tmp_path / "s.yaml"
    path.write_text(text, encoding="utf-8")
    r = run_cli("tally", str(path))
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "fraction: 7" in t)
    assert r.code == 1 and f"s.yaml:{line}: constitutions[0]" in r.err and "fraction" in r.err, r.err


@pytest.mark.parametrize("ref", ["rules\\my-parliament.yaml", ".\\rules\\my-parliament.yaml",
                                 "rules/my-parliament.yaml", "./rules/my-parliament.yaml"])
def test_a_reference_written_on_windows_reads_from_any_folder(run_cli, tmp_path: Path, ref: str,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """``rules: rules\\my-parliament.yaml``, as a scenario written on Windows names its constitution: before,
    no constitution file (the backslashes were read as part of one file name), from any folder."""
    folder = tmp_path / "мой случай"
    (folder / "rules").mkdir(parents=True)
    (folder / "rules" / "my-parliament.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = folder / "case.yaml"
    path.write_text(SCENARIO.replace("rules: my-parliament.yaml", f"rules: '{ref}'"), encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    tally = json.loads(_ok(run_cli, "tally", str(path), "--json").out)
    assert (tally["needed"], tally["rules"]) == (NEEDED, "my-parliament")
    monkeypatch.chdir(folder)  # the option is read from the current folder
    csv = tmp_path / "seats.csv"
    csv.write_text("party,name,seats,side\nred,Red Party,60,government\nblue,Blue Party,41,opposition\n",
                   encoding="utf-8")
    imported = _ok(run_cli, "import", "csv", str(csv), "--rules", ref, "--as-of", "2024-01-01", "-o", "-").out
    assert "rules: my-parliament" in imported


def test_a_file_whose_name_holds_a_backslash_is_read_as_named(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Where a file of that very name is there (legal on Linux), it is the one read."""
    (tmp_path / "rules").mkdir()
    (tmp_path / "rules" / "x.yaml").write_text(CONSTITUTION.replace("3/5", "1/2"), encoding="utf-8")
    (tmp_path / "rules\\x.yaml").write_text(CONSTITUTION, encoding="utf-8")
    path = tmp_path / "case.yaml"
    path.write_text(SCENARIO.replace("rules: my-parliament.yaml", "rules: 'rules\\x.yaml'"), encoding="utf-8")
    assert json.loads(_ok(run_cli, "tally", str(path), "--json").out)["needed"] == NEEDED
