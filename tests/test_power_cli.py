"""``whipcount power`` and ``whipcount coalitions`` through ``main([...])``: output, JSON, errors."""

from __future__ import annotations

import csv
import io
import json
from fractions import Fraction
from pathlib import Path

import pytest

from whipcount.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_power_quota_json_has_exact_fractions_and_swings(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "power", "--quota", "12", "4", "4", "4", "2", "2", "1", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["players"] == ["P1", "P2", "P3", "P4", "P5", "P6"] and data["quota"] == 12
    assert data["indices"]["banzhaf"][0] == {"exact": "5/21", "value": pytest.approx(5 / 21)}
    assert data["indices"]["shapley_shubik"][3]["exact"] == "3/20"
    assert set(data["indices"]) == {
        "banzhaf",
        "penrose",
        "shapley_shubik",
        "coleman_prevent",
        "coleman_initiate",
        "holler_packel",
        "deegan_packel",
        "johnston",
    }
    assert data["swings"] == [10, 10, 10, 6, 6, 0]


def test_power_table_names_players(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "power", "-q", "51", "49", "48", "3", "--names", "A,B,C", "--index", "banzhaf")
    assert code == 0
    assert "0.3333" in out and "A" in out and "Bz" in out


def test_power_of_a_scenario_uses_the_motions_threshold(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "power", "pk-na-2022", "--index", "banzhaf,ss", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["quota"] == 172 and data["players"][0] == "pti"
    assert sum(
        float(x["exact"].split("/")[0]) / float(x["exact"].split("/")[1]) if "/" in x["exact"] else float(x["exact"])
        for x in data["indices"]["banzhaf"]
    ) == pytest.approx(1)
    assert "Art. 95" in data["explanation"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("power", "--quota", "51", "49", "-48", "3"), "W2 (weight 2 of 3): expected a whole number of 0 or more, got '-48'"),
        (("power", "--quota", "51", "49", "4.5"), "W2 (weight 2 of 2): expected a whole number of 0 or more, got '4.5'"),
        (("power", "--quota", "40", "49", "48", "3"), "quota 40 is at most half the total weight 100"),
        (("power", "--quota", "500", "49", "48"), "quota 500 is above the total weight 97"),
        (("power", "--quota", "5"), "weights: give the players' weights"),
        # a quota below 1 had been refused in the library's words ('quota must be a non-negative integer,
        # got -3'), not as the option's
        (("power", "--quota", "-3", "1", "2"), "Invalid value for '--quota' / '-q': expected a whole number of 1 or "
                                               "more, got -3"),
        (("coalitions", "--quota", "0", "1", "2"), "'--quota' / '-q': expected a whole number of 1 or more, got 0"),
        (("power",), "give one SCENARIO, or --quota Q W1 W2"),
        (("power", "--quota", "3", "2", "2", "--index", "nope"), "unknown power index 'nope'"),
        (("coalitions", "--quota", "3", "2", "2", "--kind", "connected", "--order", "P1,P9"), "unknown players P9"),
        # a player given twice had been named as 'missing (duplicates)'
        (("coalitions", "--quota", "3", "2", "2", "--kind", "connected", "--order", "P1,P2,P1"),
         "--order must list every player once; P1 given twice"),
        (("coalitions", "--quota", "5", "2", "2", "2", "--kind", "connected", "--order", "P1,P2,P2"),
         "--order must list every player once; missing P3; P2 given twice"),
        # a blank name had been a player shown without one; an empty --names had been taken as no --names
        (("power", "--quota", "3", "1", "1", "1", "--names", "A,,B"), "names: expected a name for every player, "
                                                                     "got none for player 2"),
        (("coalitions", "--quota", "3", "1", "1", "1", "--names", "A, ,B"), "got none for player 2"),
        (("power", "--quota", "1", "1", "--names", ""), "got none for player 1"),
        (("power", "--quota", "3", "1", "1", "1", "--names", ""), "expected 3 names (one per weight), got 1"),
        (("power", "pk-na-2022", "--names", ""), "--names applies only with --quota"),
        # --on had been ignored for a game given by weights, as --by and --motion are not
        (("power", "--quota", "3", "1", "1", "1", "--on", "2022-01-01"), "--on applies to a SCENARIO"),
        (("coalitions", "--quota", "3", "1", "1", "1", "--on", "2022-01-01"), "--on applies to a SCENARIO"),
        # an option a command does not take had been read as a weight ("weights[3] ... got '--order'") or as
        # a second scenario ("got 2 arguments")
        (("power", "--quota", "3", "1", "1", "1", "--order", "P1"), "no such option: --order"),
        (("power", "pk-na-2022", "--foo"), "no such option: --foo"),
        (("coalitions", "pk-na-2022", "--foo=1"), "no such option: --foo"),
        (("power", "--quota", "3", "1", "1", "-x"), "no such option: -x"),
        (("power", "--quota", "3", "1", "1", "-1"), "W3 (weight 3 of 3): expected a whole number of 0 or more, got '-1'"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    code, out, err = run(capsys, *args)
    assert code == 1
    assert message in " ".join(err.split())
    assert "Traceback" not in err and out == ""
    assert len(err.strip().splitlines()) <= 2  # one line (rich may wrap a long one at 80 columns)


def test_improper_game_allowed_with_flag(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "power", "--quota", "40", "49", "48", "3", "--allow-improper", "--json", "--index", "penrose"
    )
    assert code == 0 and json.loads(out)["indices"]["penrose"][2]["exact"] == "0"


def test_coalitions_minimal_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "coalitions", "--quota", "51", "49", "48", "3", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert sorted(c["members"] for c in data["coalitions"]) == [["P1", "P2"], ["P1", "P3"], ["P2", "P3"]]
    assert data["truncated"] is False


def test_coalitions_limit_truncates(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "coalitions", "pk-na-2022", "--kind", "winning", "--limit", "4", "--json")
    data = json.loads(out)
    assert code == 0 and len(data["coalitions"]) == 4 and data["truncated"] is True
    assert all(c["weight"] >= 172 for c in data["coalitions"])


def test_parlgov_sweep_writes_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "nzl.csv"
    code, out, err = run(capsys, "power", "--parlgov", "--country", "NZL", "--index", "banzhaf", "-o", str(target))
    assert code == 0, err
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert rows and {r["country"] for r in rows} == {"NZL"}
    first = [r for r in rows if r["election_id"] == rows[0]["election_id"]]
    assert sum(float(r["banzhaf"]) for r in first) == pytest.approx(1)
    assert "wrote" in out and "wrote" not in err  # on standard output, as every command that writes a file


def test_parlgov_refuses_a_date(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("power", "--parlgov", "--on", "2022-01-01")
    assert r.code == 1 and "--on" in r.err and len(r.err.strip().splitlines()) == 1


def test_connected_coalitions_say_which_order_they_follow(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("coalitions", "pk-na-2022", "--kind", "connected", "--limit", "2")
    assert r.code == 0, r.err
    assert "order as listed" in " ".join(r.out.split())
    r2 = run_cli("coalitions", "--quota", "3", "2", "1", "1", "--names", "a,b,c", "--kind", "connected",
                 "--order", "a,b,c")
    assert r2.code == 0 and "order as listed" not in r2.out


def test_parlgov_json_into_a_file_is_json_and_format_csv_is_the_sweeps_csv(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # --json -o FILE wrote the CSV into FILE; --format csv wrote one row holding the JSON's records in its cells
    target = tmp_path / "nzl.json"
    r = run_cli("power", "--parlgov", "--country", "NZL", "--index", "banzhaf", "--json", "-o", str(target))
    assert r.code == 0, r.err
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["indices"] == ["banzhaf"] and {row["country"] for row in data["rows"]} == {"NZL"}
    first = [row for row in data["rows"] if row["election_id"] == data["rows"][0]["election_id"]]
    assert sum(Fraction(row["banzhaf_exact"]) for row in first) == 1  # Banzhaf shares of one parliament
    assert json.loads(run_cli("power", "--parlgov", "--country", "NZL", "--index", "banzhaf", "--json").out) == data
    r = run_cli("power", "--parlgov", "--country", "NZL", "--index", "banzhaf", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert r.code == 0 and len(rows) == len(data["rows"])
    assert [row["party_short"] for row in rows] == [row["party_short"] for row in data["rows"]]
    assert {row["banzhaf_exact"] for row in rows} == {row["banzhaf_exact"] for row in data["rows"]}
