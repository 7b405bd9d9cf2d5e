"""``--side PARTY=SIDE`` on import: PARTY must be a party of the file (else one line naming the file's
parties and the nearest id); where the file gives a side of its own, the file's is kept and a --side that
disagrees is a warning naming the line or field (an error with --strict)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv, read_csv
from whipcount.io.popolo import dump_popolo, import_popolo, read_popolo
from whipcount.io.scenario import load_scenario

HERE = Path(__file__).parent / "fixtures" / "interchange"
SEATS = "party,name,seats,side\nred,Red Party,6,government\nblue,Blue Party,4,opposition\ngreen,Green,1,\n"


def _seats(**options: object) -> object:
    return import_csv(SEATS, "seats.csv", rules="pk-na", as_of=dt.date(2023, 1, 1), seats=11, **options)


def test_a_party_is_named_as_the_file_or_whipcount_names_it_and_nothing_else() -> None:
    result = read_popolo(HERE / "ep-popolo-examplia.json", rules="pk-na", term="term/2",
                         sides={"party/red": "government", "blue": "opposition"})
    sides = {p.id: p.side for p in result.scenario.parties}
    assert (sides["red"], sides["blue"], sides["green"]) == ("government", "opposition", "other")
    with pytest.raises(InterchangeError, match=r"has no party 'party/reed' .*; did you mean 'party/red'\?$"):
        read_popolo(HERE / "ep-popolo-examplia.json", rules="pk-na", term="term/2", sides={"party/reed": "other"})


def test_an_unknown_party_in_a_seat_table_is_an_error_naming_the_parties() -> None:
    with pytest.raises(InterchangeError, match=r"^--side zz=government: seats\.csv has no party 'zz' "
                                               r"\(expected one of: blue, green, red\)$"):
        _seats(sides={"zz": "government"})
    with pytest.raises(InterchangeError, match=r"has no party 'gren' .*; did you mean 'green'\?$"):
        _seats(sides={"gren": "other"}, strict=False)


@pytest.mark.parametrize(("reader", "path", "options"), [
    (read_popolo, HERE / "ep-popolo-examplia.json", {"term": "term/2"}),
    (read_csv, HERE / "ep-term-examplia.csv", {}),
])
def test_a_typo_in_a_popolo_or_term_file_suggests_the_party(reader: Callable[..., object], path: Path,
                                                             options: dict[str, str]) -> None:
    with pytest.raises(InterchangeError, match=rf"^--side reed=government: .*{path.name} has no party 'reed' "
                                               r"\(expected one of: blue, green, independent, red\); "
                                               r"did you mean 'red'\?$"):
        reader(path, rules="pk-na", sides={"reed": "government"}, **options)


def test_a_side_column_that_disagrees_keeps_the_file_and_warns() -> None:
    result = _seats(sides={"red": "opposition", "blue": "opposition", "green": "other"})
    assert [p.side for p in result.scenario.parties] == ["government", "opposition", "other"]  # type: ignore[attr-defined]
    assert result.warnings == (  # type: ignore[attr-defined]
        "seats.csv:2: column 'side': 'red' sits on 'government' in the file; --side red=opposition is not used "
        "(the file's side wins: edit the file to change it)",)
    with pytest.raises(InterchangeError, match=r"^seats\.csv:2: column 'side': 'red' sits on 'government' .*"
                                               r"\(--strict; 1 warning\(s\) in all\)$"):
        _seats(sides={"red": "opposition", "green": "other"}, strict=True)


def test_a_whipcount_bundle_keeps_its_sides_and_warns() -> None:
    bundle = json.loads(dump_popolo(load_scenario("pk-na-2022")))
    result = import_popolo(bundle, "pk.json", sides={"pti": "opposition", "pml-n": "opposition"})
    assert {p.id: p.side for p in result.scenario.parties}["pti"] == "government"
    assert [w for w in result.warnings if "--side" in w] == [
        "pk.json: organizations[1].extras.side: 'pti' sits on 'government' in the file; --side pti=opposition "
        "is not used (the file's side wins: edit the file to change it)"]


def test_the_cli_says_it_in_one_line(run_cli: Callable[..., object], tmp_path: Path) -> None:
    out = tmp_path / "x.yaml"
    res = run_cli("import", "csv", str(HERE / "seats-examplia.csv"), "--rules", "pk-na", "--as-of", "2023-01-01",
                  "--seats", "8", "--side", "zz=government", "--strict", "-o", str(out))
    assert res.code == 1 and res.err.count("\n") == 1  # type: ignore[attr-defined]
    assert res.err.startswith("error: --side zz=government: ")  # type: ignore[attr-defined]
    assert "seats-examplia.csv has no party 'zz' (expected one of: " in res.err  # type: ignore[attr-defined]
    assert not out.exists()
