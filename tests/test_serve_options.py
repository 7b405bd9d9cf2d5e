"""`whipcount serve` refuses options it cannot use with one line, before it opens a database or a port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

import whipcount


def _one_line(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    return lines[0]


@pytest.mark.parametrize(("option", "value", "expected"), [
    ("--session-idle", "nan", "expected a number from 0.01 to 2,160, got nan"),
    ("--session-lifetime", "nan", "expected a number from 0.01 to 365, got nan"),
    ("--session-lifetime", "NaN", "expected a number from 0.01 to 365, got nan"),
])
def test_a_session_length_that_is_not_a_number_is_refused(run_cli, tmp_path: Path, option: str, value: str,
                                                           expected: str) -> None:  # type: ignore[no-untyped-def]
    """'nan' passed click's range check (it compares false with both ends): a ValueError traceback."""
    r = run_cli("serve", "--db", f"sqlite:///{tmp_path / 'w.db'}", option, value)
    assert r.code == 1
    assert _one_line(r.err) == f"error: Invalid value for '{option}': {expected}"
    assert list(tmp_path.iterdir()) == []  # no database made


@pytest.mark.parametrize("value", ["not an ip", "10.0.0.300", "localhost", ""])
def test_a_proxy_that_is_not_an_address_is_refused(run_cli, tmp_path: Path, value: str) -> None:  # type: ignore[no-untyped-def]
    """It was taken, and matched no connection: X-Forwarded-For silently never trusted."""
    r = run_cli("serve", "--db", f"sqlite:///{tmp_path / 'w.db'}", "--behind-proxy", "--proxy", "127.0.0.1",
                "--proxy", value)
    assert r.code == 1
    assert _one_line(r.err) == ("error: Invalid value for '--proxy': expected an IP address (such as 127.0.0.1 or "
                                f"::1), got {value!r}")
    assert list(tmp_path.iterdir()) == []


def test_proxies_are_read_as_the_addresses_connections_come_from() -> None:
    from whipcount.cli.web import _check_proxies

    assert _check_proxies((" 127.0.0.1 ", "::0001", "10.0.0.1")) == ("127.0.0.1", "::1", "10.0.0.1")


def _answers(url: str) -> None:
    for _ in range(300):
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:  # an answer (401 without an account) is what is waited for
            return
        except OSError:
            time.sleep(0.1)
    raise AssertionError(f"{url}: no answer")


def test_ctrl_c_stops_the_server_without_calling_it_an_abort(tmp_path: Path) -> None:
    """Ctrl-C is how a server is stopped: it had ended with "aborted" and status 1, as a failed command."""
    with socket.socket() as probe:  # a free port, asked of the system
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    src = Path(whipcount.__file__).parent.parent
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(src), os.environ.get("PYTHONPATH", "")])}
    proc = subprocess.Popen([sys.executable, "-m", "whipcount", "serve", "--db", "sqlite://", "--seed", "",
                             "--port", str(port)], cwd=tmp_path, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith(f"whipcount on http://127.0.0.1:{port}/")
        _answers(f"http://127.0.0.1:{port}/api/scenarios")  # serving (the port listens before it serves)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert (proc.returncode, err, out) == (0, "", "whipcount stopped\n")
