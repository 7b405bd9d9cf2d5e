"""A seat table whipcount wrote repeats the chamber's name, its size and the day its seats hold on every row.
Where a row gives another value (a cell edited by hand), the error names the line
of that row, the value the others give and the line it is first given on; it once listed the values alone
("found 'Toyland Ass', 'Toyland Assembly'"), leaving the reader to search the file.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

HEADER = "party,seats,side,seats_total,chamber_name,seats_as_of\n"
ROWS = [f"p{i},{10 + i},government,101,Toyland Assembly,2024-01-01" for i in range(5)]


def _import(run_cli: Callable[..., Any], tmp_path: Path, text: str) -> Any:
    table = tmp_path / "t.csv"
    table.write_text(text, encoding="utf-8")
    r = run_cli("import", "csv", str(table), "--rules", "pk-na", "-o", str(tmp_path / "out.yaml"))
    assert r.code == 1 and r.err.count("\n") == 1 and "Traceback" not in r.err
    assert not (tmp_path / "out.yaml").exists()
    return r.err.removeprefix(f"error: {table}")


def test_a_table_cut_short_names_the_last_line(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    text = HEADER + "\n".join(ROWS)
    cut = text[: text.rindex("Toyland Assembly") + len("Toyland Ass")] + "\n"
    # the row has 5 cells of the header's 6: it is refused as cut short, whatever its last cell says
    assert _import(run_cli, tmp_path, cut) == (":6: 5 cells but the header has 6 columns; expected a cell for each "
                                               "column, an empty one too (none for 'seats_as_of')\n")


def test_a_last_row_edited_by_hand_names_its_line(run_cli: Callable[..., Any], tmp_path: Path) -> None:
    text = HEADER + "\n".join(ROWS[:-1] + [ROWS[-1].replace("Toyland Assembly", "Toyland Ass")]) + "\n"
    assert _import(run_cli, tmp_path, text) == (":6: column 'chamber_name': expected one value in every row, "
                                                "'Toyland Assembly' as on line 2, got 'Toyland Ass'\n")


@pytest.mark.parametrize("column,index,odd", [("seats_total", 3, "100"), ("seats_as_of", 5, "2024-01-02"),
                                              ("chamber_name", 4, "Toyland")])
@pytest.mark.parametrize("row", [0, 2])
def test_the_odd_row_is_named_whichever_it_is(run_cli: Callable[..., Any], tmp_path: Path, column: str,
                                              index: int, odd: str, row: int) -> None:
    rows = [r.split(",") for r in ROWS]
    usual = rows[0][index]
    rows[row][index] = odd
    err = _import(run_cli, tmp_path, HEADER + "\n".join(",".join(r) for r in rows) + "\n")
    first_usual = 3 if row == 0 else 2  # the header is line 1
    assert err == (f":{row + 2}: column {column!r}: expected one value in every row, {usual!r} as on line "
                   f"{first_usual}, got {odd!r}\n")


@pytest.mark.parametrize("odd_rows,said", [
    ((1, 3), ":3: column 'seats_total': expected one value in every row, '101' as on line 2, got '99'; "
             "line 5 differs too"),
    ((0, 2, 4, 6, 8, 9, 10), ":2: column 'seats_total': expected one value in every row, '101' as on line 3, "
                             "got '99'; lines 4, 6, 8, 10, 11, ... differ too"),
])
def test_several_odd_rows_are_all_named(run_cli: Callable[..., Any], tmp_path: Path, odd_rows: tuple[int, ...],
                                        said: str) -> None:
    rows = [f"p{i},{i},government,101,Toyland Assembly,2024-01-01".split(",") for i in range(20)]
    for i in odd_rows:
        rows[i][3] = "99"
    assert _import(run_cli, tmp_path, HEADER + "\n".join(",".join(r) for r in rows) + "\n") == said + "\n"
