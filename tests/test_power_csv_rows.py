"""``whipcount power --format csv`` has one row per player for every kind of game, as the README says of
every ``--format csv``: a bundled multi-criteria game (``--game eu-council-2024``) had come out as one row
whose cells were the 27 members' names, populations and index values joined by ``;``; and a scenario's rows
now carry each player's label as the table shows it ("BAP (government)") beside its id.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from importlib import resources

from conftest import CliResult


def _population_file() -> dict[str, int]:
    """The bundled populations, read from the data file itself: code -> population."""
    text = resources.files("whipcount").joinpath("data/eu_council/population_2024.csv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return {row["code"]: int(row["population"]) for row in csv.DictReader(lines)}


def test_the_eu_council_game_is_a_row_per_member(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("power", "--game", "eu-council-2024", "--index", "banzhaf,ss", "--format", "csv")
    assert result.code == 0, result.err
    rows = list(csv.DictReader(io.StringIO(result.out)))
    population = _population_file()
    assert len(rows) == 27
    assert {r["code"]: int(r["population"]) for r in rows} == population
    assert all(";" not in value for r in rows for value in r.values())
    as_json = json.loads(run_cli("power", "--game", "eu-council-2024", "--index", "banzhaf,ss", "--json").out)
    assert [r["player"] for r in rows] == as_json["players"]
    assert [r["banzhaf_exact"] for r in rows] == [c["exact"] for c in as_json["indices"]["banzhaf"]]
    assert [int(r["swings"]) for r in rows] == as_json["swings"]
    assert {r["population_quota"] for r in rows} == {str(as_json["population_quota"])}


def test_a_scenario_s_rows_carry_the_labels_the_table_shows(run_cli: Callable[..., CliResult]) -> None:
    result = run_cli("power", "pk-na-2022", "--on", "2022-04-09", "--index", "bz", "--format", "csv")
    assert result.code == 0, result.err
    rows = {r["player"]: r for r in csv.DictReader(io.StringIO(result.out))}
    # BAP split on 9 April: one seat stayed with the government, four went over (the tally's by_side)
    tally = json.loads(run_cli("tally", "pk-na-2022", "--on", "2022-04-09", "--json").out)
    bap = next(p for p in tally["parties"] if p["id"] == "bap")["by_side"]
    assert rows["bap@government"]["label"] == "BAP (government)"
    assert int(rows["bap@government"]["weight"]) == bap["government"]
    assert int(rows["bap@opposition"]["weight"]) == bap["opposition"]
    assert rows["independent#ali-wazir"]["label"] == "Ind.: Ali Wazir"


def test_float_keeps_the_exact_run_s_columns_in_their_order(run_cli: Callable[..., CliResult]) -> None:
    # with --float the swings are null in the JSON; their CSV column had moved among the game's figures
    # (quota,exact,swings,total,player ...), so two runs of one game had two headers
    for game in (["--quota", "12", "4", "4", "4", "2", "2", "1"], ["pk-na-2022"],
                 ["--game", "eu-council-2024"]):
        exact = run_cli("power", *game, "--index", "bz,ss", "--format", "csv")
        floats = run_cli("power", *game, "--index", "bz,ss", "--format", "csv", "--float")
        assert exact.code == 0 and floats.code == 0, exact.err + floats.err
        header = exact.out.splitlines()[0]
        assert floats.out.splitlines()[0] == header, game
        rows = list(csv.DictReader(io.StringIO(floats.out)))
        assert {r["swings"] for r in rows} == {""}
        assert {r["exact"] for r in rows} == {"False"}


def test_an_index_left_out_keeps_its_columns_empty(run_cli: Callable[..., CliResult]) -> None:
    # Japan's House of 2024 has more vulnerable coalitions than the default limit lists, so the default set
    # leaves Johnston out: its four columns had been missing, and the header was not Pakistan's
    japan = run_cli("power", "jp-hr-2024", "--format", "csv")
    pakistan = run_cli("power", "pk-na-2022", "--format", "csv")
    assert japan.code == 0 and pakistan.code == 0, japan.err + pakistan.err
    assert "johnston left out" in japan.err
    assert "johnston" in json.loads(run_cli("power", "jp-hr-2024", "--json").out)["left_out"]
    assert japan.out.splitlines()[0] == pakistan.out.splitlines()[0]
    rows = list(csv.DictReader(io.StringIO(japan.out)))
    assert {r[c] for r in rows for c in ("johnston", "johnston_exact", "johnston_exact_num", "johnston_exact_den")} \
        == {""}
    assert all(r["deegan_packel_exact"] for r in rows)
