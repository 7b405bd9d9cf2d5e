"""Every POST of the app, read from the app itself (a route added later is covered the day it is added), needs the
CSRF token of the session that sends it: sent from this site by a signed-in admin with a body that would otherwise
be taken, without the token, with a wrong one or with another session's, it is a 403 and nothing changes (no stance,
no event, no password, the session still signed in). Sign-in by JSON alone takes none: no other site can make a
browser send JSON without asking first (docs/web.md, *Security*)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, _form_token, client, store  # noqa: F401
from whipcount.storage import Store

NEW_PASSWORD = "another long pass phrase 7"
BODIES: dict[str, dict[str, Any]] = {
    "/api/logout": {},
    "/api/password": {"current_password": PASSWORD, "new_password": NEW_PASSWORD},
    f"/api/scenarios/{PK}/stances": {"subject": "party:ppp", "stance": "no", "version": 0},
    f"/api/scenarios/{PK}/stances/clear": {"subject": "party:mqm-p", "version": 1, "reason": "wrong"},
    f"/api/scenarios/{PK}/events": {"date": "2022-07-28", "kind": "statement", "party": "pti", "repeat": True},
    "/login": {"name": "root", "password": PASSWORD, "next": "/"},
    "/logout": {},
    "/password": {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD},
    f"/s/{PK}/stance?subject=party:pml-n": {"subject": "party:pml-n", "stance": "no", "version": "0"},
    f"/s/{PK}/stance/clear?subject=party:mma": {"subject": "party:mma", "version": "1", "way": "wrong",
                                                  "reason": "wrong", "confirm": "yes"},
    f"/s/{PK}/events/new": {"date": "2022-07-28", "kind": "statement", "party": "pti", "repeat": "yes"},
}
"""What each POST is sent with: what it would take, but for its token."""
NO_TOKEN = {"/api/login"}


def taken_back(store: Store) -> None:  # noqa: F811
    """The stances the take-backs of :data:`BODIES` take back."""
    for subject in ("party:mqm-p", "party:mma"):
        store.set_stance(PK, subject, stance="no", version=0, user="alice")


def posts(app: Any) -> list[str]:
    """The paths of every POST route, read from the app."""
    return sorted(r.path.replace("{scenario_id}", PK) for r in app.routes if "POST" in (getattr(r, "methods", None)
                                                                                         or ()))


def test_every_post_is_in_the_table(store: Store) -> None:  # noqa: F811
    assert posts(_app(store)) == sorted({p.split("?")[0] for p in BODIES} | NO_TOKEN)


def test_the_bodies_are_taken_with_the_token(store: Store) -> None:  # noqa: F811
    """So that the refusals below are the token's, not the bodies'."""
    store.add_user("root", "admin", PASSWORD)
    app = _app(store)
    taken_back(store)
    for path, body in BODIES.items():
        c = client(app, "root") if path != "/login" else TestClient(app)
        if path.startswith("/api/"):
            r = c.post(path, json=body)
        else:
            token = c.headers.get("X-CSRF-Token") or _form_token(c.get("/login").text)  # before sign-in: the form's
            revision = {"revision": str(store.revision(PK))} if path.endswith("/events/new") else {}
            r = c.post(path, data={**body, **revision, "csrf_token": token}, follow_redirects=False)
        assert r.status_code in (200, 201, 303), (path, r.status_code, r.text[:300])
        if "password" in path:
            store.accounts.set_password("root", PASSWORD)


@pytest.mark.parametrize("token", ["none", "wrong", "another session's"])
def test_every_post_without_its_sessions_token_is_refused_and_changes_nothing(store: Store, token: str) -> None:  # noqa: F811
    store.add_user("root", "admin", PASSWORD)
    app = _app(store)
    taken_back(store)
    before = (store.revision(PK), len(store.events(PK)), store.authenticate("root", PASSWORD) is not None)
    for path, body in BODIES.items():
        c = client(app, "root")
        sent = {"none": None, "wrong": "x" * 43, "another session's": client(app, "alice").headers["X-CSRF-Token"]}
        if path == "/login":  # before sign-in: the token of the sign-in form's cookie, or none
            c = TestClient(app)
            c.get("/login")
        if path.startswith("/api/"):
            c.headers.pop("X-CSRF-Token", None)
            headers = {"X-CSRF-Token": sent[token]} if sent[token] else {}
            r = c.post(path, json=body, headers=headers)
        else:
            form = {**body, "csrf_token": sent[token]} if sent[token] else body
            r = c.post(path, data=form, follow_redirects=False)
        assert r.status_code == 403, (path, r.status_code, r.text[:300])
        assert "whipcount_session" not in r.headers.get("set-cookie", ""), path
        if path != "/login":
            assert c.get("/api/me").json()["user"] == "root", path  # still signed in
    assert (store.revision(PK), len(store.events(PK)), store.authenticate("root", PASSWORD) is not None) == before
