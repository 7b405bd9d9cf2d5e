"""A name is found as a reader types it: the members page's name filter (``q``), and a party named on the command
line, ignore case, accents and marks, the invisible characters a name copied from the web carries (a
left-to-right mark, a soft hyphen, a zero-width space) and the two ways Unicode can write one letter (``é`` as one
character or as ``e`` and an accent); a name that differs in its letters is still not found."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import make_web_store
from test_web_api import PASSWORD, client
from whipcount.errors import InputError
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.storage import Store
from whipcount.web.app import create_app

SID = "names"
MEMBERS = {  # id: name as a scenario file copied from the web may hold it
    "zoe": "Zo\u00eb \u00dcnal",  # precomposed
    "rene": "Rene\u0301 Le\u0301vesque",  # e and a combining acute accent
    "aamir": "Aamir\u200e Liaquat Hussain",  # a left-to-right mark after the first name
    "jean": "Jean\u00adPierre Dupont",  # a soft hyphen
    "gross": "Anna Gro\u00df",
    "muhammad": "\u0645\u064f\u062d\u064e\u0645\u0651\u064e\u062f \u0639\u0644\u06cc",  # Arabic script, with its vowel marks
    "zara": "Zara Khan",
}
SCENARIO = f"""id: {SID}
chamber: {{name: Test Assembly, rules: pk-na, seats: 20, as_of: 2022-01-01}}
parties:
  - {{id: pq, name: "Parti Qu\u00e9b\u00e9cois", seats: 10, side: government}}
  - {{id: red, name: "Red\u200b Party", seats: 10, side: opposition}}
members:
""" + "".join(f'  - {{id: {i}, name: "{n}", party: {"pq" if k % 2 else "red"}}}\n'
              for k, (i, n) in enumerate(MEMBERS.items())) + \
    "motion: {kind: no-confidence, target: Someone, moved: 2022-01-02, vote: 2022-01-10}\n"


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"rita": "editor"}, PASSWORD)
    s.save_scenario(parse_scenario(load_yaml_text(SCENARIO, "names.yaml")))
    yield s
    s.close()


@pytest.fixture
def app(store: Store) -> Any:
    return create_app(store.url, store=store, secret="names-" + "x" * 40, fail_delay=0.0, seed_scenario=None)


@pytest.mark.parametrize(("q", "found"), [
    ("zoe unal", {"zoe"}),
    ("ZO\u00cb", {"zoe"}),
    ("Zoe\u0308", {"zoe"}),  # the query decomposed, the name not
    ("ren\u00e9 l\u00e9vesque", {"rene"}),  # the name decomposed, the query not
    ("rene levesque", {"rene"}),
    ("aamir liaquat", {"aamir"}),
    ("jeanpierre", {"jean"}),
    ("gross", {"gross"}),
    ("GROSS", {"gross"}),
    ("\u0645\u062d\u0645\u062f", {"muhammad"}),  # typed without the vowel marks
    ("\uff3aara", {"zara"}),  # a full-width letter
    ("zo\u00eb khan", set()),
    ("levesquee", set()),
])
def test_the_members_page_finds_a_name_as_typed(app: Any, q: str, found: set[str]) -> None:
    rita = client(app, "rita")
    r = rita.get(f"/api/scenarios/{SID}/members", params={"q": q})
    assert r.status_code == 200, r.text
    assert {m["id"] for m in r.json()["members"]} == found
    page = rita.get(f"/s/{SID}/members", params={"q": q})
    assert page.status_code == 200
    for i, name in MEMBERS.items():
        assert (f"subject=member%3A{i}\"" in page.text) == (i in found), (i, name)


@pytest.mark.parametrize(("typed", "party"), [
    ("parti quebecois", "pq"), ("PARTI QUE\u0301BE\u0301COIS", "pq"), ("red party", "red"), ("Red Party", "red"),
])
def test_a_party_named_on_the_command_line_is_found_as_typed(typed: str, party: str) -> None:
    scenario = parse_scenario(load_yaml_text(SCENARIO, "names.yaml"))
    assert scenario.party_id(typed) == party
    assert scenario.known_party_id(typed) == party


def test_a_party_whose_name_differs_in_a_letter_is_not_found() -> None:
    scenario = parse_scenario(load_yaml_text(SCENARIO, "names.yaml"))
    with pytest.raises(InputError, match="unknown party"):
        scenario.known_party_id("parti quebecoise")
