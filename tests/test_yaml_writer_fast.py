"""The scenario writer's own emitter writes, byte for byte, what PyYAML's pure-Python emitter writes with the
same settings (the writer's layout before it), and PyYAML's pure-Python loader reads it back as the data
given: on every bundled scenario, on a Popolo import of EveryPolitician's shape, on awkward strings and on
any data a scenario may hold. A Popolo file of 5,000 persons had spent two thirds of its import in PyYAML's
emitter."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generated_case import bundle_module
from strategies_interchange import states, without_origins
from whipcount.io.popolo import import_popolo
from whipcount.io.scenario import bundled_scenarios, load_scenario, parse_scenario
from whipcount.io.writer import dump_scenario, scenario_to_dict
from whipcount.io.yamlsource import load_yaml_text
from whipcount.io.yamlwrite import dump_yaml, dump_yaml_pure


def pure_load(text: str) -> Any:
    return yaml.load(text, Loader=yaml.SafeLoader)  # PyYAML's pure-Python loader: the independent reader


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_every_bundled_scenario_is_written_as_pyyaml_writes_it(name: str) -> None:
    data = scenario_to_dict(load_scenario(name))
    text = dump_yaml(data)
    assert text == dump_yaml_pure(data)
    assert pure_load(text) == data


def test_an_everypolitician_import_is_written_as_pyyaml_writes_it_and_reads_back_equal() -> None:
    pb = bundle_module()
    result = import_popolo(pb.make_bundle(persons=300, memberships=3_000, seats=80), "big.json", rules="pk-na",
                           sides=pb.party_sides())
    sc = result.scenario
    assert len(sc.members) == 300 and len(sc.events) > 1_000
    text = dump_scenario(sc)
    assert text == dump_yaml_pure(scenario_to_dict(sc))
    again = parse_scenario(load_yaml_text(text, "written.yaml"), default_id=sc.id)
    assert without_origins(again) == without_origins(sc)
    assert states(again) == states(sc)


AWKWARD = [
    "José Núñez", "Zoë O'Brien", "Ó Súilleabháin", "陈伟", "محمد", "emoji 🎉", "'quoted'", '"double"', "it's", "a: b",
    "a:b", "https://example.org/a?b=c#d", "ends with:", "a #hash", "a#b", "#first", "- dash", "-dash", "? q", "?q",
    ": c", "[list]", "{map}", "a, b", "&anchor", "*alias", "!tag", "|pipe", ">fold", "%pct", "@at", "`tick`",
    "007", "0", "1e5", "0E0", "1_000", "0x1F", "0o17", "12:30", "1.5", ".5", ".nan", "-.inf", "+1",
    "yes", "no", "on", "off", "Yes", "NO", "y", "n", "true", "False", "null", "Null", "~", "=", "<<",
    "2022-04-03", "2022-4-3", "2022-04-03 10:00:00", "...", "---", "x...", "  leading", "trailing  ", " ",
    "two  spaces", "tab\there", "nbsp\xa0here", "line\nbreak", "ends\n", "two\n\nbreaks\n\n", "\nfirst",
    "  indented\n  note", "crlf\r\nline", "sep\u2028line", "nel\x85x", "\ufeffbom", "a" * 150,
    "word " * 40, "it's " * 30, "x" * 200 + " y", "",
]


def _scenario_with(strings: list[str]) -> dict[str, Any]:
    return {
        "id": "awkward", "title": "Awkward: text", "description": "\n".join(strings[:5]),
        "chamber": {"name": "Chamber", "rules": "pk-na", "seats": 7, "as_of": dt.date(2022, 4, 3),
                    "sides": ["government", "opposition"]},
        "members": [{"id": f"m{i}", "name": s, "note": s, "identifiers": {"official": s}, "tags": [s, "x"]}
                    for i, s in enumerate(strings)],
        "extras": {s: i for i, s in enumerate(strings) if s and len(s) < 100 and "\n" not in s},
        "numbers": [0, -1, 10**20, 1.5, 1e17, 1e-5, float("inf"), float("-inf"), True, False, None],
        "empty": {"list": [], "map": {}},
        "nested": [[1, 2], [["a"]], [{"k": "v"}], {"deep": [{"deeper": ["x", "y" * 90]}]}],
    }


def test_awkward_strings_are_written_as_pyyaml_writes_them_and_read_back_the_same() -> None:
    data = _scenario_with(AWKWARD)
    text = dump_yaml(data)
    assert text == dump_yaml_pure(data)
    assert pure_load(text) == data


def test_data_the_walk_does_not_know_is_written_by_pyyaml_whole() -> None:
    for data in ({1: "int key"}, {"when": dt.datetime(2022, 4, 3, 10, 0)}, {"k" * 130: 1}, {"a\nb": 1},
                 {"last": "ends with blank lines\n\n"}, {"": "empty key"}, {"yes": "quoted key"}, {"set": {1, 2}},
                 {"tuple": (1, 2)}):
        text = dump_yaml(data)
        assert text == dump_yaml_pure(data), data
        assert pure_load(text) == ({"tuple": [1, 2]} if "tuple" in data else data)  # a tuple reads as a list


def test_a_value_pyyaml_cannot_write_fails_as_it_does() -> None:
    for bad in ({"o": object()}, {"deep": [{"o": object()}]}):
        with pytest.raises(yaml.representer.RepresenterError):
            dump_yaml_pure(bad)
        with pytest.raises(yaml.representer.RepresenterError):
            dump_yaml(bad)


_text = st.one_of(st.sampled_from(AWKWARD), st.text(max_size=30),
                  st.text(alphabet=" a:#-'\"\n,[]{}?.0123456789eé\t", max_size=40),
                  st.text(alphabet="ab '", min_size=80, max_size=200))
_scalar = st.one_of(_text, st.integers(), st.floats(), st.booleans(), st.none(), st.dates())
_tree = st.recursive(_scalar, lambda kids: st.one_of(st.lists(kids, max_size=5),
                                                     st.dictionaries(_text, kids, max_size=5)), max_leaves=25)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(_text, _tree, min_size=1, max_size=6))
def test_any_data_is_written_as_pyyaml_writes_it(data: dict[str, Any]) -> None:
    assert dump_yaml(data) == dump_yaml_pure(data)


def test_a_name_with_a_line_break_other_than_newline_reads_back_the_same() -> None:
    # in single quotes (as PyYAML wrote them) a reader folds U+2028 and U+2029 to a space
    original = load_scenario("pk-na-2022")
    odd = "Line \u2028Sep\u2029Para"  # U+0085, a control character, is refused by the reader
    member = dataclasses.replace(original.members[0], name=odd, note=odd)
    sc = dataclasses.replace(original, members=(member, *original.members[1:]))
    text = dump_scenario(sc)
    assert pure_load(text)["members"][0]["name"] == odd
    again = parse_scenario(load_yaml_text(text, "written.yaml"), default_id=sc.id)
    assert again.members[0].name == odd and again.members[0].note == odd
    assert without_origins(again) == without_origins(sc)
