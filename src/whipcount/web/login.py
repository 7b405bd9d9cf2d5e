"""Signing in under load and attack: the attempt limits, the client's address and the verification pool.

* :class:`LoginLimiter` reserves an attempt *before* the password is verified (so 64 concurrent guesses
  against a limit of 5 cost at most 5 verifications): at most ``limit`` failures per ``window`` for one
  (name, address) pair, ``address_limit`` per window for one address whatever the names, and
  ``account_limit`` an hour for one account from anywhere, except from a browser holding a device cookie
  of that account (given at a successful sign-in), whose failures count against that cookie alone
  (``limit`` per ``window``): guessing from elsewhere cannot lock the owner out. Old entries expire.
* :func:`client_address` trusts ``X-Forwarded-For`` only from configured proxy addresses.
* :class:`VerifyPool` lets ``size`` argon2 verifications run at once; a sign-in that would wait longer
  than ``wait`` seconds gets 503 with ``Retry-After``. An unknown name is verified against a dummy hash
  only while the pool has room, and at most ``dummies_per_s`` times a second, so a flood of unknown names
  costs next to nothing; every failure, verified or not, is answered at the same deadline (``fail_delay``
  after the slowest recent verification would end), so the time taken does not tell which names exist.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from whipcount.io.limits import quoted
from whipcount.storage.accounts import User
from whipcount.web.auth import HTTPError

__all__ = ["LoginLimiter", "VerifyPool", "client_address", "default_pool", "sign_in"]

SWEEP_AT = 100_000  # equivalent mutant: a sweep drops only expired entries, which no limit counts anyway
"""The limiter's table is swept of expired entries once a window, or at once when it holds this many keys."""

Key = tuple[str, str]

DEVICE_HOURLY = 20
"""Failed sign-ins an hour (the account window) from one browser with a device cookie, fewer than the
account-wide limit it is spared."""


class LoginLimiter:
    """Failed sign-ins counted per (name, address), per address and per account; see the module."""

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic, *,
                 address_limit: int = 20, account_limit: int = 100, account_window: float = 3600.0) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self.address_limit, self.account_limit, self.account_window = address_limit, account_limit, account_window
        self._hits: dict[Key, deque[float]] = {}
        self._lock = threading.Lock()
        self._swept = 0.0

    def _rules(self, name: str, ip: str, device: str | None) -> list[tuple[Key, int, float, str]]:
        who = name.lower()
        rules = [(("pair", f"{who}\0{ip}"), self.limit, self.window, f"for {quoted(name)} from this address"),
                 (("addr", ip), self.address_limit, self.window, "from this address")]
        if device is not None:  # a browser the user signed in from: its failures are its own, a few an hour
            return [*rules, (("device", device), self.limit, self.window, "from this browser"),
                    (("device-hour", device), DEVICE_HOURLY, self.account_window, "from this browser")]
        return [*rules, (("user", who), self.account_limit, self.account_window, f"for {quoted(name)}")]

    def _recent(self, key: Key, window: float, now: float) -> deque[float]:
        q = self._hits.setdefault(key, deque())
        while q and q[0] <= now - window:
            q.popleft()
        return q

    def reserve(self, name: str, ip: str, device: str | None = None) -> float:
        """Count an attempt now (raise 429 if a limit is used up); returns the reservation, which
        :meth:`release` takes back when the attempt succeeds or is not made. ``device``: the id of a device
        cookie given at a sign-in of this name (the account-wide limit is then this browser's own)."""
        with self._lock:
            now = self.clock()
            self._sweep(now)
            rules = [(self._recent(key, window, now), limit, window, what) for key, limit, window, what
                     in self._rules(name, ip, device)]
            for q, limit, window, what in rules:
                if len(q) >= limit:
                    wait = int(q[0] + window - now) + 1
                    raise HTTPError(429, f"too many failed sign-ins {what}: try again in {wait} s",
                                    headers={"Retry-After": str(wait)})
            for q, *_ in rules:
                q.append(now)
            return now

    def release(self, name: str, ip: str, at: float, device: str | None = None) -> None:
        """Take back a reservation (a success, or an attempt the server could not make)."""
        with self._lock:
            for key, *_ in self._rules(name, ip, device):
                q = self._hits.get(key)
                if q is not None and at in q:
                    q.remove(at)

    def _sweep(self, now: float) -> None:
        """Forget expired entries (at most once a window), so the table stays as small as the traffic."""
        if now - self._swept < self.window and len(self._hits) < SWEEP_AT:  # equivalent mutant "< -> <=": a tick
            return
        self._swept = now
        for key in list(self._hits):
            window = self.account_window if key[0] in ("user", "device-hour") else self.window
            if not self._recent(key, window, now):
                del self._hits[key]

    def __len__(self) -> int:
        return len(self._hits)


