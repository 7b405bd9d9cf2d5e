"""The EU Council populations compared with the Council's own table for 2024: Council Decision (EU, Euratom)
2023/2827 of 12 December 2023, Annex III (OJ L, 2023/2827, 14.12.2023), whose German text reads "Deutschland
84 311 244 18,72; Frankreich 68 070 697 15,11; Italien 59 691 110 13,25; Spanien 48 063 694 10,67; Polen
37 723 532 8,37; Rumänien 19 051 562 4,23" (the rows that could be read). The file's rows are Eurostat's; these tests
hold what the comparison found: where they agree, where they differ, and that the file and its readers say so."""

from __future__ import annotations

from importlib import resources

from whipcount.power import named

# Council Decision (EU, Euratom) 2023/2827, Annex III, typed in from the Official Journal's German text.
COUNCIL_2024 = {"DE": 84_311_244, "FR": 68_070_697, "IT": 59_691_110, "ES": 48_063_694, "PL": 37_723_532,
                "RO": 19_051_562}


def _file() -> tuple[list[str], dict[str, int]]:
    text = resources.files("whipcount").joinpath("data/eu_council/population_2024.csv").read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    rows = [line.split(",") for line in text.splitlines() if line and not line.startswith(("#", "code,"))]
    return header, {code: int(pop) for code, _, pop in rows}


def test_france_and_romania_are_the_council_s_figures() -> None:
    _, rows = _file()
    assert rows["FR"] == COUNCIL_2024["FR"] and rows["RO"] == COUNCIL_2024["RO"]


def test_the_four_rows_that_differ_are_named_with_the_council_s_figure() -> None:
    header, rows = _file()
    text = " ".join(header)
    assert "2023/2827" in text and "OJ L, 2023/2827, 14.12.2023" in text
    for code in ("DE", "IT", "ES", "PL"):
        assert rows[code] != COUNCIL_2024[code], code
        assert f"{COUNCIL_2024[code]:,}" in text and f"{rows[code]:,}" in text, code
        assert f"{COUNCIL_2024[code] - rows[code]:+,}" in text, code   # the difference, Council minus file


def test_the_council_s_total_is_not_the_file_s() -> None:
    # Germany's 84,311,244 is 18.72 % of the Council's total (rounded): that total lies between 450.26 and 450.50
    # million, above the file's 448,387,872, so the file's quota cannot be the Council's.
    _, rows = _file()
    low, high = 84_311_244 / 0.18725, 84_311_244 / 0.18715
    assert sum(rows.values()) == 448_387_872 < low < high
    assert named.eu_council(2024).verified is False


def test_the_table_caption_does_not_claim_the_council_s_figures(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("power", "--game", "eu-council-2024").out
    assert "UNVERIFIED" in out and "not confirmed as the Council's own" in out
