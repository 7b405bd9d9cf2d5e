"""Limits: request bodies (413 before reading), error bodies that never echo a password or a long value,
the login limiter (reserved before verifying, per address and per account, proxies trusted only when
configured) and the pool of password verifications."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from conftest import make_web_store
from whipcount.storage import Store, passwords
from whipcount.web.app import create_app

PK = "pk-na-2022"
PASSWORD = "a long enough password"


@pytest.fixture
def store(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    s = make_web_store(tmp_path, monkeypatch, {"alice": "editor", "vera": "viewer"}, PASSWORD)
    yield s
    s.close()


def make_app(store: Store, **kw: Any) -> Any:
    kw.setdefault("fail_delay", 0.0)
    return create_app(store.url, store=store, secret="limits-" + "x" * 40, **kw)


def asgi_post(app: Any, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple[int, bytes, int]:
    """POST /api/login straight through ASGI: (status, body, how many body chunks the app read)."""
    reads = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal reads
        if reads >= len(chunks):
            await asyncio.sleep(3600)
        reads += 1
        return {"type": "http.request", "body": chunks[reads - 1], "more_body": reads < len(chunks)}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/api/login", "raw_path": b"/api/login", "query_string": b"", "root_path": "",
             "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
             "client": ("127.0.0.1", 5000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], body, reads


# -- request size --------------------------------------------------------------------------------------------
def test_a_declared_body_over_the_limit_is_refused_before_it_is_read(store: Store) -> None:
    app = make_app(store, max_body=10_000)
    status, body, reads = asgi_post(app, [(b"content-length", b"2000000")], [b"x" * 65536] * 31)
    assert (status, reads) == (413, 0)
    assert json.loads(body)["error"] == "request body too large: at most 10000 bytes"


def test_a_chunked_body_is_counted_and_cut_off_at_the_limit(store: Store) -> None:
    app = make_app(store, max_body=40_000)  # below sign-in's own 64,000 (test_web_sign_in_body_cap.py)
    status, body, reads = asgi_post(app, [], [b" " * 16384] * 64)  # 1 MiB, no Content-Length
    assert status == 413 and json.loads(body)["status"] == 413
    assert reads == 40_000 // 16384 + 1  # stopped at the first chunk past the limit
    ok = json.dumps({"name": "alice", "password": PASSWORD}).encode()
    assert asgi_post(app, [], [ok[:10], ok[10:]])[0] == 200  # a small chunked body goes through


def test_the_default_limit_is_one_megabyte(store: Store) -> None:
    c = TestClient(make_app(store))  # an event's body (sign-in's and a stance's are 64,000 bytes: test_web_body_sizes)
    c.headers["X-CSRF-Token"] = c.post("/api/login", json={"name": "alice", "password": PASSWORD}).json()["csrf_token"]
    events = f"/api/scenarios/{PK}/events"
    assert c.post(events, content=b"x" * 1_000_001, headers={"content-type": "application/json"}).status_code == 413
    assert c.post(events, content=b" " * 999_998 + b"{}", headers={"content-type": "application/json"}
                  ).status_code == 422  # exactly 1,000,000 bytes: read, and refused only for what it says


def test_errors_never_echo_a_password_and_cut_long_values(store: Store) -> None:
    c = TestClient(make_app(store))
    r = c.post("/api/login", json={"name": "alice", "password": 1234567890987})
    assert r.status_code == 422 and "password" in r.json()["error"]
    assert "1234567890987" not in r.text
    r = c.post("/api/login", json={"name": "alice", "password": PASSWORD})
    token = r.json()["csrf_token"]
    long = "m" * 5000
    r = c.post(f"/api/scenarios/{PK}/stances", headers={"X-CSRF-Token": token},
               json={"subject": "party:pti", "stance": long, "version": 0})
    assert r.status_code == 422 and "stance" in r.json()["error"]
    assert long[:100] not in r.text and len(r.text) < 1000


# -- the login limiter ---------------------------------------------------------------------------------------
def _counting_verify(monkeypatch: pytest.MonkeyPatch, delay: float = 0.05) -> dict[str, int]:
    import threading
    import time

    real = passwords.verify_password
    seen = {"calls": 0, "at_once": 0, "max_at_once": 0}
    lock = threading.Lock()

    def verify(hashed: str | None, password: str) -> bool:
        with lock:
            seen["calls"] += 1
            seen["at_once"] += 1
            seen["max_at_once"] = max(seen["max_at_once"], seen["at_once"])
        time.sleep(delay)
        try:
            return real(hashed, password)
        finally:
            with lock:
                seen["at_once"] -= 1

    monkeypatch.setattr(passwords, "verify_password", verify)
    return seen


def _attempts(wc: Any, tries: list[tuple[str, str, str]]) -> list[int]:
    from whipcount.web.auth import HTTPError
    from whipcount.web.login import sign_in

    async def one(name: str, password: str, ip: str) -> int:
        try:
            await sign_in(wc, name, password, ip)
        except HTTPError as exc:
            return exc.status
        return 200

    async def run() -> list[int]:
        return list(await asyncio.gather(*(one(*t) for t in tries)))

    return asyncio.run(run())


def test_64_concurrent_guesses_cost_at_most_5_verifications(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _counting_verify(monkeypatch)
    wc = make_app(store).state.wc
    statuses = _attempts(wc, [("alice", f"guess {i}", "203.0.113.9") for i in range(64)])
    assert seen["calls"] <= 5
    assert sorted(statuses) == [401] * 5 + [429] * 59


def test_forwarded_for_is_trusted_only_behind_a_configured_proxy(store: Store) -> None:
    def guesses(app: Any) -> list[int]:
        c = TestClient(app)  # its peer address is "testclient"
        return [c.post("/api/login", json={"name": "alice", "password": "wrong"},
                       headers={"X-Forwarded-For": f"198.51.100.{i}"}).status_code for i in range(7)]

    assert guesses(make_app(store)) == [401] * 5 + [429] * 2  # the header is ignored
    assert guesses(make_app(store, behind_proxy=True)) == [401] * 5 + [429] * 2  # peer is no configured proxy
    assert guesses(make_app(store, behind_proxy=True, proxies=("testclient",))) == [401] * 7  # 7 addresses


def test_one_address_is_limited_whatever_the_names() -> None:
    from whipcount.web.auth import HTTPError
    from whipcount.web.login import LoginLimiter

    now = [0.0]
    lim = LoginLimiter(5, 60.0, lambda: now[0], address_limit=20)
    for i in range(20):
        lim.reserve(f"user{i}", "203.0.113.1")  # a failed attempt each: never released
    with pytest.raises(HTTPError, match="from this address") as exc:
        lim.reserve("someone-else", "203.0.113.1")
    assert exc.value.status == 429 and exc.value.headers == {"Retry-After": "61"}
    lim.reserve("someone-else", "203.0.113.2")  # another address is not affected
    now[0] = 61.0
    lim.reserve("someone-else", "203.0.113.1")


def test_an_account_takes_at_most_100_failures_an_hour_from_anywhere() -> None:
    from whipcount.web.auth import HTTPError
    from whipcount.web.login import LoginLimiter

    now = [0.0]
    lim = LoginLimiter(5, 60.0, lambda: now[0])
    for i in range(100):
        now[0] = i * 30.0  # one failure every 30 s from a new address: under every per-address limit
        lim.reserve("Alice", f"10.0.{i // 250}.{i % 250}")
    with pytest.raises(HTTPError, match="for 'alice'"):
        lim.reserve("alice", "192.0.2.77")
    now[0] = 3600.0 + 1  # the first failure is more than an hour old
    lim.reserve("alice", "192.0.2.77")


def test_old_entries_expire() -> None:
    from whipcount.web.login import LoginLimiter

    now = [0.0]
    lim = LoginLimiter(5, 60.0, lambda: now[0])
    for i in range(1000):
        lim.reserve(f"name{i}", f"10.1.{i // 250}.{i % 250}")
    assert len(lim) == 3000  # pair, address and account entries
    now[0] = 3601.0
    lim.reserve("x", "192.0.2.1")
    assert len(lim) == 3


def test_a_successful_sign_in_gives_its_reservation_back(store: Store) -> None:
    c = TestClient(make_app(store))
    for _ in range(4):
        assert c.post("/api/login", json={"name": "alice", "password": "wrong"}).status_code == 401
    for _ in range(3):
        assert c.post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200
    assert c.post("/api/login", json={"name": "alice", "password": "wrong"}).status_code == 401
    assert c.post("/api/login", json={"name": "alice", "password": "wrong"}).status_code == 429


# -- the verification pool -----------------------------------------------------------------------------------
def test_at_most_two_verifications_run_at_once_and_a_long_wait_gets_503(store: Store,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _counting_verify(monkeypatch, delay=0.3)
    wc = make_app(store, verify_pool=2, verify_wait=0.2).state.wc
    statuses = _attempts(wc, [("alice", PASSWORD, f"203.0.113.{i}") for i in range(6)])
    assert seen["max_at_once"] == 2
    assert statuses.count(200) == 2 and statuses.count(503) == 4
    # a 503 is not a failed attempt: the same addresses may try again at once
    assert _attempts(wc, [("alice", PASSWORD, "203.0.113.0")]) == [200]


def test_unknown_names_are_verified_against_the_dummy_only_while_the_pool_has_room(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _counting_verify(monkeypatch, delay=0.0)
    wc = make_app(store, verify_pool=2, verify_wait=0.1).state.wc
    assert _attempts(wc, [("nobody", "x" * 10, "203.0.113.1")]) == [401]
    assert seen["calls"] == 1  # room: the same work as for a real name
    slots = wc.verify_pool._slots
    slots.acquire()
    slots.acquire()  # the pool is busy
    try:
        assert _attempts(wc, [(f"nobody{i}", "x" * 10, f"203.0.113.{i}") for i in range(10)]) == [401] * 10
        assert seen["calls"] == 1  # no dummy work queued behind real sign-ins
        assert _attempts(wc, [("alice", PASSWORD, "203.0.113.50")]) == [503]
    finally:
        slots.release()
        slots.release()


def test_a_503_carries_retry_after(store: Store) -> None:
    app = make_app(store, verify_pool=1, verify_wait=0.05)
    app.state.wc.verify_pool._slots.acquire()
    r = TestClient(app).post("/api/login", json={"name": "alice", "password": PASSWORD})
    assert r.status_code == 503 and r.headers["retry-after"] == "1" and "try again" in r.json()["error"]


def test_an_error_quoting_a_long_value_is_cut(store: Store) -> None:
    c = TestClient(make_app(store, public_read=True))
    r = c.get(f"/api/scenarios/{PK}/dashboard", params={"on": "9" * 5000})
    body = r.json()
    assert r.status_code == 400 and body["error"].startswith("on: expected a date")
    assert len(body["error"]) <= 1000 and all(len(e) <= 1000 for e in body["errors"])


def test_a_failed_sign_in_is_answered_late_and_a_good_one_at_once(store: Store) -> None:
    import time

    c = TestClient(make_app(store, fail_delay=0.5))
    for name in ("alice", "nobody"):  # a wrong password, an unknown name: the same wait
        t0 = time.perf_counter()
        assert c.post("/api/login", json={"name": name, "password": "wrong guess"}).status_code == 401
        assert time.perf_counter() - t0 >= 0.5
    t0 = time.perf_counter()
    assert c.post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200
    assert time.perf_counter() - t0 < 0.5


def test_dummy_checks_for_unknown_names_run_at_most_twice_a_second(monkeypatch: pytest.MonkeyPatch) -> None:
    """The docs' "at most twice a second": a second dummy within half a second is refused, one after it
    is allowed (a clock stands in for time)."""
    import whipcount.web.login as login

    clock = {"now": 5000.0}
    monkeypatch.setattr(login.time, "monotonic", lambda: clock["now"])
    pool = login.VerifyPool()
    assert pool.dummy_allowed() is True
    clock["now"] += 0.49
    assert pool.dummy_allowed() is False
    clock["now"] += 0.02
    assert pool.dummy_allowed() is True
    assert sum(pool.dummy_allowed() for _ in range(100)) == 0  # a flood in the same instant gets none


def test_an_existing_name_and_a_made_up_one_fail_at_the_same_time(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """The probe: a made-up name first uses up the dummy checks' budget, so the name probed next
    gets no verification if it does not exist, while an existing name is verified (here 0.3 s). Both
    failures must be answered at the same deadline, or the time tells which names exist. Timed on the wall
    clock of a shared machine, the pair is measured up to three times: a leak (0.3 s every time) shows in each
    measurement, a stall of the machine in one."""
    import time

    from whipcount.storage import passwords

    real = passwords.verify_password

    def slow(hashed: str | None, password: str) -> bool:
        time.sleep(0.3)
        return real(hashed, password)

    monkeypatch.setattr(passwords, "verify_password", slow)
    c = TestClient(make_app(store, fail_delay=0.2))
    assert c.post("/api/login", json={"name": "alice", "password": "wrong guess"}).status_code == 401  # warm
    gaps = []
    for _ in range(3):
        took = {}
        for name in ("alice", "nobody-at-all"):
            c.post("/api/login", json={"name": "decoy-name", "password": "x" * 12})  # spends the dummy budget
            t0 = time.perf_counter()
            assert c.post("/api/login", json={"name": name, "password": "wrong guess"}).status_code == 401
            took[name] = time.perf_counter() - t0
        assert took["nobody-at-all"] >= 0.2 + 0.3 - 0.02  # answered as late as a verified failure ...
        gaps.append(abs(took["alice"] - took["nobody-at-all"]))
        if gaps[-1] < 0.15:
            break
    assert min(gaps) < 0.15, gaps  # ... and not measurably later or sooner


# -- device cookies: guessing from elsewhere cannot lock an account's owner out ----------------------------------
def test_the_owner_signs_in_from_a_known_browser_while_the_account_is_locked_to_everyone_else(store: Store) -> None:
    """OWASP's device cookies: a browser that has signed in as alice carries a signed cookie; once guesses from
    many addresses use up alice's account-wide limit, the others get 429 but her own browser still signs in,
    and its failures count against that browser alone."""
    from whipcount.web.login import LoginLimiter

    app = make_app(store)
    owner = TestClient(app)
    assert owner.post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200
    device = owner.cookies.get("whipcount_device")
    assert device and "." in device
    owner.post("/api/logout", headers={"X-CSRF-Token": owner.get("/api/me").json()["csrf_token"]})
    # the account-wide limit used up by guesses from 100 addresses (no browser of alice's among them)
    limiter: LoginLimiter = app.state.wc.limiter
    for who in ("alice", "vera"):
        for i in range(limiter.account_limit):
            limiter.reserve(who, f"10.9.{i // 250}.{i % 250}")
    stranger = TestClient(app)
    refused = stranger.post("/api/login", json={"name": "alice", "password": PASSWORD})
    assert refused.status_code == 429 and "for 'alice'" in refused.json()["error"]
    assert owner.post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200
    # a forged cookie vouches for nobody, and alice's does not vouch for vera
    for cookie, name in ((device.split(".")[0] + "." + "0" * 32, "alice"), ("x.y", "alice"), (device, "vera")):
        other = TestClient(app)
        other.cookies.set("whipcount_device", cookie)
        assert other.post("/api/login", json={"name": name, "password": PASSWORD}).status_code == 429, (cookie, name)
    # the known browser's own failures are limited like any (name, address) pair, 5 a minute
    owner_statuses = [owner.post("/api/login", json={"name": "alice", "password": "wrong"}).status_code
                      for _ in range(6)]
    assert owner_statuses == [401] * 5 + [429]


def test_the_sign_in_form_sets_and_honours_the_device_cookie(store: Store) -> None:
    app = make_app(store)
    c = TestClient(app)
    page = c.get("/login")
    token = page.text.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
    r = c.post("/login", data={"name": "alice", "password": PASSWORD, "csrf_token": token},
               follow_redirects=False)
    assert r.status_code == 303 and "whipcount_device=" in r.headers.get("set-cookie", "")
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


def test_a_device_cookie_does_not_vouch_for_an_account_whose_name_differs_only_in_case(store: Store) -> None:
    """User names are case-sensitive: 'Alice' and 'alice' are two accounts in a database made before such
    names were refused at creation (tests/test_accounts_names.py). The holder of 'alice' signing in to her
    own account must not get a cookie that lifts the account-wide limit of 'Alice'."""
    from sqlalchemy import insert

    from whipcount.storage import schema
    from whipcount.storage.passwords import hash_password

    with store.engine.begin() as conn:  # as an older whipcount made it: add() now refuses the name
        conn.execute(insert(schema.users).values(name="Alice", role="editor",
                                                 password_hash=hash_password(PASSWORD + " too"),
                                                 created_at=dt.datetime.now(dt.UTC)))
    app = make_app(store)
    mallory = TestClient(app)
    assert mallory.post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200
    limiter = app.state.wc.limiter
    for i in range(limiter.account_limit):  # Alice's account-wide limit used up from elsewhere
        limiter.reserve("Alice", f"10.8.{i // 250}.{i % 250}")
    guess = mallory.post("/api/login", json={"name": "Alice", "password": "a guess at her password"})
    assert guess.status_code == 429, guess.json()


def test_a_device_cookie_vouches_for_no_new_account_of_the_same_name_and_for_a_few_failures_an_hour(
        store: Store) -> None:
    """A browser that signed in as vera keeps lifting vera's account-wide limit only while that account
    exists: removed and made again, 'vera' is another account. And its own failures are capped at 20 an hour."""
    from whipcount.web.login import DEVICE_HOURLY, LoginLimiter

    app = make_app(store)
    old = TestClient(app)
    assert old.post("/api/login", json={"name": "vera", "password": PASSWORD}).status_code == 200
    store.accounts.remove("vera")
    store.add_user("vera", "viewer", PASSWORD)
    limiter: LoginLimiter = app.state.wc.limiter
    for i in range(limiter.account_limit):
        limiter.reserve("vera", f"10.8.{i // 250}.{i % 250}")
    assert old.post("/api/login", json={"name": "vera", "password": PASSWORD}).status_code == 429
    # a browser of alice's: 5 failures a minute, and no more than DEVICE_HOURLY an hour
    now = [0.0]
    limiter.clock = lambda: now[0]
    owner = TestClient(app)
    assert owner.post("/api/login", json={"name": "alice", "password": PASSWORD}).status_code == 200
    failures = 0
    for minute in range(30):
        now[0] = minute * 61.0
        statuses = [owner.post("/api/login", json={"name": "alice", "password": "wrong"}).status_code
                    for _ in range(5)]
        failures += statuses.count(401)
    assert failures == DEVICE_HOURLY
