"""A party named on the command line: by its id, or (ignoring case) by its short name or full name, as
the tables show it. The answers must be the same as with the id; a name two parties share is refused."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InputError
from whipcount.io.scenario import load_scenario

Run = Callable[..., Any]


def test_every_bundled_party_is_found_by_id_short_and_name() -> None:
    sc = load_scenario("pk-na-2022")
    assert len(sc.parties) >= 10
    for p in sc.parties:
        assert sc.party_id(p.id) == p.id
        assert sc.party_id(p.name.upper()) == p.id
        if p.short:
            assert sc.party_id(f" {p.short.lower()} ") == p.id


def test_a_name_no_party_has_comes_back_as_written() -> None:
    sc = load_scenario("pk-na-2022")
    for text in ("nobody", "", "Tehreek", "PTI-N"):  # a part of a name is not the name
        assert sc.party_id(text) == text
    assert sc.party_id("pti ") == "pti"  # spaces around a name do not hide it


def test_a_name_two_parties_share_is_refused(tmp_path: Path) -> None:
    sc = load_scenario("pk-na-2022")
    a, b = sc.parties[0], sc.parties[1]
    twin = type(sc.parties[0])(**{**{f: getattr(b, f) for f in b.__dataclass_fields__}, "short": a.name})
    clash = type(sc)(**{**{f: getattr(sc, f) for f in sc.__dataclass_fields__},
                        "parties": (a, twin, *sc.parties[2:])})
    with pytest.raises(InputError, match="more than one party") as err:
        clash.party_id(a.name.lower())
    assert a.id in str(err.value) and b.id in str(err.value)
    assert clash.party_id(a.id) == a.id  # an id is always exact


def test_what_if_by_short_name_matches_the_id(run_cli: Run) -> None:
    by_id = run_cli("what-if", "pk-na-2022", "--on", "2022-03-25", "--switch", "mqm-p", "--absent", "bap:2",
                    "--json")
    by_name = run_cli("what-if", "pk-na-2022", "--on", "2022-03-25", "--switch", "MQM-P", "--absent", "BAP:2",
                      "--json")
    assert by_id.code == by_name.code == 0, by_name.err
    runs = json.loads(by_name.out)["runs"]
    assert runs == json.loads(by_id.out)["runs"]
    assert runs[1]["committed_yes"] > runs[0]["committed_yes"]  # MQM-P's 7 seats move to yes


def test_together_and_speaker_by_name_match_the_id(run_cli: Run, tmp_path: Path) -> None:
    args = ("forecast", "pk-na-2022", "--on", "2022-03-25", "--json", "--together")
    by_id = json.loads(run_cli(*args, "pml-q,bap:0.9").out)
    by_name = json.loads(run_cli(*args, "PML-Q,Balochistan Awami Party:0.9").out)
    assert by_name["p_pass"] == by_id["p_pass"]
    plain = json.loads(run_cli("forecast", "pk-na-2022", "--on", "2022-03-25", "--json").out)
    assert plain["p_pass"] != by_id["p_pass"]  # the group changes the answer, so the names were read
    one, two = tmp_path / "a.svg", tmp_path / "b.svg"
    assert run_cli("chart", "pk-na-2022", "--speaker", "pti:Asad Qaiser", "-o", str(one)).code == 0
    assert run_cli("chart", "pk-na-2022", "--speaker", "PTI:Asad Qaiser", "-o", str(two)).code == 0
    assert one.read_bytes() == two.read_bytes() and b"Asad Qaiser" in one.read_bytes()


def test_an_unknown_party_still_lists_the_ids(run_cli: Run) -> None:
    r = run_cli("what-if", "pk-na-2022", "--on", "2022-03-25", "--switch", "nobody")
    assert r.code == 1 and "'nobody'" in r.err and "mqm-p" in r.err
