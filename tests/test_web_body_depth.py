"""A JSON body nested deeper than a scenario file may nest (64 levels) is refused with a 422 saying so, on every
route that takes one: a body some hundreds of levels deep had been read, then exhausted Python's recursion in
the checks after it (a 500, ``internal error (RecursionError)``), where one too deep for the parser was a 422.
The nesting is read from the body's text before it is parsed (``nesting``), so a body too deep is never built."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from test_web_api import PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store

ROUTES = ["/api/login", f"/api/scenarios/{PK}/stances", f"/api/scenarios/{PK}/stances/clear",
          f"/api/scenarios/{PK}/events", "/api/password"]


@pytest.mark.parametrize("path", ROUTES)
@pytest.mark.parametrize("levels", [65, 300, 500, 900])
def test_a_body_nested_too_deeply_is_a_422(store: Store, path: str, levels: int) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    rev = store.revision(PK)
    body = '{"subject": ' + "[" * (levels - 1) + "]" * (levels - 1) + "}"  # the object is the first level
    r = c.post(path, content=body.encode(), headers={"Content-Type": "application/json"})
    assert_error(r, 422, r"^request body: expected JSON, got arrays or objects nested too deeply to read "
                         r"\(at most 64 levels\)$")
    assert store.revision(PK) == rev


def test_a_body_64_levels_deep_is_read_and_checked(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    body = '{"subject": ' + "[" * 63 + "]" * 63 + ', "stance": "no", "version": 0}'
    assert_error(c.post(f"/api/scenarios/{PK}/stances", content=body.encode(),
                        headers={"Content-Type": "application/json"}), 422, "subject")


def depth(value: Any) -> int:
    """How deep ``value``'s lists and dicts nest, by recursion over the parsed value (the truth ``nesting`` reads
    from the text)."""
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
    return 0 if children is None else 1 + max((depth(c) for c in children), default=0)


def test_nesting_counts_lists_and_objects_outside_strings() -> None:
    from whipcount.web.body import nesting

    values = (1, "x", [], {}, [[]], {"a": [1, {"b": {}}]}, [[1], [[2]]], {"k]": "[[[[", 'e\\"[': ['"]]']},
              ["\\", ["\\"]], "{\\", '"')
    assert [nesting(json.dumps(v).encode()) for v in values] == [0, 0, 1, 1, 2, 4, 3, 2, 2, 0, 0]


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(alphabet='[]{}"\\ax\n'),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
                               st.text(alphabet='[]{}"\\a', max_size=3), inner, max_size=3), max_leaves=30)


@given(json_values, st.booleans())
def test_nesting_is_the_depth_of_the_parsed_value(value: Any, ascii_only: bool) -> None:
    from whipcount.web.body import nesting

    text = json.dumps(value, ensure_ascii=ascii_only, indent=None if ascii_only else 1)
    assert nesting(text.encode()) == depth(value)


def test_a_body_too_deep_is_refused_before_it_is_parsed(store: Store,  # noqa: F811
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Parsing first cost the server's event loop 1.2 s for 330,000 empty arrays in 1 MB, from anyone."""
    from whipcount.web import body as body_module

    c = client(_app(store), "alice")
    parsed: list[bytes] = []
    counted = SimpleNamespace(loads=lambda text, **kw: parsed.append(text) or json.loads(text, **kw))
    monkeypatch.setattr(body_module, "json", counted)
    deep = b'{"note": [' + b",".join([b"[]"] * 1000) + b"], " + b"[" * 70 + b"]" * 70 + b"}"
    for path in ROUTES:
        r = c.post(path, content=deep, headers={"Content-Type": "application/json"})
        assert_error(r, 422, "nested too deeply")
    assert parsed == []
    fine = b'{"subject": "party:ppp", "stance": "no", "version": 0}'
    assert c.post(f"/api/scenarios/{PK}/stances", content=fine, headers={"Content-Type": "application/json"}).status_code == 200
    assert parsed == [fine]
