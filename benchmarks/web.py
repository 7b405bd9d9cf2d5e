"""Load test of the web app on loopback: many readers of the dashboard JSON and 8 concurrent editors.

    python benchmarks/web.py [--seconds 10] [--readers 16] [--editors 8] [--db URL] [--json]

Starts uvicorn (one process, 127.0.0.1 only) on a fresh SQLite file (or ``--db``), loads the bundled
pk-na-2022 scenario, then for ``--seconds``:

* readers: keep-alive HTTP/1.1 connections asking ``GET /api/scenarios/pk-na-2022/dashboard`` at
  ``--rate`` reads a second in all (600 by default; open loop: latency counts from when a request was
  due, so queueing is measured), or as fast as they can with ``--rate 0`` (the ceiling); a small asyncio
  client, so the load generator costs less CPU than the server;
* editors: each signs in and loops: wait a random think time (``--edit-interval`` on average, 0.5 s:
  16 edits a second from 8 editors, far more than a newsroom makes), read the whip count, change one of a
  few stances from the version it read; a 409 (someone changed it first) is counted.

Reports reads/s, p50/p99 read latency, the server's CPU time per request (user + system seconds of the
server process, from /proc, over the requests it answered in the run: reads, the editors' reads and
writes; the P(pass) the worker recomputes after each write included), writes accepted and refused, and
checks that no update was lost: the writes the server accepted must equal the stance changes in the
audit trail, and once the editors stop the dashboard must show the last revision (with its P(pass)).
Targets: 500 reads/s (within 1 %) with p99 under 50 ms, zero lost writes. ``--quick``: 3 seconds.

    python benchmarks/web.py --flood [--seconds 10] [--flooders 32]

The login flood: signed-in readers read the dashboard (same schedule as above) for ``--seconds``
alone, then again while ``--flooders`` clients post sign-ins with unknown names as fast as they can,
each from a different forwarded address (the server runs ``--behind-proxy``, so the per-address limit
does not stop them: the worst case for the verification pool). Reports the readers' p50/p99 in both
phases and their ratio, the flood's answers by status, and the server's RSS growth.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

from webclient import cpu_seconds, free_port, pct, rss_kib, run_readers, start_server

PK = "pk-na-2022"
DASHBOARD = f"/api/scenarios/{PK}/dashboard"
PASSWORD = "benchmark password"
SUBJECTS = ["party:mqm-p", "party:bap@government", "party:gda", "party:aml", "party:jwp", "party:pml-q@government"]
STANCES = ["yes", "lean-yes", "undecided", "lean-no", "no"]


def login(base: str, name: str) -> tuple[httpx.Client, dict[str, str]]:
    """A signed-in editor's client and the CSRF header its writes carry."""
    http = httpx.Client(base_url=base, timeout=10)
    r = http.post("/api/login", json={"name": name, "password": PASSWORD})
    r.raise_for_status()
    return http, {"X-CSRF-Token": r.json()["csrf_token"]}


def editor(http: httpx.Client, headers: dict[str, str], name: str, stop: float, stats: dict[str, int],
           lock: threading.Lock, seed: int, interval: float) -> None:
    rng = random.Random(seed)
    ok = conflicts = failed = 0
    try:
        while time.perf_counter() < stop:
            time.sleep(rng.uniform(0, 2 * interval))  # think time: on average one edit per interval
            if time.perf_counter() >= stop:
                break
            subject = rng.choice(SUBJECTS)
            rows = {s["subject"]: s for s in http.get(f"/api/scenarios/{PK}/stances").json()["stances"]}
            version = rows[subject]["version"] if subject in rows else 0
            r = http.post(f"/api/scenarios/{PK}/stances", headers=headers, json={
                "subject": subject, "stance": rng.choice(STANCES), "version": version,
                "note": f"{name} benchmark", "date": "2022-04-01"})
            if r.status_code == 200:
                ok += 1
            elif r.status_code == 409:
                conflicts += 1
            else:
                failed += 1
    finally:
        http.close()
    with lock:
        stats["ok"] += ok
        stats["conflicts"] += conflicts
        stats["failed"] += failed
        stats["requests"] += 2 * (ok + conflicts + failed)  # one read of the stances and one write each


