"""A Popolo bundle's own sources (``sources: [{url, note}]`` of a person, a party, the legislature or a
membership) are kept as the member's, party's and chamber's sources, where they were left out; a note has
no place in a scenario's source and is named; a source that is not one is refused at its place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError
from whipcount.io.popolo import dump_popolo, import_popolo, read_popolo


def bundle() -> dict[str, Any]:
    return {
        "persons": [{"id": "ann", "name": "Ann", "sources": [{"url": "https://example.org/ann"}]},
                    {"id": "bob", "name": "Bob"}],
        "organizations": [
            {"id": "house", "name": "House", "classification": "legislature",
             "sources": [{"url": "https://example.org/house", "note": "the house's own page"}]},
            {"id": "red", "name": "Red", "classification": "party", "sources": [{"url": "https://example.org/red"}]},
        ],
        "memberships": [
            {"person_id": "ann", "organization_id": "house", "on_behalf_of_id": "red", "start_date": "2020-01-01",
             "sources": [{"url": "https://example.org/roll"}, {"url": "https://example.org/ann"}]},
            {"person_id": "bob", "organization_id": "house", "on_behalf_of_id": "red", "start_date": "2020-01-01"},
        ],
    }


def urls(sources: Any) -> list[str]:
    return [s.url for s in sources]


def test_sources_are_kept_where_the_scenario_has_them() -> None:
    result = import_popolo(bundle(), "b.json", rules="pk-na")
    sc = result.scenario
    ann, bob = sc.members
    # Ann's own, then her membership's (its repeat of hers kept once)
    assert urls(ann.sources) == ["https://example.org/ann", "https://example.org/roll"]
    assert urls(bob.sources) == []
    assert urls(sc.parties[0].sources) == ["https://example.org/red"]
    assert urls(sc.chamber.sources) == ["https://example.org/house"]
    assert not any("left out: sources" in w for w in result.warnings)


def test_a_source_s_note_is_named_as_left_out() -> None:
    warnings = import_popolo(bundle(), "b.json", rules="pk-na").warnings
    assert "b.json: organizations: sources: fields whipcount does not keep, left out: note (1 of 2)" in warnings


def test_the_sources_read_come_back_from_whipcount_s_own_bundle() -> None:
    sc = import_popolo(bundle(), "b.json", rules="pk-na").scenario
    again = import_popolo(json.loads(dump_popolo(sc)), "again.json", strict=True).scenario
    assert [urls(m.sources) for m in again.members] == [urls(m.sources) for m in sc.members]
    assert urls(again.parties[0].sources) == ["https://example.org/red"]
    assert urls(again.chamber.sources) == ["https://example.org/house"]


def test_a_source_that_is_no_address_is_refused_at_its_place(tmp_path: Path) -> None:
    data = bundle()
    data["organizations"][1]["sources"] = [{"url": "javascript:alert(1)"}]
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data).replace('{"id": "red"', '\n{"id": "red"'), encoding="utf-8")  # line 2
    with pytest.raises(InterchangeError) as err:
        read_popolo(path, rules="pk-na")
    assert str(err.value) == f"{path}:2: organizations[1].sources[0].url: expected an http:// or https:// " \
        "address, got 'javascript:alert(1)'"
