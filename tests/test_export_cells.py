"""Exported figures read as what they are. An exact power index in a CSV is given as numbers too: a spreadsheet opening ``1/2`` or ``9/14`` reads a
date (2 January, 14 September), so ``power --format csv`` and ``power --parlgov`` write each fraction's
numerator and denominator in columns of their own (``banzhaf_exact_num``, ``banzhaf_exact_den``), beside the
text ``banzhaf_exact``. The report's table of a motion's dates gives each as ISO 8601 too."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from fractions import Fraction

from conftest import CliResult


def test_a_weighted_game_s_fractions_are_numbers(run_cli: Callable[..., CliResult]) -> None:
    """Quota 4, weights 3, 2, 2, by hand: the 3 turns {2} and the other {2} from losing to winning, and each
    2 turns {3} and {2}: two swings each of six, Banzhaf 1/3; Penrose 2 of the 4 coalitions of the others, 1/2."""
    r = run_cli("power", "--quota", "4", "3", "2", "2", "--format", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    for row in rows:
        assert (row["banzhaf_exact_num"], row["banzhaf_exact_den"]) == ("1", "3")
        assert (row["penrose_exact_num"], row["penrose_exact_den"]) == ("1", "2")
        for column in [c for c in row if c.endswith("_exact")]:
            num, den = int(row[f"{column}_num"]), int(row[f"{column}_den"])
            assert Fraction(num, den) == Fraction(row[column])
            assert abs(num / den - float(row[column.removesuffix("_exact")])) < 1e-12


def test_the_parlgov_sweep_s_fractions_are_numbers(run_cli: Callable[..., CliResult]) -> None:
    r = run_cli("power", "--parlgov", "--country", "DEU")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert rows
    for row in rows:
        if row["banzhaf_exact"]:
            num, den = int(row["banzhaf_exact_num"]), int(row["banzhaf_exact_den"])
            assert Fraction(num, den) == Fraction(row["banzhaf_exact"])
            assert abs(num / den - float(row["banzhaf"])) < 1e-12


def test_the_report_s_key_dates_carry_iso_dates() -> None:
    """Bundestag 1972 (de-bt-1972.yaml): the motion was filed on 24 April 1972 and voted on 27 April; the
    report's table of those dates gives each in words and as ISO 8601, as a spreadsheet or a script reads it."""
    import re

    from whipcount.io.scenario import load_scenario
    from whipcount.report import build_report

    html = build_report(load_scenario("de-bt-1972"))
    cells = dict(re.findall(r"<tr><th scope=\"row\">(\w+)</th><td><time datetime=\"([\d-]+)\">[^<]+</time></td></tr>", html))
    assert cells == {"filed": "1972-04-24", "voted": "1972-04-27"}


SCRIPTS = """\
chamber: {name: "लोक सभा", rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: "भारतीय जनता पार्टी", short: "भाजपा", seats: 6, side: government}
  - {id: blue, name: "حزب الشعب", seats: 4, side: opposition}
  - {id: green, name: "緑の党", seats: 1, side: other}
members:
  - {id: ann, name: "אנה כהן", party: red}
motion: {kind: no-confidence, target: "Ω", filed: 2020-01-15, vote: 2020-02-05}
"""


def test_every_csv_is_utf8_with_its_names_as_written(tmp_path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """No byte-order mark (the days' files stack), and every name comes back as the file spells it."""
    path = tmp_path / "s.yaml"
    path.write_text(SCRIPTS, encoding="utf-8")
    outputs = {}
    for command in ("tally", "count", "forecast", "outcome", "power", "cases"):
        r = run_cli(command, str(path), "--format", "csv")
        assert r.code == 0, r.err
        outputs[command] = r.out
    for kind in ("seats", "members"):
        out = tmp_path / f"{kind}.csv"
        assert run_cli("export", "csv", str(path), "--kind", kind, "-o", str(out)).code == 0
        data = out.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf")
        outputs[f"export {kind}"] = data.decode("utf-8")
    for what, text in outputs.items():
        cells = {c for row in csv.reader(io.StringIO(text)) for c in row}
        assert not text.startswith("\ufeff"), what
        wanted = {"export members": {"אנה כהן", "भारतीय जनता पार्टी"}, "cases": {"लोक सभा", "Ω"},
                  "outcome": {"Ω"}, "count": {"भाजपा", "حزب الشعب"}, "forecast": {"s"},
                  "power": {"भाजपा", "حزب الشعب", "緑の党"}}.get(what, {"भारतीय जनता पार्टी", "حزب الشعب", "緑の党"})
        assert wanted <= cells, (what, wanted - cells)