def editors_process(base: str, n: int, seconds: float, interval: float, out: Any, go: Any) -> None:
    """The editors, in their own process so that their client work does not delay the readers' clock.
    They sign in first (argon2 is slow on purpose), say so, and start editing when told."""
    sessions = [login(base, f"editor{i}") for i in range(n)]
    out.put("ready")
    go.wait()
    stop = time.perf_counter() + seconds
    stats = {"ok": 0, "conflicts": 0, "failed": 0, "requests": 0}
    lock = threading.Lock()
    threads = [threading.Thread(target=editor, args=(http, hdr, f"editor{i}", stop, stats, lock, i, interval))
               for i, (http, hdr) in enumerate(sessions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    out.put(stats)


def flood_process(base: str, n: int, seconds: float, out: Any, go: Any) -> None:
    """``n`` clients posting sign-ins with unknown names, each from its own forwarded address."""

    async def one(i: int, stop: float, counts: dict[int, int]) -> None:
        async with httpx.AsyncClient(base_url=base, timeout=30) as http:
            k = 0
            while time.perf_counter() < stop:
                k += 1
                r = await http.post("/api/login", json={"name": f"nobody-{i}-{k}", "password": "guess guess"},
                                    headers={"X-Forwarded-For": f"10.{i}.{k // 250 % 250}.{k % 250}"})
                counts[r.status_code] = counts.get(r.status_code, 0) + 1

    async def run() -> dict[int, int]:
        counts: dict[int, int] = {}
        stop = time.perf_counter() + seconds
        await asyncio.gather(*(one(i, stop, counts) for i in range(n)))
        return counts

    out.put("ready")
    go.wait()
    out.put(asyncio.run(run()))


def read_phase(port: int, readers: int, rate: float, seconds: float, cookies: list[str]) -> list[float]:
    """Signed-in readers for ``seconds``; their latencies, sorted."""
    latencies, errors = run_readers(port, DASHBOARD, readers, rate, time.perf_counter() + seconds, cookies)
    if errors:
        raise SystemExit(f"{len(errors)} reads failed, e.g. {errors[0]}")
    return sorted(latencies)


def flood(args: argparse.Namespace) -> int:
    """Readers alone, then readers during a login flood: p99 of each, and the server's RSS growth."""
    from whipcount.io.scenario import load_scenario
    from whipcount.storage import Store

    tmp = tempfile.TemporaryDirectory()
    db = f"sqlite:///{Path(tmp.name) / 'flood.db'}"
    store = Store(db)
    store.save_scenario(load_scenario(PK), user="benchmark")
    for i in range(4):
        store.add_user(f"reader{i}", "viewer", PASSWORD)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port, f"behind_proxy=True, login_limit=1000, verify_pool={args.pool or None}")
    try:
        cookies = []
        for i in range(4):
            r = httpx.post(f"{base}/api/login", json={"name": f"reader{i}", "password": PASSWORD}, timeout=30)
            r.raise_for_status()
            cookies.append(r.cookies["whipcount_session"])
        read_phase(port, args.readers, args.rate, 1.0, cookies)  # warm up
        alone = read_phase(port, args.readers, args.rate, args.seconds, cookies)
        rss_before = rss_kib(proc.pid)
        queue: Any = multiprocessing.Queue()
        go = multiprocessing.Event()
        flooder = multiprocessing.Process(target=flood_process, args=(base, args.flooders, args.seconds, queue, go))
        flooder.start()
        assert queue.get(timeout=60) == "ready"
        go.set()
        during = read_phase(port, args.readers, args.rate, args.seconds, cookies)
        counts = queue.get(timeout=120)
        flooder.join(timeout=10)
        rss_after = rss_kib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        store.close()
        tmp.cleanup()
    print(f"readers alone: p50 {pct(alone, 0.5)} ms, p99 {pct(alone, 0.99)} ms ({len(alone)} reads)")
    print(f"during the flood: p50 {pct(during, 0.5)} ms, p99 {pct(during, 0.99)} ms ({len(during)} reads); "
          f"p99 ratio {pct(during, 0.99) / max(pct(alone, 0.99), 0.01):.2f}")
    print(f"flood ({args.flooders} clients, unknown names, {args.seconds:g} s): "
          + ", ".join(f"{n} x {status}" for status, n in sorted(counts.items())))
    print(f"server RSS: {rss_before / 1024:.1f} MiB before the flood, {rss_after / 1024:.1f} MiB after "
          f"(+{(rss_after - rss_before) / 1024:.1f} MiB)")
    return 0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seconds", type=float, default=None, help="default 10 (3 with --quick)")
    ap.add_argument("--quick", action="store_true", help="a short run: 3 seconds")
    ap.add_argument("--readers", type=int, default=16, help="reader connections")
    ap.add_argument("--rate", type=float, default=600.0,
                    help="reads per second asked for, spread over the readers (0: as fast as they can)")
    ap.add_argument("--editors", type=int, default=8)
    ap.add_argument("--edit-interval", type=float, default=0.5,
                    help="mean seconds between one editor's edits (0: as fast as possible)")
    ap.add_argument("--db", default=None, help="database URL (default: a fresh SQLite file)")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--flood", action="store_true", help="the login flood scenario (see above)")
    ap.add_argument("--flooders", type=int, default=32)
    ap.add_argument("--pool", type=int, default=0,
                    help="with --flood: concurrent password verifications (0: the server's default)")
    args = ap.parse_args(argv)
    if args.seconds is None:
        args.seconds = 3.0 if args.quick else 10.0
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.flood:
        return flood(args)

    from whipcount.storage import Store

    tmp = tempfile.TemporaryDirectory()
    db = args.db or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    store = Store(db)
    from whipcount.io.scenario import load_scenario

    if not store.has_scenario(PK):
        store.save_scenario(load_scenario(PK), user="benchmark")
    for i in range(args.editors):
        if store.user(f"editor{i}") is None:
            store.add_user(f"editor{i}", "editor", PASSWORD)
    result = summary(args, store, measure(args, store, db))
    store.close()
    tmp.cleanup()
    print_summary(args, result)
    sound = (result["lost_writes"] == 0 and result["writes_failed"] == 0 and result["writes_ok"] > 0
             and result["dashboard_current"])
    return 0 if sound else 1


def measure(args: argparse.Namespace, store: Any, db: str) -> dict[str, Any]:
    """The run: the server started on ``db``, the editors (in their own process) and the readers for
    ``--seconds``, then the dashboard polled until it shows the last write. What was measured, by name."""
    audit_before = store.count_audit(PK, action="stance.set")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(db, port)
    try:
        httpx.get(f"{base}{DASHBOARD}", timeout=10).raise_for_status()  # warm the cache
        queue: Any = multiprocessing.Queue()
        go = multiprocessing.Event()
        editors = multiprocessing.Process(target=editors_process,
                                          args=(base, args.editors, args.seconds, args.edit_interval, queue, go))
        editors.start()
        assert queue.get(timeout=60) == "ready"
        go.set()
        stop = time.perf_counter() + args.seconds
        t0 = time.perf_counter()
        cpu0 = cpu_seconds(proc.pid)
        latencies, errors = run_readers(port, DASHBOARD, args.readers, args.rate, stop)
        elapsed = time.perf_counter() - t0
        stats = queue.get(timeout=60)
        editors.join(timeout=10)
        final, polls = settled_dashboard(base, store)
        cpu = cpu_seconds(proc.pid) - cpu0  # the last write's P(pass) included
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    audit_rows = store.count_audit(PK, action="stance.set") - audit_before
    return {"elapsed": elapsed, "latencies": sorted(latencies), "errors": errors, "stats": stats, "final": final,
            "polls": polls, "cpu": cpu, "audit_rows": audit_rows}


def settled_dashboard(base: str, store: Any) -> tuple[dict[str, Any], int]:
    """The dashboard once it shows the store's last revision and its P(pass) (or after 5 s), and the number
    of reads that took."""
    # every accepted write must be visible to readers: the dashboard's revision is the store's, and
    # its P(pass) catches up (it is computed off the request path) within a couple of seconds
    final: dict[str, Any] = {}
    deadline = time.monotonic() + 5
    polls = 0
    while time.monotonic() < deadline:
        final = httpx.get(f"{base}{DASHBOARD}", timeout=10).json()
        polls += 1
        if final.get("revision") == store.revision(PK) and not final.get("p_pass_pending"):
            break
        time.sleep(0.05)
    return final, polls


def summary(args: argparse.Namespace, store: Any, m: dict[str, Any]) -> dict[str, Any]:
    """The figures reported (``--json`` prints them as they are), and whether the targets were met."""
    latencies, elapsed, cpu, stats, final = m["latencies"], m["elapsed"], m["cpu"], m["stats"], m["final"]
    n = len(latencies)
    requests = n + stats["requests"] + m["polls"]
    result = {
        "seconds": round(elapsed, 2), "readers": args.readers, "rate_asked": args.rate, "editors": args.editors,
        "edit_interval_s": args.edit_interval,
        "reads": n, "reads_per_s": round(n / elapsed, 1),
        "p50_ms": round(latencies[n // 2] * 1000, 2) if n else None,
        "p99_ms": round(latencies[min(n - 1, int(n * 0.99))] * 1000, 2) if n else None,
        "server_cpu_s": round(cpu, 2), "requests": requests,
        "cpu_ms_per_request": round(cpu / max(requests, 1) * 1000, 3),
        "read_errors": len(m["errors"]),
        "writes_ok": stats["ok"], "writes_conflict": stats["conflicts"], "writes_failed": stats["failed"],
        "audit_rows": m["audit_rows"], "lost_writes": stats["ok"] - m["audit_rows"],
        "dashboard_current": final.get("revision") == store.revision(PK) and not final.get("p_pass_pending"),
        "cores": os.cpu_count(), "database": store.dialect,
    }
    result["targets_met"] = (
        result["reads_per_s"] >= 495 and (result["p99_ms"] or 1e9) < 50 and result["lost_writes"] == 0
        and result["read_errors"] == 0 and result["writes_ok"] > 0 and result["dashboard_current"])
    return result


def print_summary(args: argparse.Namespace, result: dict[str, Any]) -> None:
    if args.json:
        print(json.dumps(result, indent=2))
        return
    asked = f"{args.rate:g} reads/s asked" if args.rate > 0 else "as fast as possible"
    print(f"{result['reads']} reads in {result['seconds']} s: {result['reads_per_s']} reads/s ({asked}), "
          f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms ({args.readers} readers, {result['cores']} cores)")
    print(f"server CPU: {result['server_cpu_s']} s for {result['requests']} requests, "
          f"{result['cpu_ms_per_request']} ms per request (P(pass) after each write included)")
    print(f"writes ({args.editors} editors, one edit per {args.edit_interval} s each on average): "
          f"{result['writes_ok']} accepted, {result['writes_conflict']} refused with 409, "
          f"{result['writes_failed']} failed; audit rows {result['audit_rows']}; lost {result['lost_writes']}; "
          f"dashboard shows the last write: {'yes' if result['dashboard_current'] else 'NO'}")
    print("targets (500 reads/s, p99 < 50 ms, 0 lost):", "met" if result["targets_met"] else "NOT met")


if __name__ == "__main__":
    sys.exit(main())
