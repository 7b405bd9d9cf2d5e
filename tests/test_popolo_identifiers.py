"""Identifiers in other datasets (Wikidata, ParlGov, official, parlparse, ...) through Popolo and YAML."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.popolo import export_popolo, import_popolo
from whipcount.io.scenario import parse_scenario
from whipcount.io.writer import dump_scenario
from whipcount.io.yamlsource import load_yaml_text

FIXTURE = Path(__file__).parent / "fixtures" / "interchange" / "ep-popolo-examplia.json"
SIDES = {"red": "government", "green": "government", "blue": "opposition", "independent": "other"}
OPTIONS: dict[str, Any] = {"rules": "pk-na", "term": "term/2", "sides": SIDES}


def bundle() -> dict[str, Any]:
    return json.loads(FIXTURE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def pairs(obj: dict[str, Any]) -> set[tuple[str, str]]:
    return {(i["scheme"], i["identifier"]) for i in obj.get("identifiers", [])}


def test_every_identifier_survives_import_yaml_and_export() -> None:
    original = bundle()
    sc = import_popolo(original, "ep.json", **OPTIONS).scenario
    again = parse_scenario(load_yaml_text(dump_scenario(sc), "examplia.yaml"), default_id=sc.id)
    out = export_popolo(again)
    # the persons and parties of the fixture, by the ids whipcount gives them (party/red → red)
    persons = {p["id"]: p for p in out["persons"]}
    orgs = {o["id"]: o for o in out["organizations"]}
    for person in original["persons"]:
        assert pairs(persons[person["id"]]) == pairs(person), person["name"]
    for org in original["organizations"]:
        if org.get("classification") == "party":
            assert pairs(orgs[org["id"].rsplit("/", 1)[-1]]) == pairs(org), org["name"]
    # the numbers, written out: Ana Arrow has 3 identifiers, the Red Party 3, Ben Birch 1
    ana = next(p for p in out["persons"] if p["name"] == "Ana Arrow")
    assert ana["identifiers"] == [
        {"scheme": "wikidata", "identifier": "Q900001"},
        {"scheme": "everypolitician_legacy", "identifier": "ex-0001"},
        {"scheme": "parlparse", "identifier": "uk.org.publicwhip/person/90001"},
    ]
    assert pairs(orgs["red"]) == {("wikidata", "Q900201"), ("parlgov", "4242"), ("official", "EX-RED-01")}


def test_the_model_keeps_wikidata_and_parlgov_in_their_fields() -> None:
    sc = import_popolo(bundle(), "ep.json", **OPTIONS).scenario
    red = next(p for p in sc.parties if p.id == "red")
    assert (red.wikidata, red.parlgov, red.identifiers) == ("Q900201", 4242, (("official", "EX-RED-01"),))
    ana = next(m for m in sc.members if m.name == "Ana Arrow")
    assert ana.wikidata == "Q900001"
    assert ana.identifiers == (("everypolitician_legacy", "ex-0001"), ("parlparse", "uk.org.publicwhip/person/90001"))
    text = dump_scenario(sc)
    assert "    identifiers:\n      everypolitician_legacy: ex-0001\n" in text


def test_schemes_are_read_in_lower_case_and_a_repeat_once() -> None:
    data = bundle()
    data["persons"][1]["identifiers"] = [
        {"scheme": "Official", "identifier": " EX-0002 "}, {"scheme": "official", "identifier": "EX-0002"},
    ]
    sc = import_popolo(data, "ep.json", **OPTIONS).scenario
    ben = next(m for m in sc.members if m.name == "Ben Birch")
    assert ben.identifiers == (("official", "EX-0002"),)


@pytest.mark.parametrize(
    ("where", "ids", "message"),
    [
        ("persons", [{"scheme": "", "identifier": "x"}],
         r"^ep.json: persons\[1\].identifiers\[0\]: an identifier's scheme is empty"),
        ("persons", [{"scheme": "official", "identifier": "  "}],
         r"^ep.json: persons\[1\].identifiers\[0\]: the official identifier is empty$"),
        ("persons", [{"scheme": "official", "identifier": "A"}, {"scheme": "wikidata", "identifier": "42"}],
         r"^ep.json: persons\[1\].identifiers\[1\]: expected a Wikidata id such as Q42, got '42'$"),
        ("persons", [{"scheme": "official", "identifier": "A"}, {"scheme": "official", "identifier": "B"}],
         r"^ep.json: persons\[1\].identifiers\[1\]: a second official identifier 'B' \(identifiers\[0\] is 'A'\)"),
        ("organizations", [{"scheme": "parlgov", "identifier": "red"}],
         r"^ep.json: organizations\[1\].identifiers\[0\]: expected a ParlGov id \(a whole number\), got 'red'$"),
        ("organizations", [{"scheme": "wikidata", "identifier": "Q0"}],
         r"^ep.json: organizations\[1\].identifiers\[0\]: expected a Wikidata id such as Q42, got 'Q0'$"),
    ],
)
def test_a_malformed_identifier_is_one_line_naming_its_path(where: str, ids: list[Any], message: str) -> None:
    data = copy.deepcopy(bundle())
    data[where][1]["identifiers"] = ids
    with pytest.raises(InterchangeError, match=message) as info:
        import_popolo(data, "ep.json", **OPTIONS)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("length", [500, 501])
def test_an_identifier_may_run_to_500_characters(length: int) -> None:
    # the bound the error states: 500 characters are kept whole, 501 are refused
    data = copy.deepcopy(bundle())
    data["persons"][1]["identifiers"] = [{"scheme": "official", "identifier": "E" * length}]
    if length <= 500:
        sc = import_popolo(data, "ep.json", **OPTIONS).scenario
        assert next(m for m in sc.members if m.name == "Ben Birch").identifiers == (("official", "E" * 500),)
        return
    with pytest.raises(InterchangeError, match=r"^ep.json: persons\[1\].identifiers\[0\]: expected the official "
                                               r"identifier as printable text on one line \(up to 500 characters\)"):
        import_popolo(data, "ep.json", **OPTIONS)


@pytest.mark.parametrize(("foreign", "mine"), [
    ("r" * 79 + ".", "r" * 79 + "."),  # 80 characters: kept as it is (made into an id, the dot would go)
    ("r" * 80 + ".", "r" * 80),  # 81: made into an id of 80
])
def test_an_organization_id_is_kept_whole_up_to_80_characters(foreign: str, mine: str) -> None:
    text = FIXTURE.read_text(encoding="utf-8").replace('"party/red"', json.dumps(foreign))
    sides = {**{k: v for k, v in SIDES.items() if k != "red"}, mine: "government"}  # no party 'red' now
    sc = import_popolo(json.loads(text), "ep.json", **{**OPTIONS, "sides": sides}).scenario
    assert mine in {p.id for p in sc.parties}


def test_two_organizations_ending_alike_keep_their_whole_ids_apart() -> None:
    # "party/red" becomes "red"; "bloc/red" would become "red" too, so it keeps its whole id, made into one
    text = FIXTURE.read_text(encoding="utf-8").replace('"party/blue"', '"bloc/red"')
    sides = {**{k: v for k, v in SIDES.items() if k != "blue"}, "bloc-red": "opposition"}  # no party 'blue' now
    sc = import_popolo(json.loads(text), "ep.json", **{**OPTIONS, "sides": sides}).scenario
    result = import_popolo(json.loads(text), "ep.json", **{**OPTIONS, "sides": sides})
    assert {"red", "bloc-red"} <= {p.id for p in result.scenario.parties} and "blue" not in {p.id for p in sc.parties}
    # each id changed is said once, and an id kept as it is is not
    said = [w for w in result.warnings if "is not a whipcount id" in w]
    # named where they are: the fixture's second and third organizations
    assert "ep.json: organizations[1].id: 'party/red' is not a whipcount id: read as 'red'" in said
    assert "ep.json: organizations[2].id: 'bloc/red' is not a whipcount id: read as 'bloc-red'" in said
    assert len(said) == len(set(said)) and not any("read as 'term" in w for w in said)
