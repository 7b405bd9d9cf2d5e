"""`whipcount tally`, `scenarios`, `schema` and `demo` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml


def test_tally_json_has_the_documented_keys(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "pk-na-2022", "--on", "2022-03-31", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert {"date", "chamber", "seats", "vacancies", "needed", "sides", "parties"} <= data.keys()
    assert data["date"] == "2022-03-31"
    assert data["needed"] == 172  # 342 // 2 + 1, Art. 95(4)
    assert data["sides"]["opposition"] == 177 and data["sides"]["government"] == 164
    assert data["margins"] == {"government": 164 - 172, "opposition": 177 - 172}
    assert sum(p["seats"] for p in data["parties"]) + data["vacancies"] == 342
    assert {"id", "name", "seats", "side"} <= data["parties"][0].keys()


def test_tally_reads_a_path_too(run_cli, write_scenario, minimal_yaml) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(minimal_yaml)
    r = run_cli("tally", str(path), "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["sides"] == {"government": 4, "opposition": 6, "other": 0}
    assert data["needed"] == 6  # majority of 11
    assert data["vacancies"] == 1


def test_tally_table_shows_needed_and_margins(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "pk-na-2022", "--on", "2022-03-08")
    assert r.code == 0
    assert "172 of 342" in r.out and "179" in r.out and "162" in r.out and "-10" in r.out


def test_no_margin_for_the_parties_on_neither_side(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Romania, 13 October 2009 (ro-parl-2009.yaml): PD-L 166 in government; PSD+PC 163, PNL 93 and UDMR 31 in
    opposition; the 18 of the national minorities on neither side; 236 of 471 needed. The two sides' margins
    are 166 - 236 = -70 and 287 - 236 = +51; the minorities are no bloc that could reach 236, so no margin."""
    data = json.loads(run_cli("tally", "ro-parl-2009", "--json").out)
    assert data["sides"] == {"government": 166, "opposition": 163 + 93 + 31, "other": 18}
    assert data["margins"] == {"government": 166 - 236, "opposition": 163 + 93 + 31 - 236}
    table = run_cli("tally", "ro-parl-2009").out
    row = next(line for line in table.splitlines() if "margin over needed" in line)
    assert "-70" in row and "+51" in row and str(18 - 236) not in row
    compare = run_cli("compare", "ro-parl-2009", "se-riksdag-2021").out
    assert "other (margin)" not in compare and "opposition (margin)" in compare


def test_scenarios_lists_the_bundled_case(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("scenarios", "--json")
    assert "pk-na-2022" in [s["id"] for s in json.loads(r.out)["scenarios"]]


def test_unknown_scenario_name_is_one_clear_line(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "pk-na-2099")
    assert r.code == 1
    assert "pk-na-2099" in r.err and "bundled" in r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
    # the bundled ones are named in order: the package's data folder, read here without whipcount
    folder = Path(__file__).parent.parent / "src" / "whipcount" / "data" / "scenarios"
    ids = sorted(f.name.removesuffix(".yaml") for f in folder.iterdir() if f.name.endswith(".yaml"))
    assert len(ids) >= 10 and r.err.strip().endswith(f"(bundled: {', '.join(ids)}); did you mean 'pk-na-2022'?")


def test_a_bundled_scenario_is_read_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    # its title is not needed: the other bundled files are listed, not read
    from whipcount.io.scenario import load_scenario

    read: list[str] = []
    real = Path.read_text

    def spy(self: Path, *args: object, **kwargs: object) -> str:
        if self.parent.name == "scenarios":
            read.append(self.name)
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "read_text", spy)
    assert load_scenario("pk-na-2022").id == "pk-na-2022"
    assert read == ["pk-na-2022.yaml"]


def test_bad_date_option_is_one_clear_line(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "pk-na-2022", "--on", "2022-02-30")
    assert r.code == 1 and "--on" in r.err and "2022-02-30" in r.err


def test_published_schema_is_current_and_accepts_the_bundled_scenario(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("schema", "scenario")
    published = Path(__file__).parent.parent / "schemas" / "scenario.schema.json"
    assert json.loads(published.read_text()) == json.loads(r.out), "run: whipcount schema > schemas/scenario.schema.json"
    from importlib import resources

    text = (resources.files("whipcount") / "data" / "scenarios" / "pk-na-2022.yaml").read_text()
    data = json.loads(json.dumps(yaml.safe_load(text.replace("yes:", "'yes':").replace(" no:", " 'no':")), default=str))
    jsonschema.validate(data, json.loads(r.out))
    bad = dict(data, colour_scheme="x")
    try:
        jsonschema.validate(bad, json.loads(r.out))
        raise AssertionError("schema accepted an unknown top-level field")
    except jsonschema.ValidationError:
        pass


@pytest.mark.parametrize("what", ["constitution", "popolo"])
def test_the_other_published_schemas_are_current(run_cli, what: str) -> None:  # type: ignore[no-untyped-def]
    # the files an editor validates against: any change to a format's bounds or fields must reach them
    r = run_cli("schema", what)
    published = Path(__file__).parent.parent / "schemas" / f"{what}.schema.json"
    assert r.code == 0 and json.loads(published.read_text()) == json.loads(r.out), \
        f"run: whipcount schema {what} > schemas/{what}.schema.json"


def test_demo_prints_the_three_key_dates_and_the_events(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.html"
    r = run_cli("demo", "-o", str(out))
    assert r.code == 0, r.err
    for needle in ("2022-03-08", "2022-03-30", "2022-04-10", "179", "162", "177", "164", "172 of 342", "MQM-P"):
        assert needle in r.out, needle
    # the outcome under Art. 95(4), the dismissal and the restoration, and the forecast
    assert "174 in favour; 172 needed" in r.out and "Art. 95(4)" in r.out and "PASSED" in r.out
    assert "dismissed" in r.out and "restored" in r.out
    assert "P(pass)" in r.out
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") or html.lower().startswith("<!doctype html>")
    assert "Imran Khan" in html


def test_the_number_needed_is_one_line_as_wide_as_the_terminal() -> None:
    """As the table's caption, the bar had wrapped at the table's width (some 56 columns) on any terminal."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COLUMNS": "200", "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    out = subprocess.run([sys.executable, "-m", "whipcount", "tally", "pk-na-2022"], capture_output=True, text=True,
                         env=env, check=True, timeout=60).stdout
    assert ("needed: 172 of 342: a majority of the total membership of 342 (the 1 vacant seat included), Art. 95(4)"
            in out.splitlines())
    assert "vacant seats: 1" in out.splitlines()


def test_compare_says_a_turnout_bar_depends_on_turnout(run_cli) -> None:  # type: ignore[no-untyped-def]
    # The Commons' confidence motions need a majority of the votes cast: no one number before the vote (tally
    # says 'the number depends on turnout'); Pakistan's Art. 95(4) asks 172 of 342 whatever the turnout
    text = run_cli("compare", "gb-hc-2019", "pk-na-2022").out
    needed = next(line for line in text.splitlines() if line.lstrip("│ ").startswith("needed"))
    cells = [c.strip() for c in needed.split("│")[1:-1]]
    assert cells == ["needed", "depends on turnout", "172"]
