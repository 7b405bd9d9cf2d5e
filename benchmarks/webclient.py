"""The load generator's parts, imported by ``benchmarks/web.py`` (not a benchmark itself): the server in its
own process, keep-alive readers of one URL on a schedule, and the server's CPU time and memory from
``/proc`` (Linux)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import httpx


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process so far, all its threads (Linux: /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(db: str, port: int, options: str = "public_read=True") -> subprocess.Popen[bytes]:
    code = (
        "import uvicorn\n"
        "from whipcount.web.app import create_app\n"
        f"app = create_app({db!r}, {options})\n"
        f"uvicorn.run(app, host='127.0.0.1', port={port}, log_level='warning', access_log=False)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", code])
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/me", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("the server did not start within 20 s")


async def reader(port: int, path: str, stop: float, latencies: list[float], errors: list[str],
                 interval: float, offset: float, cookie: str = "") -> None:
    """One keep-alive connection. With ``interval`` > 0 it sends on a fixed schedule (open loop) and a
    request's latency counts from the time it was due, so queueing behind a slow reply is measured."""
    r, w = await asyncio.open_connection("127.0.0.1", port)
    extra = f"Cookie: whipcount_session={cookie}\r\n" if cookie else ""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n{extra}\r\n".encode()
    due = time.perf_counter() + offset
    try:
        while time.perf_counter() < stop:
            if interval > 0:
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                t0 = due
                due += interval
            else:
                t0 = time.perf_counter()
            w.write(request)
            head = await r.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await r.readexactly(length)
            latencies.append(time.perf_counter() - t0)
            if status != 200:
                errors.append(f"read status {status}")
    finally:
        w.close()


def rss_kib(pid: int) -> int:
    """The resident set size of a process, in KiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def pct(latencies: list[float], q: float) -> float:
    return round(latencies[min(len(latencies) - 1, int(len(latencies) * q))] * 1000, 2)


def run_readers(port: int, path: str, readers: int, rate: float, stop: float, cookies: Sequence[str] = ()
                ) -> tuple[list[float], list[str]]:
    """``readers`` keep-alive connections asking for ``path`` until ``stop``, ``rate`` reads a second in all
    (0: as fast as they can), each signed in with one of ``cookies`` if any: their latencies and errors."""
    latencies: list[float] = []
    errors: list[str] = []
    interval = readers / rate if rate > 0 else 0.0

    async def run() -> None:
        await asyncio.gather(*(reader(port, path, stop, latencies, errors, interval, i * interval / readers,
                                      cookies[i % len(cookies)] if cookies else "") for i in range(readers)))

    asyncio.run(run())
    return latencies, errors
