"""Every piece of free text a request may carry has a cap, as a scenario file's field has: an event's note,
summary, ``by``, sources and ``extras`` (each value, each name) were once taken at 900,000 characters each,
and the event log page then served megabytes. Over its cap a field is refused (422) naming it and the cap,
and nothing is appended; at its cap it is taken. The caps are the documented ones (README, "Free text has
caps too"), written out here rather than read from the code."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from test_web_api import PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store

EVENT = {"date": "2022-04-10", "kind": "statement", "confirm": True}
URL = "https://example.org/"


def _text(n: int) -> str:
    return ("why " * n)[:n - 1] + "."


# (what is sent, given n characters of text; the field the error names; the cap)
FIELDS = [
    (lambda n: {"note": _text(n)}, "note", 2000),
    (lambda n: {"summary": _text(n)}, "summary", 2000),
    (lambda n: {"reason": _text(n)}, "reason", 2000),
    (lambda n: {"by": _text(n)}, "by", 500),
    (lambda n: {"extras": {"said": _text(n)}}, "extras.said", 2000),
    (lambda n: {"extras": {"k" * n: "v"}}, "extras.", 100),
    (lambda n: {"source": URL + "a" * (n - len(URL))}, "source", 1000),
    (lambda n: {"sources": [{"url": URL + "a", "quote": _text(n)}]}, "sources.0.quote", 2000),
    (lambda n: {"sources": [{"url": URL + "a" * (n - len(URL))}]}, "sources.0.url", 1000),
    (lambda n: {"kind": "split", "party": "pti", "seats": 1,
                "new_party": {"id": "new", "name": _text(n)}}, "new_party.name", 500),
]


@pytest.mark.parametrize(("body", "field", "cap"), FIELDS, ids=[f for _, f, _ in FIELDS])
def test_each_text_of_an_event_has_its_cap(store: Store, body: Any, field: str, cap: int) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    events = len(store.events(PK))
    r = c.post(f"/api/scenarios/{PK}/events", json={**EVENT, **body(cap + 1)})
    error = assert_error(r, 422)["error"]
    assert error.startswith(field) and f"{cap:,}" in error.replace(f"{cap}", f"{cap:,}"), error
    assert len(error) < 400  # the text sent is quoted cut short, never whole
    assert len(store.events(PK)) == events
    r = c.post(f"/api/scenarios/{PK}/events", json={**EVENT, **body(cap)})
    assert r.status_code == 201, r.text[:300]


def test_an_extra_is_a_short_text_or_number_and_an_event_has_at_most_10000(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    events = len(store.events(PK))
    big = 10**15 + 1
    assert_error(c.post(f"/api/scenarios/{PK}/events", json={**EVENT, "extras": {"n": big}}), 422,
                 r"^extras\.n: expected a whole number of at most 15 digits")
    assert_error(c.post(f"/api/scenarios/{PK}/events", json={**EVENT, "extras": {"n": int("9" * 4000)}}), 422,
                 r"^extras\.n: expected a whole number of at most 15 digits .*, got a larger one$")
    many = {f"k{i}": i for i in range(10_001)}
    assert_error(c.post(f"/api/scenarios/{PK}/events", json={**EVENT, "extras": many}), 422,
                 "^extras: 10,001 listed; at most 10,000 accepted$")
    assert len(store.events(PK)) == events
    ok = {"n": 10**15, "share": 0.5, "sworn": True, "said": "yes"}
    assert c.post(f"/api/scenarios/{PK}/events", json={**EVENT, "extras": ok}).status_code == 201
    assert store.events(PK)[-1][1].extras == (("n", str(10**15)), ("share", "0.5"), ("sworn", "True"),
                                              ("said", "yes"))


def test_a_long_subject_is_refused_before_it_is_read(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    for path, body in ((f"/api/scenarios/{PK}/stances", {"stance": "yes", "version": 0}),
                       (f"/api/scenarios/{PK}/stances/clear", {"version": 1})):
        error = assert_error(c.post(path, json={"subject": "party:" + "p" * 60_000, **body}), 422)["error"]
        assert error == "subject: expected at most 200 characters, got 60,006"
        # a body larger than any stance's is refused unparsed (test_web_body_sizes)
        assert_error(c.post(path, json={"subject": "party:" + "p" * 900_000, **body}), 413, "at most 64000 bytes")


def _unbounded(node: Any, path: str = "") -> list[str]:
    """Where a JSON Schema lets text, a list, a mapping or a whole number grow without bound."""
    if isinstance(node, list):
        return [p for i, x in enumerate(node) for p in _unbounded(x, f"{path}[{i}]")]
    if not isinstance(node, dict):
        return []
    kinds = node.get("type") if isinstance(node.get("type"), list) else [node.get("type")]
    out = []
    if "string" in kinds and not {"maxLength", "enum", "const", "format"} & set(node):
        out.append(f"{path}: text")
    if "array" in kinds and "maxItems" not in node:
        out.append(f"{path}: list")
    if "object" in kinds and node.get("additionalProperties") not in (None, False) and "maxProperties" not in node:
        out.append(f"{path}: mapping")
    if "integer" in kinds and not {"maximum", "exclusiveMaximum"} & set(node):
        out.append(f"{path}: whole number")
    return out + [p for k, v in node.items() if k not in ("examples", "default")
                  for p in _unbounded(v, f"{path}/{k}")]


def test_no_request_body_takes_unbounded_text_lists_mappings_or_numbers(store: Store) -> None:  # noqa: F811
    spec = client(_app(store)).get("/api/openapi.json").json()
    bodies = {op["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
              for item in spec["paths"].values() for op in item.values() if "requestBody" in op}
    assert {"StanceChange", "StanceTakeBack", "EventAppend", "LoginIn"} <= bodies
    schemas = spec["components"]["schemas"]
    # every model a body refers to, however deep
    seen: set[str] = set()
    todo = list(bodies)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += re.findall(r'"\$ref": "#/components/schemas/([^"]+)"', json.dumps(schemas[name]))
    assert {"SourceIn", "NewPartyIn"} <= seen
    assert [p for name in sorted(seen) for p in _unbounded(schemas[name], name)] == []


def test_a_scenario_file_caps_the_same_text(write_scenario: Any, minimal_yaml: str) -> None:
    from whipcount.errors import ScenarioError
    from whipcount.io.scenario import load_scenario

    for event, want in ((f"note: {'n' * 2001}", r"events\[1\]\.note: expected at most 2,000 characters, got 2,001"),
                        (f"extras: {{{'k' * 300}: v}}", r"events\[1\]\.extras\.k{79}…: expected at most "
                                                        r"100 characters, got 300"),
                        (f"extras: {{said: {'v' * 2001}}}", r"events\[1\]\.extras\.said: expected at most 2,000")):
        path = write_scenario(minimal_yaml.replace(
            "motion:", f"  - {{date: 2020-02-02, kind: statement, {event}}}\nmotion:"))
        with pytest.raises(ScenarioError, match=want) as caught:
            load_scenario(str(path))
        assert len(str(caught.value)) < 400


def _lines(n: int, eol: str) -> str:
    """``n`` characters as a browser's form counts them (a line break one character), each line break ``eol``."""
    lines = ["why " * 24 + "." for _ in range(n // 100)]  # 97 characters a line and 3 left for the breaks
    text = "\n".join(lines)
    text += "x" * (n - len(text))
    assert len(text) == n
    return text.replace("\n", eol)


@pytest.mark.parametrize("eol", ["\r\n", "\r"])
def test_line_breaks_count_and_are_stored_as_one_character(store: Store, eol: str) -> None:  # noqa: F811
    """A textarea of maxlength 2,000 sends its line breaks as CR LF: 2,000 characters typed arrive as 2,019,
    and are taken and stored with line feeds, through the API and the forms alike; 2,001 are still refused."""
    from test_web_api import _form_token, login_form

    c = client(_app(store), "alice")
    full, over = _lines(2000, eol), _lines(2001, eol)
    assert len(full) == 2000 + 19 * (len(eol) - 1)  # as sent: 20 lines, 19 breaks
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "no", "version": 0,
                                                     "note": full})
    assert r.status_code == 200, r.text[:300]
    assert store.stance(PK, "party:ppp").note == _lines(2000, "\n")  # type: ignore[union-attr]
    assert_error(c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "yes", "version": 1,
                                                              "note": over}), 422, "^note: expected at most 2,000 characters, got 2,001$")
    r = c.post(f"/api/scenarios/{PK}/events", json={**EVENT, "summary": full, "note": full, "reason": full,
                                                   "extras": {"said": full}})
    assert r.status_code == 201, r.text[:300]
    event = store.events(PK)[-1][1]
    assert event.summary == event.note == dict(event.extras)["said"] == _lines(2000, "\n")
    assert store.audit(PK, limit=1)[0].reason == _lines(2000, "\n")
    form = login_form(_app(store), "alice")
    page = form.get(f"/s/{PK}/stance", params={"subject": "party:ppp"}).text
    r = form.post(f"/s/{PK}/stance", data={"subject": "party:ppp", "stance": "yes", "version": "1", "note": full,
                                           "csrf_token": _form_token(page)}, follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    assert store.stance(PK, "party:ppp").note == _lines(2000, "\n")  # type: ignore[union-attr]
    r = form.post(f"/s/{PK}/stance/clear", data={"subject": "party:ppp", "version": "2", "reason": full,
                                                 "confirm": "yes", "how": "wrong", "csrf_token": _form_token(page)},
                  follow_redirects=False)
    assert r.status_code == 303, r.text[:300]
    assert store.audit(PK, limit=1)[0].reason == _lines(2000, "\n")
