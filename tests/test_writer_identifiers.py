"""``identifiers:`` in scenario YAML: read, checked, written back."""

from __future__ import annotations

import pytest

from whipcount.errors import WhipcountError
from whipcount.io.scenario import parse_scenario
from whipcount.io.writer import dump_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Scenario

HEAD = """\
chamber: {name: Assembly, rules: pk-na, seats: 5, as_of: 2020-01-01}
parties:
  - id: red
    name: Red
    seats: 3
    side: government
"""


def read(text: str) -> Scenario:
    return parse_scenario(load_yaml_text(text, "s.yaml"), default_id="s")


def test_identifiers_are_read_and_written_back() -> None:
    text = HEAD + """\
    parlgov: 12
    identifiers: {official: R-1, parlgov: 12}
members:
  - id: ana
    name: Ana
    party: red
    identifiers:
      wikidata: Q5
      parlparse: uk.org.publicwhip/person/10001
      official: 4242
"""
    sc = read(text)
    red, ana = sc.parties[0], sc.members[0]
    # wikidata and parlgov go to their own fields (given once or twice with the same value); a number is its digits
    assert (red.parlgov, red.identifiers) == (12, (("official", "R-1"),))
    assert ana.wikidata == "Q5"
    assert ana.identifiers == (("parlparse", "uk.org.publicwhip/person/10001"), ("official", "4242"))
    assert ana.all_identifiers() == (("wikidata", "Q5"), *ana.identifiers)
    written = dump_scenario(sc)
    assert "    official: '4242'\n" in written  # a string that looks like a number stays a string
    assert read(written).members == sc.members and read(written).parties == sc.parties


@pytest.mark.parametrize(
    ("tail", "message"),
    [
        ("    identifiers: {'': x}\n", r"^s.yaml:7: parties\[0\].identifiers.: an identifier's scheme is empty"),
        ("    identifiers: {official: ''}\n", r"^s.yaml:7: parties\[0\].identifiers.official: the official identifier "
                                              r"is empty$"),
        ("    identifiers:\n      Official: R-1\n", r"^s.yaml:8: parties\[0\].identifiers.Official: expected a scheme "
                                                    r"in lower case"),
        ("    identifiers:\n      wikidata: '42'\n", r"^s.yaml:8: parties\[0\].identifiers.wikidata: expected a "
                                                     r"Wikidata id such as Q42, got '42'$"),
        ("    wikidata: Q1\n    identifiers:\n      official: a\n      wikidata: Q2\n",
         r"^s.yaml:10: parties\[0\].identifiers.wikidata: 'Q2' differs from the wikidata field's 'Q1' "
         r"\(give the id once\)$"),
        ("    parlgov: 7\n    identifiers: {parlgov: 8}\n",
         r"^s.yaml:8: parties\[0\].identifiers.parlgov: '8' differs from the parlgov field's '7'"),
        ("    identifiers: {parlgov: 'x1'}\n", r"^s.yaml:7: parties\[0\].identifiers.parlgov: expected a ParlGov id"),
        ("    identifiers: {official: true}\n", r"^s.yaml:7: parties\[0\].identifiers.official: "),
        ("    identifiers:\n      official: a\n      official: b\n", r"^s.yaml:9: not valid YAML: duplicate key"),
    ],
)
def test_a_malformed_identifier_is_one_line_naming_the_line(tail: str, message: str) -> None:
    with pytest.raises(WhipcountError, match=message) as info:
        read(HEAD + tail)
    assert "\n" not in str(info.value)
