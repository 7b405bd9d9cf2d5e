"""``--bom`` on every command that writes a CSV: the file starts with the UTF-8 byte-order mark (the bytes
EF BB BF, U+FEFF encoded, as the Unicode standard gives them), so that Excel, opening it with a double-click,
reads names in Urdu, Hebrew or Japanese as written instead of in the computer's code page. Without it the CSV
is as before; the mark is added once, before the header, and nothing else changes. Where a command writes no
CSV, ``--bom`` is refused by name, never ignored."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest

UTF8_BOM = b"\xef\xbb\xbf"

# every command that writes a CSV, as a user types it (the ParlGov sweep kept to one country)
CSV_COMMANDS = [
    ("tally", "pk-na-2022", "--format", "csv"),
    ("count", "pk-na-2022", "--on", "2022-03-30", "--format", "csv"),
    ("forecast", "pk-na-2022", "--on", "2022-03-30", "--format", "csv"),
    ("outcome", "pk-na-2022", "--format", "csv"),
    ("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "174", "--format", "csv"),
    ("power", "pk-na-2022", "--index", "banzhaf", "--format", "csv"),
    ("power", "--parlgov", "--country", "MLT"),
    ("compare", "pk-na-2022", "pk-pa-punjab-2022", "--format", "csv"),
    ("cases", "pk-na-2022", "--format", "csv"),
    ("export", "csv", "pk-na-2022"),
]

NAMES = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: پاکستان تحریک انصاف, seats: 5, side: government}
  - {id: blue, name: הליכוד, seats: 3, side: opposition}
  - {id: green, name: 自由民主党, seats: 2, side: opposition}
events: []
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
"""


@pytest.mark.parametrize("args", CSV_COMMANDS, ids=lambda a: " ".join(a[:3]))
def test_bom_starts_the_csv_and_changes_nothing_else(run_cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    plain, marked = run_cli(*args), run_cli(*args, "--bom")
    assert plain.code == marked.code == 0, (plain.err, marked.err)
    assert not plain.out.startswith("\ufeff")
    assert marked.out == "\ufeff" + plain.out
    assert next(csv.reader(io.StringIO(marked.out.removeprefix("\ufeff"))))  # a header follows the mark


def test_names_in_any_script_are_written_after_the_mark(run_cli, write_scenario, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "seats.csv"
    r = run_cli("export", "csv", str(write_scenario(NAMES)), "--kind", "seats", "--bom", "-o", str(out))
    assert r.code == 0, r.err
    data = out.read_bytes()
    assert data.startswith(UTF8_BOM) and not data[3:].startswith(UTF8_BOM)
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {row["name"] for row in rows} == {"پاکستان تحریک انصاف", "הליכוד", "自由民主党"}
    assert list(rows[0])[0] == "party"  # the first column's name without the mark


def test_a_csv_with_the_mark_reads_back_as_one_without(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = tmp_path / "a" / "seats.csv", tmp_path / "b" / "seats.csv"
    assert run_cli("export", "csv", "pk-na-2022", "-o", str(a)).code == 0
    assert run_cli("export", "csv", "pk-na-2022", "--bom", "-o", str(b)).code == 0
    ya, yb = tmp_path / "a" / "seats.yaml", tmp_path / "b" / "seats.yaml"
    for src, dst in ((a, ya), (b, yb)):
        r = run_cli("import", "csv", str(src), "--rules", "pk-na", "-o", str(dst))
        assert r.code == 0, r.err
    assert ya.read_text(encoding="utf-8") == yb.read_text(encoding="utf-8")


def test_the_mark_is_the_first_bytes_on_standard_output() -> None:
    r = subprocess.run([sys.executable, "-m", "whipcount", "tally", "pk-na-2022", "--format", "csv", "--bom"],
                       capture_output=True, check=False, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(UTF8_BOM + b"scenario,")


@pytest.mark.parametrize("args", [
    ("tally", "pk-na-2022"), ("tally", "pk-na-2022", "--json"), ("count", "pk-na-2022", "--format", "json"),
    ("cases", "pk-na-2022"), ("power", "--parlgov", "--country", "MLT", "--json"),
], ids=" ".join)
def test_bom_where_no_csv_is_written_is_refused(run_cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(*args, "--bom")
    assert r.code != 0
    assert "--bom" in r.err and "--format csv" in r.err
    assert r.out == ""


def test_a_refused_bom_writes_no_file(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "sweep.json"
    r = run_cli("power", "--parlgov", "--country", "MLT", "--json", "--bom", "-o", str(out))
    assert r.code != 0 and not out.exists()
