"""Standard output and error in an encoding that cannot hold what whipcount writes (``·``, ``†``, ``→``,
names in any script): ``PYTHONIOENCODING=ascii``, or a Windows code page behind a redirect. The first such
character used to end the command with a traceback (UnicodeEncodeError). Now a pipe or a file gets UTF-8,
byte for byte what a UTF-8 run writes, and a terminal shows ``?`` for what it cannot show."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

COMMANDS = (["tally", "pk-na-2022"], ["count", "gb-hc-2019"], ["tally", "es-cd-2018", "--json"],
            ["rules", "show", "es-cd"])


def _run(args: list[str], encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, PYTHONIOENCODING=encoding, COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "whipcount.cli.main", *args], capture_output=True, env=env,
                          timeout=120, check=False)


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_narrow_encoding_gets_the_utf8_output_not_a_traceback(args: list[str]) -> None:
    utf8 = _run(args, "utf-8")
    assert utf8.returncode == 0 and utf8.stdout
    text = utf8.stdout.decode("utf-8")
    assert any(ord(c) > 127 for c in text)  # there is something an ascii stream cannot hold
    for encoding in ("ascii", "cp1252"):
        got = _run(args, encoding)
        assert (got.returncode, got.stderr) == (0, b""), got.stderr.decode("utf-8", "replace")
        assert got.stdout == utf8.stdout


def test_an_error_naming_a_cyrillic_file_is_one_line_in_utf8() -> None:
    got = _run(["tally", "Слуга.yaml"], "ascii")
    assert got.returncode == 1 and got.stdout == b""
    assert got.stderr.decode("utf-8").splitlines() == [
        "error: Слуга.yaml: no such file (and not the name of a bundled scenario)"]


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_a_terminal_that_cannot_show_a_character_shows_a_question_mark() -> None:
    env = dict(os.environ, PYTHONIOENCODING="ascii", COLUMNS="100", TERM="dumb")
    main, child = os.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "whipcount.cli.main", "tally", "pk-na-2022"], stdin=child,
                            stdout=child, stderr=child, env=env)
    os.close(child)
    shown = b""
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # the child's side closed: all is read
            break
        if not chunk:
            break
        shown += chunk
    os.close(main)
    assert proc.wait(timeout=120) == 0
    text = shown.decode("ascii")  # only what the terminal's encoding holds
    assert "Traceback" not in text and "PTI" in text
    assert "? " in text  # the dagger of an unverified figure, which ascii cannot hold
