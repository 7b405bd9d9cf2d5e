"""Sessions that end: kept server-side, so a saved cookie stops working after sign-out, a password change
or a removed account, loses rights on a role change at the next request, and ends after the idle timeout
or its lifetime; accounts managed from the command line; easy passwords refused everywhere."""

from __future__ import annotations

import datetime as dt
import io
import sys
from typing import Any

import pytest
from fastapi.testclient import TestClient

from test_web_api import PASSWORD, PK, _app, assert_error, client, set_stance, store  # noqa: F401
from whipcount.cli.main import main
from whipcount.errors import InputError
from whipcount.storage import Store
from whipcount.web.auth import SessionPolicy


def _saved(c: TestClient) -> TestClient:
    """Another client holding a copy of ``c``'s session cookie and CSRF token (a cookie saved elsewhere)."""
    other = TestClient(c.app)
    other.cookies.set("whipcount_session", c.cookies.get("whipcount_session") or "")
    other.headers["X-CSRF-Token"] = c.headers["X-CSRF-Token"]
    return other


def _me(c: TestClient) -> Any:
    return c.get("/api/me").json()["user"]


def test_a_saved_cookie_stops_working_after_sign_out(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    copy = _saved(c)
    assert _me(copy) == "alice"
    assert c.post("/api/logout").status_code == 200
    assert _me(copy) is None
    assert_error(set_stance(copy, "party:pti", "yes", 0), 401)


def test_a_role_change_applies_at_the_next_request(store: Store) -> None:  # noqa: F811
    c = client(_app(store), "alice")
    assert set_stance(c, "party:pti", "yes", 0).status_code == 200
    store.set_role("alice", "viewer")
    assert_error(set_stance(c, "party:ppp", "yes", 0), 403)
    assert c.get("/api/me").json()["role"] == "viewer"


@pytest.mark.parametrize("change", ["remove", "password"])
def test_removing_an_account_or_changing_its_password_ends_its_sessions(store: Store, change: str) -> None:  # noqa: F811
    c = client(_app(store), "bob")
    assert _me(c) == "bob"
    if change == "remove":
        store.remove_user("bob")
    else:
        store.set_password("bob", "a completely new passphrase")
    assert _me(c) is None
    assert store.live_sessions("bob") == 0


def test_sessions_end_after_their_lifetime_and_idle_time(store: Store) -> None:  # noqa: F811
    expired = client(_app(store, sessions=SessionPolicy(lifetime=dt.timedelta(0))), "alice")
    assert _me(expired) is None
    idle = client(_app(store, sessions=SessionPolicy(idle=dt.timedelta(0))), "alice")
    assert _me(idle) is None
    fresh = client(_app(store, sessions=SessionPolicy()), "alice")
    assert _me(fresh) == "alice"


def test_the_cookie_holds_no_name_or_role(store: Store) -> None:  # noqa: F811
    import base64
    import json

    c = client(_app(store), "alice")
    payload = (c.cookies.get("whipcount_session") or "").split(".")[0]
    data = json.loads(base64.b64decode(payload + "=" * (-len(payload) % 4)))
    assert set(data) == {"sid", "csrf"} and "alice" not in json.dumps(data)


@pytest.mark.parametrize("password", ["password", "12345678", "        ", "aaaaaaaaaa", "short"])
def test_easy_passwords_are_refused(store: Store, password: str) -> None:  # noqa: F811
    with pytest.raises(InputError, match="password"):
        store.add_user("carol", "viewer", password)
    with pytest.raises(InputError, match="password"):
        store.set_password("alice", password)


def test_accounts_from_the_command_line(store: Store, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = store.url
    assert main(["users", "list", "--db", db, "--json"]) == 0
    assert [u["name"] for u in __import__("json").loads(capsys.readouterr().out)["users"]] == ["alice", "bob", "vera"]
    assert main(["users", "set-role", "vera", "editor", "--db", db]) == 0
    assert store.user("vera").role == "editor"  # type: ignore[union-attr]
    monkeypatch.setattr(sys, "stdin", io.StringIO("another long passphrase\n"))
    assert main(["users", "set-password", "vera", "--password-stdin", "--db", db]) == 0
    assert store.authenticate("vera", "another long passphrase") is not None
    assert main(["users", "remove", "vera", "--db", db]) == 0
    assert store.user("vera") is None
    capsys.readouterr()
    assert main(["users", "remove", "nobody", "--db", db]) == 1
    assert "no user 'nobody'" in capsys.readouterr().err


def test_a_body_over_the_limit_is_refused_before_it_is_read(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store, max_body=4096))
    r = c.post("/api/login", content=b'{"name": "alice", "password": "' + b"x" * 10_000 + b'"}',
               headers={"content-type": "application/json"})
    assert_error(r, 413, "too large")

    def chunks() -> Any:
        yield b'{"name": "alice", "password": "'
        for _ in range(10):
            yield b"y" * 1000
        yield b'"}'

    streamed = c.post("/api/login", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413


def test_errors_never_echo_a_password_and_cut_long_values(store: Store) -> None:  # noqa: F811
    c = TestClient(_app(store))
    r = c.post("/api/login", json={"name": "alice", "password": 12345678901234})
    body = r.text
    assert r.status_code == 422 and "12345678901234" not in body
    long_name = "n" * 5000
    r = c.post("/api/login", json={"name": [long_name], "password": "x"})
    assert r.status_code == 422 and long_name not in r.text


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path: Any) -> None:
    import stat

    path = tmp_path / "private.db"
    Store(f"sqlite:///{path}").close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
