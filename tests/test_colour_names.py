"""A party's colour is read one way wherever it comes from (a scenario file, a Popolo bundle, a CSV seat
table, the web API's new party) and drawn the same way: ``#rgb``, ``#rrggbb`` or a CSS colour name, in any
case, as docs/charts.md says; anything else is a one-line error naming the field and the value."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest
from pydantic import ValidationError

from whipcount.charts.colours import check_colour, to_rgb
from whipcount.errors import ChartError, InputError, InterchangeError
from whipcount.io.csvio import import_csv
from whipcount.io.popolo import export_popolo, import_popolo
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.scenario_schema import EventIn
from whipcount.io.yamlsource import load_yaml_text

SCHEMA = json.loads((Path(__file__).parent.parent / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))

# CSS Color Module Level 4, section 6.1 (named colours), a few of its 148 names with their values
SPEC = {"red": (255, 0, 0), "rebeccapurple": (102, 51, 153), "lightgoldenrodyellow": (250, 250, 210),
        "darkgreen": (0, 100, 0), "grey": (128, 128, 128), "navy": (0, 0, 128)}


def scenario_text(colour: str) -> str:
    return ("chamber: {name: X, rules: pk-na, seats: 10, as_of: 2020-01-01}\n"
            f"parties:\n  - {{id: a, name: A, seats: 5, side: government, colour: {json.dumps(colour)}}}\n")


def file_accepts(colour: str) -> bool:
    try:
        parse_scenario(load_yaml_text(scenario_text(colour), "s.yaml"))
    except InputError:
        return False
    return True


def schema_accepts(colour: str) -> bool:
    data = {"chamber": {"name": "X", "rules": "pk-na", "seats": 10, "as_of": "2020-01-01"},
            "parties": [{"id": "a", "name": "A", "seats": 5, "side": "government", "colour": colour}]}
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


def charts_accept(colour: str) -> bool:
    try:
        check_colour(colour, where="party 'a'")
    except ChartError:
        return False
    return True


@pytest.mark.parametrize("colour", [*SPEC, "Red", "DarkGreen", "REBECCAPURPLE", "#c8102e", "#ABC", "#AbCdEf"])
def test_a_css_colour_name_or_hex_is_read_from_a_file_and_drawn(colour: str) -> None:
    assert file_accepts(colour) and schema_accepts(colour) and charts_accept(colour)
    if colour.lower() in SPEC:
        assert to_rgb(colour) == SPEC[colour.lower()]


@pytest.mark.parametrize("colour", ["reddish", "darkgren", "#12345", "#gggggg", "red;x", "light green", "", "#1234"])
def test_a_word_that_is_no_colour_is_refused_by_file_schema_and_charts_alike(colour: str) -> None:
    assert not file_accepts(colour) and not schema_accepts(colour) and not charts_accept(colour)


def test_every_name_the_charts_draw_a_file_reads_and_the_schema_allows() -> None:
    from whipcount.charts.colours import CSS_NAMED_COLOURS

    assert len(CSS_NAMED_COLOURS) == 148  # the spec's list (transparent and currentcolor are no party colour)
    for name in sorted(CSS_NAMED_COLOURS):
        assert file_accepts(name) and schema_accepts(name.upper()), name


def test_an_unknown_name_is_one_line_naming_field_value_and_the_nearest_name() -> None:
    with pytest.raises(InputError) as info:
        parse_scenario(load_yaml_text(scenario_text("darkgren"), "s.yaml"))
    assert str(info.value) == ("s.yaml:3: parties[0].colour: expected a colour as #rgb, #rrggbb or a CSS colour "
                               "name such as 'darkgreen', got 'darkgren' (did you mean 'darkgreen'?)")
    with pytest.raises(ChartError, match=r"party 'a': colour 'darkgren' is not a colour .*did you mean 'darkgreen'"):
        check_colour("darkgren", where="party 'a'")


def test_a_csv_seat_table_reads_colour_names() -> None:
    text = "party,seats,side,colour\nred,2,government,Crimson\nblue,3,opposition,#00f\n"
    sc = import_csv(text, "t.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=5).scenario
    assert {p.id: p.colour for p in sc.parties} == {"red": "Crimson", "blue": "#00f"}
    with pytest.raises(InterchangeError, match=r"^t.csv:2: column 'colour': expected a colour .*got 'crimsom'"):
        import_csv(text.replace("Crimson", "crimsom"), "t.csv", rules="pk-na", as_of=dt.date(2019, 5, 1), seats=5)


def test_a_popolo_bundle_reads_colour_names() -> None:
    bundle = export_popolo(load_scenario("pk-na-2022"))
    party = next(o for o in bundle["organizations"] if o.get("id") == "pti")
    party["extras"]["colour"] = "darkred"
    sc = import_popolo(bundle, "b.json").scenario
    assert next(p for p in sc.parties if p.id == "pti").colour == "darkred"
    party["extras"]["colour"] = "darkredd"
    with pytest.raises(InterchangeError, match=r"colour: expected a colour .*got 'darkredd'"):
        import_popolo(bundle, "b.json")


def test_the_web_api_s_new_party_reads_colour_names() -> None:
    event = {"date": "2022-03-20", "kind": "split", "party": "pti", "seats": 2, "source": "https://example.org/a",
             "new_party": {"id": "pti-f", "name": "PTI (F)", "colour": "SeaGreen", "side": "opposition"}}
    assert EventIn.model_validate(event).new_party.colour == "SeaGreen"  # type: ignore[union-attr]
    event["new_party"]["colour"] = "seegreen"  # type: ignore[index]
    with pytest.raises(ValidationError, match=re.escape("did you mean 'seagreen'?")):
        EventIn.model_validate(event)
