"""A JSON body nested deeper than a scenario file may nest (64 levels) is refused with a 422 saying so, on every
route that takes one: a body some hundreds of levels deep had been read, then exhausted Python's recursion in
the checks after it (a 500, ``internal error (RecursionError)``), where one too deep for the parser was a 422."""

from __future__ import annotations

import pytest

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


def test_depth_counts_lists_and_objects() -> None:
    from whipcount.web.body import depth

    assert [depth(v) for v in (1, "x", [], {}, [[]], {"a": [1, {"b": {}}]}, [[1], [[2]]])] == [0, 0, 1, 1, 2, 4, 3]