def default_pool() -> int:
    """How many verifications may run at once by default: 2, or 1 with fewer than 4 cores (an argon2
    verification with the default parameters runs 4 lanes, so 2 at once fill a 2-core machine)."""
    cores = os.cpu_count() or 1  # equivalent mutant "1 -> 2" "1 -> 0": unknown is fewer than 4 either way
    return 2 if cores >= 4 else 1


class VerifyPool:
    """At most ``size`` password verifications at once; waiting longer than ``wait`` s gives 503."""

    def __init__(self, size: int = 2, wait: float = 2.0,  # equivalent mutants "2 -> 1", "2 -> 3": the app sets size
                 dummies_per_s: float = 2.0) -> None:
        self.size, self.wait, self.dummies_per_s = size, wait, dummies_per_s
        self._slots = threading.BoundedSemaphore(size)
        self._dummy_at = 0.0
        self._dummy_lock = threading.Lock()
        self.slowest = 0.0  # seconds: the longest recent verification (decaying), see :meth:`run`

    def dummy_allowed(self) -> bool:
        """True at most ``dummies_per_s`` times a second: the dummy work spent on unknown names is bounded,
        so a flood of made-up names cannot keep the cores busy with it."""
        with self._dummy_lock:
            now = time.monotonic()
            if now - self._dummy_at < 1.0 / self.dummies_per_s:
                return False
            self._dummy_at = now
            return True

    async def run(self, fn: Callable[..., bool], *args: Any, must: bool = True) -> bool | None:
        """``fn(*args)`` in a worker thread once a slot is free; None if ``must`` is false and no slot
        is free right now; 503 if none frees up within ``wait`` seconds."""
        deadline = time.monotonic() + self.wait
        while not self._slots.acquire(blocking=False):  # polled: a waiting sign-in holds no thread
            if not must:
                return None
            if time.monotonic() >= deadline:  # equivalent mutant ">= -> >": a clock tick
                retry = max(1, int(self.wait))
                raise HTTPError(503, f"too many sign-ins at once: try again in {retry} s",
                                headers={"Retry-After": str(retry)})
            await asyncio.sleep(0.02)
        started = time.monotonic()
        try:
            return bool(await run_in_threadpool(fn, *args))
        finally:
            self._slots.release()
            took = time.monotonic() - started
            self.slowest = max(took, self.slowest * 0.99)  # a slow outlier fades over some hundred sign-ins


def client_address(request: Request, proxies: frozenset[str] | None) -> str:
    """The client's address: the peer's, or, when the peer is one of ``proxies``, the nearest address
    in ``X-Forwarded-For`` that is not a proxy."""
    peer = request.client.host if request.client else "?"
    if not proxies or peer not in proxies:
        return peer
    hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",") if h.strip()]
    for hop in reversed(hops):
        if hop not in proxies:
            return hop[:64]
    return peer


async def _answer_failure(wc: Any, started: float) -> None:
    """A failed sign-in is answered ``fail_delay`` seconds after the slowest recent verification would have
    ended, whether its name exists (its password verified) or not (no verification, or a dummy one): the
    time taken tells nothing about which names exist, and a guessing client slows down."""
    deadline = started + wc.fail_delay + wc.verify_pool.slowest
    await asyncio.sleep(max(0.0, deadline - time.monotonic()))


async def sign_in(wc: Any, name: str, password: str, ip: str, device: str | None = None) -> User:
    """The user if ``password`` is theirs; else HTTPError 401 (wrong), 429 (limited) or 503 (busy).
    ``device``: the browser's known device for this name (:func:`whipcount.web.auth.known_device`)."""
    from whipcount.storage.passwords import verify_password

    at = wc.limiter.reserve(name, ip, device)
    started = time.monotonic()
    try:
        found = await run_in_threadpool(wc.store.accounts.hash_of, name)
        if found is None:
            if wc.verify_pool.dummy_allowed():
                await wc.verify_pool.run(verify_password, None, password, must=False)
            raise HTTPError(401, "wrong user name or password")
        ok = await wc.verify_pool.run(verify_password, found[1], password)
    except HTTPError as exc:
        if exc.status != 401:
            wc.limiter.release(name, ip, at, device)  # not an attempt: the server did not check the password
        else:
            await _answer_failure(wc, started)
        raise
    except BaseException:
        wc.limiter.release(name, ip, at, device)
        raise
    if not ok:
        await _answer_failure(wc, started)
        raise HTTPError(401, "wrong user name or password")
    wc.limiter.release(name, ip, at, device)
    return found[0]
