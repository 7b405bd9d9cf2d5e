"""An error lists at most 20 problems and counts the others in one line: a JSON body naming thousands of keys its
route does not take had been answered with one problem a key (a body of 770 KB with 60,000 such keys: 60,000
problems, 4 MB, each made on the server's event loop, which it held for 0.9 s). Every route of the API that takes
a body is tried, read from the app itself, so a new one is covered the day it is added."""

from __future__ import annotations

import json
from typing import Any

from fastapi.routing import APIRoute

from test_web_api import PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store

REQUIRED = {"/api/login": ["name", "password"], "/api/password": ["current_password", "new_password"],
            f"/api/scenarios/{PK}/stances": ["subject", "stance", "version"],
            f"/api/scenarios/{PK}/stances/clear": ["subject", "version"],
            f"/api/scenarios/{PK}/events": ["date", "kind"]}
"""The fields each body must have (docs/web.md, *JSON API*): a body of unknown keys alone lacks each of them."""
UNKNOWN = 4_000  # keys of no field: 46 KB, within the 64,000 bytes of the smallest bodies


def body_routes(app: Any) -> list[str]:
    """The paths of the API's routes that take a body, read from the app."""
    return sorted(r.path.replace("{scenario_id}", PK) for r in app.routes
                  if isinstance(r, APIRoute) and r.path.startswith("/api/") and r.body_field is not None)


def test_every_route_with_a_body_is_in_the_table(store: Store) -> None:  # noqa: F811
    assert body_routes(_app(store)) == sorted(REQUIRED)


def test_thousands_of_unknown_keys_are_twenty_problems_and_a_count(store: Store) -> None:  # noqa: F811
    app = _app(store)
    keys = [f"k{i}" for i in range(UNKNOWN)]
    body = json.dumps(dict.fromkeys(keys, 0)).encode()
    for path in body_routes(app):
        r = client(app, "alice").post(path, content=body, headers={"content-type": "application/json"})
        errors = assert_error(r, 422)["errors"]
        problems = len(REQUIRED[path]) + UNKNOWN  # each missing field, each unknown key
        assert len(errors) == 21 and errors[-1] == f"and {problems - 20:,} more problems not listed", (path, errors[-1])
        named = [e.split(":")[0] for e in errors[:20]]
        missing = [n for n in named if n in REQUIRED[path]]
        assert missing == REQUIRED[path], (path, named)  # every missing field is said, first
        assert named[len(missing):] == keys[:20 - len(missing)], (path, named)  # then the first unknown keys, in order
        assert len(r.content) < 3_000, (path, len(r.content))


def test_a_few_unknown_keys_are_each_named(store: Store) -> None:  # noqa: F811
    app = _app(store)
    body = {"subject": "party:ppp", "stance": "no", "version": 0, **{f"k{i}": 0 for i in range(20)}}
    errors = assert_error(client(app, "alice").post(f"/api/scenarios/{PK}/stances", json=body), 422)["errors"]
    assert errors == [f"k{i}: unknown field (check its spelling against the API schema)" for i in range(20)]
    body["k20"] = 0  # one more: twenty named, one counted
    errors = assert_error(client(app, "alice").post(f"/api/scenarios/{PK}/stances", json=body), 422)["errors"]
    assert errors[:20] == [f"k{i}: unknown field (check its spelling against the API schema)" for i in range(20)]
    assert errors[20:] == ["and 1 more problem not listed"]
    assert store.stance(PK, "party:ppp") is None  # refused all the same: nothing written
