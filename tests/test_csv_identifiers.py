"""Identifiers through CSV: EveryPolitician's id, wikidata and identifier__SCHEME columns survive a round trip."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.csvio import import_csv, read_csv, seat_csv, term_csv
from whipcount.io.scenario import parse_scenario
from whipcount.io.writer import dump_scenario
from whipcount.io.yamlsource import load_yaml_text

TERM = Path(__file__).parent / "fixtures" / "interchange" / "ep-term-examplia.csv"
ID_COLUMNS = ("id", "wikidata", "identifier__parlparse")


def people(text: str) -> dict[str, tuple[str, ...]]:
    """id → (wikidata, parlparse), one entry per person, from a term CSV's rows."""
    return {row["id"]: tuple(row.get(c) or "" for c in ID_COLUMNS[1:]) for row in csv.DictReader(io.StringIO(text))}


def test_term_csv_ids_survive_import_yaml_and_export() -> None:
    original = TERM.read_text(encoding="utf-8")
    sc = read_csv(TERM, rules="pk-na").scenario
    again = parse_scenario(load_yaml_text(dump_scenario(sc), "examplia.yaml"), default_id=sc.id)
    out = term_csv(again)
    assert people(out) == people(original)
    # written out from the fixture: 8 people, Ana's and Gus's parlparse ids
    assert len(people(out)) == 8
    assert people(out)["0b1c6a3e-5d7a-4f1e-9a61-0a1b2c3d4e07"] == ("", "uk.org.publicwhip/person/90007")
    assert out.splitlines()[0].endswith(",wikidata,side,identifier__parlparse")


def test_an_id_that_is_not_a_whipcount_id_is_kept_as_the_ep_identifier() -> None:
    text = ("id,name,group,group_id,start_date,identifier__official\n"
            "Person/42,Ana,Red,red,2019-05-01,A-42\n"
            "Person/43,Ben,Red,red,2019-05-01,\n")
    result = import_csv(text, "t.csv", rules="pk-na")
    ana = result.scenario.members[0]
    assert ana.id == "42" and ana.identifiers == (("ep", "Person/42"), ("official", "A-42"))
    rows = list(csv.DictReader(io.StringIO(term_csv(result.scenario))))
    assert [(r["id"], r["identifier__official"]) for r in rows] == [("Person/42", "A-42"), ("Person/43", "")]
    assert "identifier__ep" not in rows[0]  # the EveryPolitician id is the id column


def test_seat_table_identifier_columns_round_trip() -> None:
    text = "party,seats,side,parlgov,identifier__official\nred,2,government,12,R-1\nblue,1,opposition,,\n"
    sc = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=3).scenario
    assert [(p.id, p.parlgov, p.identifiers) for p in sc.parties] == [
        ("red", 12, (("official", "R-1"),)), ("blue", None, ())]
    assert seat_csv(sc).splitlines()[0].endswith(",left_right,seats_total,chamber_name,seats_as_of,identifier__official")
    assert seat_csv(sc).splitlines()[1].endswith(",12,,3,Legislature,2019-05-01,R-1")


@pytest.mark.parametrize(
    ("text", "pattern"),
    [
        ("id,name,group_id,identifier__\nm1,Ana,red,x\n", r"^t.csv:1: column 'identifier__': an identifier's scheme is empty"),
        ("id,name,group_id,wikidata,identifier__wikidata\nm1,Ana,red,Q1,Q1\n",
         r"^t.csv:1: columns 'wikidata' and 'identifier__wikidata' both give wikidata ids$"),
        ("id,name,group_id,identifier__wikidata\nm1,Ana,red,Q01\n",
         r"^t.csv:2: column 'identifier__wikidata': expected a Wikidata id such as Q42, got 'Q01'$"),
        ("id,name,group_id,start_date,end_date,identifier__official\nm1,Ana,red,2019-05-01,2020-01-01,A\n"
         "m1,Ana,blue,2020-01-02,,B\n",
         r"^t.csv:3: column 'identifier__official': 'B', but line 2 gives 'A' for id 'm1'$"),
        ("id,name,group_id,identifier__ep\nm1,Ana,red,m2\n",
         r"^t.csv:2: column 'identifier__ep': 'm2', but column 'id' gives the EveryPolitician id 'm1'$"),
        ("party,seats,side,identifier__parlgov\nred,2,government,x\n",
         r"^t.csv:2: column 'identifier__parlgov': expected a ParlGov id \(a whole number\), got 'x'$"),
        ("party,seats,side,parlgov,identifier__parlgov\nred,2,government,7,8\n",
         r"^t.csv:2: column 'identifier__parlgov': '8' differs from the parlgov field's '7'"),
    ],
)
def test_a_malformed_identifier_names_line_and_column(text: str, pattern: str) -> None:
    with pytest.raises(InterchangeError, match=pattern) as info:
        import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=9)
    assert "\n" not in str(info.value)


def _id_lengths(node: object) -> set[int]:
    """The maxLength of every id (a string with the id pattern) anywhere in a JSON Schema."""
    found: set[int] = set()
    if isinstance(node, dict):
        if node.get("pattern") == "^[a-z0-9][a-z0-9._-]*$" and "maxLength" in node:
            found.add(node["maxLength"])
        for value in node.values():
            found |= _id_lengths(value)
    elif isinstance(node, list):
        for value in node:
            found |= _id_lengths(value)
    return found


def test_a_long_foreign_id_is_cut_to_the_longest_id_a_scenario_takes() -> None:
    # the published scenario schema says how long an id may be; a longer foreign one is cut to just that
    published = Path(__file__).parent.parent / "schemas" / "scenario.schema.json"
    (longest,) = _id_lengths(json.loads(published.read_text(encoding="utf-8")))
    gid = "Party of " + "very " * 40 + "long names"
    text = f"id,name,group,group_id,start_date\nm1,Ana,Red,{gid},2019-05-01\nm2,Ben,Blue,blue,2019-05-01\n"
    sc = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2020, 1, 1), seats=3).scenario
    party = sc.parties[0].id
    assert len(party) == longest and ("party-of-" + "very-" * 40 + "long-names").startswith(party)
