"""Files as other tools and spreadsheets write them: a CSV saved with semicolons or tabs (a spreadsheet set to
a language whose decimal mark is a comma), trailing empty cells, a byte-order mark and Windows line endings
are read as the comma-separated file they stand for; what a file holds that whipcount does not keep (a
column of its own, a person's birth date, a committee's memberships) is named in one warning, never dropped
without a word. The truths are the files written by hand below."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CliResult
from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv
from whipcount.io.popolo import export_popolo, import_popolo
from whipcount.io.scenario import load_scenario

SEATS = "party,seats,side\nRed,5,government\nBlue,4,opposition\n"
TRUTH = {"red": (5, "government"), "blue": (4, "opposition")}


def _seats(text: str, **options: Any) -> dict[str, tuple[int, str]]:
    result = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=9, **options)
    return {p.id: (p.seats, p.side) for p in result.scenario.parties}


@pytest.mark.parametrize("text", [
    SEATS.replace(",", ";"),
    SEATS.replace(",", ";").replace("\n", "\r\n"),
    "\ufeff" + SEATS.replace(",", ";").replace("\n", "\r\n"),
    SEATS.replace(",", "\t"),
    '"party";"seats";"side"\n"Red";"5";"government"\n"Blue";"4";"opposition"\n',
], ids=["semicolons", "semicolons-crlf", "semicolons-bom-crlf", "tabs", "semicolons-quoted"])
def test_a_table_saved_with_semicolons_or_tabs_is_read_as_with_commas(text: str) -> None:
    assert _seats(text) == TRUTH


def test_a_semicolon_file_keeps_the_commas_inside_its_cells() -> None:
    text = "party;name;seats;side\nred;Red, the Party;5;government\nblue;Blue;4;opposition\n"
    result = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=9)
    assert [p.name for p in result.scenario.parties] == ["Red, the Party", "Blue"]


def test_empty_cells_past_the_header_are_a_spreadsheet_s_and_are_read() -> None:
    assert _seats("party,seats,side\r\nRed,5,government,,\r\nBlue,4,opposition,\r\n") == TRUTH


def test_a_filled_cell_past_the_header_is_still_named_by_its_line() -> None:
    with pytest.raises(InterchangeError, match=r"^t\.csv:3: 4 cells but the header has 3 columns$"):
        _seats("party,seats,side\nRed,5,government,\nBlue,4,opposition,x\n")


def test_columns_whipcount_does_not_read_are_named_with_how_many_rows_fill_them() -> None:
    text = ("id,name,group,start_date,end_date,gender,,shoe_size,email\n"
            "a,Ann,Red,,,female,x,38,\n"
            "b,Bob,Blue,,,,,44,\n"
            "c,Cy,Blue,,,male,,,\n")
    result = import_csv(text, "m.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=3,
                        sides={"red": "government", "blue": "opposition"})
    assert [w for w in result.warnings if "left out" in w] == [
        "m.csv:1: columns whipcount does not read, left out: 'gender' (2 of 3 rows), column 7 (no name) "
        "(1 of 3 rows), 'shoe_size' (2 of 3 rows)"]  # email is empty in every row: nothing is lost


def test_a_seat_table_whipcount_wrote_leaves_nothing_out() -> None:
    from whipcount.io.csvio import export_csv

    sc = load_scenario("pk-na-2022")
    for kind in ("seats", "members"):
        result = import_csv(export_csv(sc, kind), "t.csv", rules="pk-na", as_of=sc.chamber.as_of,
                            seats=sc.chamber.seats, default_side="government")
        assert not [w for w in result.warnings if "left out" in w], kind


# -- Popolo, as EveryPolitician and others publish it ------------------------------------------------------
def _bundle() -> dict[str, Any]:
    return {
        "meta": {"generated": "2020-01-01"},
        "persons": [
            {"id": "p1", "name": "Zoë Ångström", "birth_date": "1970", "gender": "female",
             "other_names": [{"name": "Zoe Angstrom"}], "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}]},
            {"id": "p2", "name": "Łukasz Żółć", "gender": "male", "contact_details": []},
            {"id": "p3", "name": "Bob Brown", "birth_date": ""},
        ],
        "organizations": [
            {"id": "leg", "name": "Toy Assembly", "classification": "legislature", "seats": 3},
            {"id": "red", "name": "Red Party", "classification": "party", "srgb": "#ff0000",
             "other_names": [{"name": "RP", "note": "abbreviation"}]},
            {"id": "blue", "name": "Blue Party", "classification": "party",
             "other_names": [{"name": "BP", "note": "abbreviation"}, {"name": "Blauwe Partij", "lang": "nl"}]},
            {"id": "finance", "name": "Finance Committee", "classification": "committee"},
        ],
        "memberships": [
            {"person_id": "p1", "organization_id": "leg", "on_behalf_of_id": "red", "role": "member"},
            {"person_id": "p2", "organization_id": "leg", "on_behalf_of_id": "blue", "role": "Speaker"},
            {"person_id": "p3", "organization_id": "leg", "on_behalf_of_id": "blue", "start_date": "2020-01-01"},
            {"person_id": "p1", "organization_id": "finance", "role": "chair"},
            {"person_id": "p3", "organization_id": "finance"},
            {"person_id": "p3", "start_date": "2020-01-01"},
        ],
    }


def test_fields_whipcount_does_not_keep_are_named_once_for_each_kind_of_object() -> None:
    result = import_popolo(_bundle(), "ep.json", rules="pk-na", sides={"red": "government", "blue": "opposition"})
    left_out = [w for w in result.warnings if "left out" in w]
    assert left_out == [
        "ep.json: persons: fields whipcount does not keep, left out: birth_date (1 of 3), gender (2 of 3), "
        "other_names (1 of 3)",  # Bob's empty birth date and Łukasz's empty contacts hold nothing
        "ep.json: organizations: fields whipcount does not keep, left out: other_names (1 of 4), srgb (1 of 4)",
        "ep.json: memberships: fields whipcount does not keep, left out: role (2 of 6)",  # Speaker, chair
        "ep.json: keys whipcount does not read, left out: meta",
        "ep.json: memberships: 3 membership(s) of an organization that is neither the chamber nor a party, "
        "left out: 'finance' (2), no organization_id (1)",
    ]
    # what is kept is kept: the names as written, the abbreviation as the short name
    assert [m.name for m in result.scenario.members] == ["Zoë Ångström", "Łukasz Żółć", "Bob Brown"]
    assert {p.id: p.short for p in result.scenario.parties} == {"red": "RP", "blue": "BP"}


def test_memberships_of_a_party_itself_are_named_as_left_out() -> None:
    # Popolo lets a party's members be memberships of the party: whipcount reads a member's party from the
    # chamber membership's on_behalf_of_id, so Bob's two (since 2010, and a second one) are named
    bundle = _bundle()
    bundle["memberships"] += [{"person_id": "p3", "organization_id": "blue", "start_date": "2010"},
                              {"person_id": "p3", "organization_id": "blue", "start_date": "2015"}]
    result = import_popolo(bundle, "ep.json", rules="pk-na", sides={"red": "government", "blue": "opposition"})
    assert "ep.json: memberships: 2 membership(s) of a party itself, left out (a member's party is read from a " \
        "membership of the chamber, its on_behalf_of_id): 'blue' (2)" in result.warnings


def test_strict_refuses_a_bundle_that_would_lose_a_field() -> None:
    with pytest.raises(InterchangeError, match=r"left out: .* \(--strict; "):
        import_popolo(_bundle(), "ep.json", rules="pk-na", sides={"red": "government", "blue": "opposition"},
                      as_of=dt.date(2020, 1, 1), strict=True)


@pytest.mark.parametrize("sid", ["pk-na-2022", "pk-pa-punjab-2022", "jp-hr-2024"])
def test_a_bundle_whipcount_wrote_leaves_nothing_out(sid: str) -> None:
    result = import_popolo(json.loads(json.dumps(export_popolo(load_scenario(sid)))), f"{sid}.json")
    assert result.warnings == ()


def test_the_commands_read_a_semicolon_table_and_warn_of_a_popolo_field(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    table, bundle, out = tmp_path / "t.csv", tmp_path / "ep.json", tmp_path / "out.yaml"
    table.write_bytes(b"\xef\xbb\xbfparty;seats;side\r\nRed;5;government\r\nBlue;4;opposition\r\n")
    r = run_cli("import", "csv", str(table), "--rules", "pk-na", "--as-of", "2020-01-01", "--seats", "9",
                "-o", str(out))
    assert r.code == 0, r.err
    assert {p.id: (p.seats, p.side) for p in load_scenario(out).parties} == TRUTH
    bundle.write_text(json.dumps(_bundle(), ensure_ascii=False, indent=1), encoding="utf-8")
    r = run_cli("import", "popolo", str(bundle), "--rules", "pk-na", "--side", "red=government",
                "--side", "blue=opposition", "-o", str(out))
    assert r.code == 0, r.err
    assert f"warning: {bundle}:5: persons: fields whipcount does not keep, left out: birth_date" in r.err


def _numbered() -> dict[str, Any]:
    """A publisher that numbers its people, parties and chamber: ids as JSON numbers."""
    return {
        "persons": [{"id": 101, "name": "Ann", "identifiers": [{"scheme": "official", "identifier": 7001}]},
                    {"id": 102, "name": "Bob"}],
        "organizations": [{"id": 1, "name": "House", "classification": "legislature"},
                          {"id": 20, "name": "Red", "classification": "party"}],
        "memberships": [{"person_id": 101, "organization_id": 1, "on_behalf_of_id": 20},
                        {"person_id": 102, "organization_id": 1, "on_behalf_of_id": 20, "end_date": "2020-06-30"}],
    }


def test_ids_written_as_numbers_are_read_as_their_digits() -> None:
    result = import_popolo(_numbered(), "n.json", rules="pk-na", as_of=dt.date(2020, 1, 1), sides={"20": "government"})
    sc = result.scenario
    assert [(m.id, m.party) for m in sc.members] == [("101", "20"), ("102", "20")]
    assert dict(sc.members[0].identifiers) == {"official": "7001"}
    assert sc.state(dt.date(2020, 6, 30)).vacancies == 1  # Bob's seat, from his end_date


@pytest.mark.parametrize(("value", "said"), [(True, "a boolean (true/false)"), (1.5, "a number with a point"),
                                             ([1], "a list")])
def test_an_id_that_is_no_text_nor_whole_number_is_named_plainly(value: Any, said: str) -> None:
    data = _numbered()
    data["persons"][1]["id"] = value
    with pytest.raises(InterchangeError) as err:
        import_popolo(data, "n.json", rules="pk-na", as_of=dt.date(2020, 1, 1))
    assert str(err.value).startswith(f"n.json: persons[1].id: expected an id (text, or a whole number), got {said}")


def test_the_published_schema_takes_ids_written_as_numbers() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent.parent / "schemas" / "popolo.schema.json").read_text())
    jsonschema.validate(_numbered(), schema)
