"""What a self-hosted dashboard tells the browser about its transport and its features: every answer carries a
Permissions-Policy that lets no page use a camera, microphone, location, payment or other device feature; HSTS
(``Strict-Transport-Security``) is sent only to a request that came over HTTPS, whether the server's own
connection was or a trusted reverse proxy says so (``X-Forwarded-Proto: https`` with ``--behind-proxy``), never
over plain HTTP, where it would pin a browser to an HTTPS the server may not have."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PK, _app, store  # noqa: F401
from whipcount.storage import Store

DENIED = ("camera", "microphone", "geolocation", "payment", "usb", "serial", "midi", "display-capture",
          "accelerometer", "gyroscope", "magnetometer")
"""Features a newsroom's dashboard never uses (W3C Permissions Policy feature names)."""
PATHS = ("/login", f"/s/{PK}", f"/api/scenarios/{PK}", "/api/docs", "/api/nowhere", "/static/app.css")
"""A page, a page that needs a session (401), the API (401), its docs, a 404, a bundled asset."""


def _policy(value: str) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in value.split(","))


@pytest.mark.parametrize("path", PATHS)
def test_every_answer_denies_the_device_features(store: Store, path: str) -> None:  # noqa: F811
    r = TestClient(_app(store)).get(path)
    policy = _policy(r.headers["permissions-policy"])
    assert {f: policy.get(f) for f in DENIED} == {f: "()" for f in DENIED}, (path, r.status_code)


@pytest.mark.parametrize("path", PATHS)
def test_plain_http_gets_no_hsts(store: Store, path: str) -> None:  # noqa: F811
    for app in (_app(store), _app(store, behind_proxy=True, proxies=("10.0.0.9",))):
        # not behind a proxy, or from a peer that is not the proxy: the header is the client's word, not taken
        r = TestClient(app).get(path, headers={"X-Forwarded-Proto": "https"})
        assert "strict-transport-security" not in r.headers, path


@pytest.mark.parametrize("path", PATHS)
def test_https_gets_hsts_for_a_year(store: Store, path: str) -> None:  # noqa: F811
    r = TestClient(_app(store), base_url="https://testserver").get(path)
    assert r.headers["strict-transport-security"] == "max-age=31536000", path


@pytest.mark.parametrize(("proto", "hsts"), [("https", True), ("http", False), ("http, https", True),
                                             ("https, http", False), ("", False)])
def test_behind_a_proxy_its_word_on_the_scheme_counts(store: Store, proto: str, hsts: bool) -> None:  # noqa: F811
    # the test client connects from "testclient": here, the trusted proxy
    app: Any = _app(store, behind_proxy=True, proxies=("testclient",))
    headers = {"X-Forwarded-Proto": proto} if proto else {}
    for path in PATHS:
        r = TestClient(app).get(path, headers=headers)
        assert ("strict-transport-security" in r.headers) == hsts, (path, proto)
