"""A body of one short record (sign-in, a password change, a stance, a take-back) is at most 64,000 bytes, refused
with 413 before it is parsed (from anyone on sign-in; elsewhere a client not signed in is refused before the body
is read); the largest such a record's fields can hold, every character written as
the JSON escapes of a surrogate pair, is read. An event, which may list thousands of members, keeps the server's
limit (1 MB)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from test_web_api import PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store

FACE = "\N{GRINNING FACE}"  # written in JSON as \ud83d\ude00: 12 bytes for one character
SMALL = {
    "/api/login": {"name": "n" * 100, "password": FACE * 1000},
    "/api/password": {"current_password": FACE * 1000, "new_password": FACE * 1000},
    f"/api/scenarios/{PK}/stances": {"subject": "party:ppp", "stance": "undecided", "version": 0,
                                     "source": "https://example.org/" + FACE * 980, "note": FACE * 2000,
                                     "date": "2022-04-10", "until": "2022-04-11"},
    f"/api/scenarios/{PK}/stances/clear": {"subject": "party:ppp", "version": 1, "reason": FACE * 2000,
                                           "until": "2022-04-11"},
}
"""Each small route's body with its text fields as long as they may be (a user name is ASCII; a source is an
address, its path as long as a source may be)."""


def post(c: Any, path: str, body: bytes) -> Any:
    return c.post(path, content=body, headers={"content-type": "application/json"})


@pytest.mark.parametrize("path", sorted(SMALL))
def test_the_longest_record_a_route_takes_is_read(store: Store, path: str) -> None:  # noqa: F811
    body = json.dumps(SMALL[path]).encode()  # ASCII, every emoji as two \u escapes
    assert 12_000 < len(body) <= 64_000
    r = post(client(_app(store), "alice"), path, body)
    assert r.status_code != 413, r.text
    if "stances" in path and "clear" not in path:
        assert r.status_code == 200, r.text
        assert store.stance(PK, "party:ppp").note == FACE * 2000  # type: ignore[union-attr]


@pytest.mark.parametrize("signed_in", [False, True])
@pytest.mark.parametrize("path", sorted(SMALL))
def test_a_larger_body_is_refused_unread(store: Store, path: str, signed_in: bool) -> None:  # noqa: F811
    c = client(_app(store), "alice" if signed_in else None)
    body = json.dumps(SMALL[path]).encode()
    padded = body[:-1] + b" " * (64_001 - len(body)) + b"}"  # the same record, whitespace before its end
    assert len(padded) == 64_001 and json.loads(padded) == SMALL[path]
    rows = b"[" + b",".join([b"[]"] * 300_000) + b"]"  # 300,000 empty arrays, under 1 MB
    if not signed_in and path != "/api/login":  # refused before the body is read, whatever its size
        for body in (padded, rows):
            assert_error(post(c, path, body), 401, "^sign in")
        return
    assert_error(post(c, path, padded), 413, r"^request body too large: at most 64000 bytes$")
    assert_error(post(c, path, rows), 413, "at most 64000 bytes")
    assert store.stance(PK, "party:ppp") is None


def test_an_event_may_be_longer(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    event = {"date": "2022-04-09", "kind": "defect", "party": "ppp", "seats": 1, "to": "government",
             "source": "https://example.org/e", "summary": "s", "members": [f"member-{i}" for i in range(6000)]}
    body = json.dumps(event).encode()
    assert len(body) > 64_000
    r = post(c, f"/api/scenarios/{PK}/events", body)
    assert r.status_code not in (413, 500), r.text
