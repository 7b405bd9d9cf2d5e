"""Small things users expect: --on today / yesterday, and a taken port named before anything starts."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize("word,days", [("today", 0), ("yesterday", 1), ("Yesterday", 1)])
def test_on_today_and_yesterday(run_cli, word: str, days: int) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(run_cli("tally", "pk-na-2022", "--on", word, "--json").out)
    assert out["date"] == (dt.date.today() - dt.timedelta(days=days)).isoformat()


def test_a_date_word_we_do_not_know_is_refused(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "pk-na-2022", "--on", "tomorrow")
    assert r.code == 1 and "--on: expected a date as YYYY-MM-DD, today or yesterday, got 'tomorrow'" in r.err


def test_serve_on_a_taken_port_says_so_and_starts_nothing(tmp_path: Path) -> None:
    pytest.importorskip("uvicorn")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        db = tmp_path / "w.db"
        proc = subprocess.run([sys.executable, "-m", "whipcount.cli.main", "serve", "--port", str(port),
                               "--db", f"sqlite:///{db}"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1
    assert proc.stderr.strip() == f"error: --port: 127.0.0.1:{port} is already in use; choose another with --port"
    assert "whipcount on http" not in proc.stdout and not db.exists()
