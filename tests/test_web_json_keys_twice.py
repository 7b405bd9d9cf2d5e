"""A JSON body naming one key twice in an object is refused (422, naming the key), never read as its last
value: every API route that takes a JSON body, nothing written."""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute

from test_web_api import PASSWORD, PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store

# each route's body with a key given twice (the key, the body); the later value is one the route would take
BODIES = {
    "/api/login": ("name", '{"name": "nobody", "password": "x", "name": "alice"}'),
    "/api/password": ("new_password", '{"current_password": "' + PASSWORD + '", "new_password": "x", '
                                      '"new_password": "another fine pass phrase"}'),
    f"/api/scenarios/{PK}/stances": ("subject",
                                     '{"subject": "party:ppp", "stance": "no", "version": 0, "subject": "party:mma"}'),
    f"/api/scenarios/{PK}/stances/clear": ("version", '{"subject": "party:ppp", "version": 1, "version": 1}'),
    f"/api/scenarios/{PK}/events": ("date",
                                    '{"kind": "death", "date": "2022-04-01", "member": "x", "date": "2022-04-02"}'),
}


def _json_body_routes(app: Any) -> set[str]:
    return {r.path.replace("{scenario_id}", PK) for r in app.routes
            if isinstance(r, APIRoute) and r.body_field is not None and r.path.startswith("/api/")}


def test_every_json_route_is_covered(store: Store) -> None:  # noqa: F811
    routes = _json_body_routes(_app(store))
    assert routes == set(BODIES), routes


def test_a_key_given_twice_is_refused_naming_it(store: Store) -> None:  # noqa: F811
    app = _app(store)
    c = client(app, "alice")
    c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "no", "version": 0})
    audit = c.get("/api/audit").json()["audit"]
    for path, (key, body) in BODIES.items():
        r = c.post(path, content=body, headers={"content-type": "application/json"})
        assert_error(r, 422, f"request body: key '{key}' given twice in one object")
    assert c.get("/api/audit").json()["audit"] == audit  # nothing written
    assert store.stance(PK, "party:mma") is None
    assert c.get("/api/me").json()["user"] == "alice"
