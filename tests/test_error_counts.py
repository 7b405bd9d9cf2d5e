"""A file with several problems: the message names the first, in the file's order, and says how many more
there are in its other fields (one line, so that a reader fixes the first and runs again, knowing what is
left). A list or mapping is read up to its first bad item, so a file of a million bad entries is refused as
quickly as a file of one. A constitution file's count: tests/test_rules_yaml.py."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from whipcount.errors import InterchangeError, ScenarioError
from whipcount.io.popolo import import_popolo
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text

POPOLO = Path(__file__).parent / "fixtures" / "interchange" / "ep-popolo-examplia.json"

SCENARIO = """\
chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}
parties:
  - {id: a, name: A, seats: FIRST, side: government}
  - {id: b, name: B, seats: 3, side: LATER}
  - {id: c, name: C, seats: 0, side: opposition}
members:
  - {id: m, name: M, party: SECOND}
key_dates:
  - {date: THIRD, label: the vote}
"""


@pytest.mark.parametrize(("values", "suffix"), [
    ({"FIRST": "2", "LATER": "opposition", "SECOND": "a", "THIRD": "2020-01-02"}, None),
    ({"FIRST": "-2", "LATER": "opposition", "SECOND": "a", "THIRD": "2020-01-02"}, ""),
    # a later item of the list that holds the first problem is not read, so not counted
    ({"FIRST": "-2", "LATER": "[x]", "SECOND": "a", "THIRD": "2020-01-02"}, ""),
    ({"FIRST": "-2", "LATER": "opposition", "SECOND": "[x]", "THIRD": "2020-01-02"}, " (and 1 more)"),
    ({"FIRST": "-2", "LATER": "[x]", "SECOND": "[x]", "THIRD": "[y]"}, " (and 2 more)"),
])
def test_a_scenario_names_its_first_problem_and_counts_the_rest(values: dict[str, str],
                                                               suffix: str | None) -> None:
    text = SCENARIO
    for key, value in values.items():
        text = text.replace(key, value)
    if suffix is None:  # the file as it stands is good: the problems below are the ones put in
        assert [p.seats for p in parse_scenario(load_yaml_text(text, "s.yaml")).parties] == [2, 3, 0]
        return
    with pytest.raises(ScenarioError) as err:
        parse_scenario(load_yaml_text(text, "s.yaml"))
    message = str(err.value)
    assert message.startswith("s.yaml:3: parties[0].seats: ") and "expected at least 0, got -2" in message
    assert message.endswith(suffix) and "(and" not in message.removesuffix(suffix)


def test_a_popolo_bundle_names_its_first_problem_and_counts_the_rest() -> None:
    data: dict[str, Any] = json.loads(POPOLO.read_text(encoding="utf-8"))
    data["persons"][1]["name"] = 5
    data["persons"][2]["name"] = 6  # after the first bad person: not read
    data["organizations"][0]["name"] = 7
    options: dict[str, Any] = {"rules": "pk-na", "term": "term/2"}
    with pytest.raises(InterchangeError, match=r"^ep\.json: persons\[1\]\.name: .* \(and 1 more\)$"):
        import_popolo(data, "ep.json", **options)
    data["organizations"][0]["name"] = data["persons"][2]["name"] = "Six"
    with pytest.raises(InterchangeError, match=r"^ep\.json: persons\[1\]\.name: ") as err:
        import_popolo(data, "ep.json", **options)
    assert "(and" not in str(err.value)
