"""A body sent before anyone is signed in (sign-in, sign-out) is read at most 64,000 bytes, also when it comes in
chunks with no Content-Length: the server stops reading and answers 413 once that much has come. Before, such a
body was read up to the server's own limit (1 MB by default, up to 100 MB with --max-body) before the sign-in's
limit was checked, or, for the sign-in and sign-out pages' forms, not checked at all."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from test_web_limits import asgi_post, make_app, store  # noqa: F401
from test_web_live import running
from whipcount.storage import Store

FORM = "application/x-www-form-urlencoded"


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running(tmp_path_factory.mktemp("cap")) as (url, _, _app):
        yield url


def _chunks(body: bytes) -> Iterator[bytes]:
    for i in range(0, len(body), 8192):  # no Content-Length: sent as it comes
        yield body[i:i + 8192]


@pytest.mark.parametrize(("path", "kind", "body"), [
    ("/api/login", "application/json", b'{"name": "alice", "password": "' + b"x" * 2_000_000 + b'"}'),
    ("/login", FORM, b"name=alice&password=" + b"x" * 200_000),
    ("/logout", FORM, b"csrf_token=" + b"x" * 200_000),
])
def test_a_body_before_sign_in_is_read_no_further_than_its_cap(base: str, path: str, kind: str, body: bytes) -> None:
    r = httpx.post(base + path, content=_chunks(body), headers={"Content-Type": kind}, timeout=30)
    assert r.status_code == 413, r.text[:300]
    assert "at most 64000 bytes" in r.text


def test_a_sign_in_within_the_cap_still_signs_in(base: str) -> None:
    http = httpx.Client(base_url=base, timeout=10)
    r = http.post("/api/login", content=_chunks(b'{"name": "alice", "password": "a long enough password"}'),
                  headers={"Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert http.get("/api/me").json()["user"] == "alice"


def test_a_chunked_sign_in_is_not_read_past_its_cap(store: Store) -> None:  # noqa: F811
    status, body, reads = asgi_post(make_app(store), [], [b" " * 16384] * 64)  # 1 MiB, no Content-Length
    assert status == 413 and b"at most 64000 bytes" in body
    assert reads == 64_000 // 16384 + 1  # stopped at the first chunk past sign-in's cap, not at the server's 1 MB
