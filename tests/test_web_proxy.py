"""Behind a reverse proxy that does not pass the browser's Host on (nginx's default, Host: $proxy_host),
every POST's Origin names another host: the 403 says which two differ and what to set at the proxy."""

from __future__ import annotations

from test_web_api import PASSWORD, PK, _app, assert_error, client, store  # noqa: F401
from whipcount.storage import Store


def test_an_origin_host_mismatch_says_what_the_proxy_must_pass_on(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    proxied = {"host": "127.0.0.1:8000", "origin": "https://news.example"}
    r = c.post(f"/api/scenarios/{PK}/stances", json={"subject": "party:ppp", "stance": "no", "version": 0},
               headers=proxied)
    said = assert_error(r, 403, "cross-site request refused")["error"]
    assert "'https://news.example'" in said and "'127.0.0.1:8000'" in said
    assert "proxy_set_header Host $host" in said
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD}, headers=proxied)
    assert "proxy_set_header Host $host" in assert_error(r, 403)["error"]
