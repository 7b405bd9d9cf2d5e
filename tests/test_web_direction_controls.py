"""Direction controls left open (Unicode's right-to-left override and its kin) in a note, a reason, a source or a
name: refused wherever text comes in (the API, the stance form, an appended event, a scenario file), naming
the field and the character, with nothing written; closed on their line they are text (Urdu in an English
note), and a source's address holds no invisible character at all.

An open U+202E in a note turns the rest of its line around: 'he says \\u202eon, by rita' shows as
'he says atir yb ,no', the page then telling another story than the record."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import make_web_store
from test_web_api import PASSWORD, _form_token, client, login_form
from whipcount.errors import WhipcountError
from whipcount.io.scenario import parse_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.storage import Store
from whipcount.web.app import create_app

PK = "pk-na-2022"
RLO, PDF, RLI, PDI, LRO = "\u202e", "\u202c", "\u2067", "\u2069", "\u202d"
URDU = "\u067e\u06cc \u0679\u06cc \u0622\u0626\u06cc"  # PTI in Urdu script


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"rita": "editor"}, PASSWORD)
    yield s
    s.close()


@pytest.fixture
def app(store: Store) -> Any:
    return create_app(store.url, store=store, secret="direction-" + "x" * 40, fail_delay=0.0)


def _audit_rows(rita: Any) -> int:
    return len(rita.get(f"/api/scenarios/{PK}/audit", params={"limit": 1000}).json()["audit"])


@pytest.mark.parametrize(("field", "value", "at", "name"), [
    ("note", f"he says {RLO}on", 9, "right-to-left override (U+202E)"),
    ("note", f"closed on the next line {RLO}only\n{PDF}", 25, "right-to-left override (U+202E)"),
    ("note", f"an isolate {RLI}{URDU} never closed", 12, "right-to-left isolate (U+2067)"),
    ("note", f"{RLI}closed{PDI} then {LRO}not", 15, "left-to-right override (U+202D)"),
])
def test_a_stance_whose_text_leaves_a_direction_control_open_is_refused(app: Any, field: str, value: str,
                                                                        at: int, name: str) -> None:
    rita = client(app, "rita")
    rows = _audit_rows(rita)
    r = rita.post(f"/api/scenarios/{PK}/stances",
                  json={"subject": "party:anp", "stance": "yes", "version": 0, field: value})
    body = r.json()
    assert r.status_code == 400, body
    assert body["error"] == (f"{field}: expected every direction control closed on its line, got a {name} at "
                             f"character {at} left open: it would turn the text after it around")
    assert _audit_rows(rita) == rows  # nothing written
    assert rita.get(f"/api/scenarios/{PK}/history", params={"subject": "party:anp"}).json()["history"] == []


def test_urdu_in_an_english_note_closed_on_its_line_is_text(app: Any) -> None:
    rita = client(app, "rita")
    note = f"MNA says {RLI}{URDU}{PDI} will vote yes; {RLO}abc{PDF} as quoted"
    r = rita.post(f"/api/scenarios/{PK}/stances",
                  json={"subject": "party:anp", "stance": "yes", "version": 0, "note": note})
    assert r.status_code == 200, r.text
    assert r.json()["stance"]["note"] == note
    assert note in html.unescape(rita.get(f"/s/{PK}").text)


def test_a_take_back_s_reason_and_an_event_s_note_are_held_to_it_too(app: Any) -> None:
    rita = client(app, "rita")
    events = rita.get(f"/api/scenarios/{PK}/events").json()["events"]
    assert rita.post(f"/api/scenarios/{PK}/stances",
                     json={"subject": "party:anp", "stance": "yes", "version": 0}).status_code == 200
    r = rita.post(f"/api/scenarios/{PK}/stances/clear",
                  json={"subject": "party:anp", "version": 1, "reason": f"wrong party {RLO}anp"})
    assert r.status_code == 400 and r.json()["error"].startswith("reason: expected every direction control closed")
    event = {"date": "2022-04-09", "kind": "switch-side", "party": "bap", "to": "opposition",
             "source": "https://example.org/bap", "note": f"BAP {RLO}leaves"}
    r = rita.post(f"/api/scenarios/{PK}/events", json=event)
    assert r.status_code in (400, 422), r.text
    assert "note: expected every direction control closed on its line" in r.json()["error"]
    assert rita.get(f"/api/scenarios/{PK}/events").json()["events"] == events  # no event appended


@pytest.mark.parametrize(("source", "said"), [
    (f"https://example.org/{RLO}fdp.exe", "expected every direction control closed on its line"),
    (f"https://example.org/{RLO}exe.pdf{PDF}", "expected an address without spaces or line breaks"),
    ("https://example.org/a\u200bb", "expected an address without spaces or line breaks"),
    ("https://exa\u00admple.org/", "expected an address without spaces or line breaks"),
])
def test_a_source_address_with_an_invisible_character_is_refused(app: Any, source: str, said: str) -> None:
    rita = client(app, "rita")
    r = rita.post(f"/api/scenarios/{PK}/stances",
                  json={"subject": "party:anp", "stance": "yes", "version": 0, "source": source})
    assert r.status_code == 400, r.text
    assert r.json()["error"].startswith(f"source: {said}")


def test_the_stance_form_says_why_and_keeps_what_was_typed(app: Any) -> None:
    c = login_form(app, "rita")
    token = _form_token(c.get(f"/s/{PK}/stance", params={"subject": "party:anp"}).text)
    note = f"he says {RLO}on"
    r = c.post(f"/s/{PK}/stance", data={"subject": "party:anp", "stance": "yes", "version": "0", "note": note,
                                        "csrf_token": token}, follow_redirects=False)
    assert r.status_code == 400
    error = html.unescape(re.search(r'<p class="error" role="alert"[^>]*>(.*?)</p>', r.text, re.S).group(1))  # type: ignore[union-attr]
    assert error.startswith("note: expected every direction control closed on its line, got a right-to-left "
                            "override (U+202E) at character 9")
    assert note in html.unescape(r.text)


def test_a_scenario_file_s_name_with_an_open_override_is_refused_by_line_and_field() -> None:
    text = ("chamber: {name: X, rules: pk-na, seats: 5, as_of: 2020-01-01}\nparties:\n"
            f"  - {{id: a, name: {json.dumps('Red ' + RLO + 'Party')}, seats: 5, side: government}}\n")
    with pytest.raises(WhipcountError) as err:
        parse_scenario(load_yaml_text(text, "s.yaml"))
    assert str(err.value) == ("s.yaml:3: parties[0].name: expected every direction control closed on its line, got "
                              "a right-to-left override (U+202E) at character 5 left open: it would turn the text "
                              "after it around")
