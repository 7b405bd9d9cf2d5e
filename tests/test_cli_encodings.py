"""Standard output and error in an encoding that cannot hold what whipcount writes (``·``, ``†``, ``→``,
names in any script): ``PYTHONIOENCODING=ascii``, or a Windows code page behind a redirect. The first such
character used to end the command with a traceback (UnicodeEncodeError). Now a pipe or a file gets UTF-8,
byte for byte what a UTF-8 run writes, and a terminal shows ``?`` for what it cannot show."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import MINIMAL
from whipcount.storage import Store

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


LATIN1_NAME = b"caf\xe9.yaml"  # a file name in Latin-1 on a UTF-8 system: no UTF-8 text names it


def _in(folder: str, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, COLUMNS="100")
    return subprocess.run([sys.executable, "-m", "whipcount.cli.main", *args], capture_output=True, env=env,
                          cwd=folder, timeout=120, check=False)


def test_a_file_name_that_is_not_utf8_leaves_the_json_utf8(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Before, ``--json`` wrote the name's raw byte (0xE9) into the document, which a JSON parser refuses."""
    (tmp_path / "seats.csv").write_text("party,name,seats,side\nred,Red,6,government\n", encoding="utf-8")
    out = os.fsdecode(b"out\xe9.yaml")
    got = _in(str(tmp_path), ["import", "csv", "seats.csv", "--rules", "pk-na", "--as-of", "2024-01-01", "-o", out,
                              "--json"])
    assert got.returncode == 0, got.stderr
    written = json.loads(got.stdout.decode("utf-8"))["written"]  # strict UTF-8: raises on a raw byte
    assert os.fsencode(written) == b"out\xe9.yaml" and (tmp_path / out).is_file()
    missing = _in(str(tmp_path), ["tally", os.fsdecode(b"nope\xe9.yaml"), "--json"])
    error = json.loads(missing.stderr.decode("utf-8"))["error"]
    assert missing.returncode == 1 and os.fsencode(error).startswith(b"nope\xe9.yaml: no such file")


def test_db_load_of_a_file_name_that_is_not_utf8(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Before, a UnicodeEncodeError traceback: the name went into the audit trail as it was."""
    with open(os.path.join(os.fsencode(tmp_path), LATIN1_NAME), "wb") as fh:
        fh.write(("id: caf\n" + MINIMAL).encode("utf-8"))
    got = _in(str(tmp_path), ["db", "load", os.fsdecode(LATIN1_NAME), "--db", "sqlite:///w.db"])
    assert (got.returncode, got.stderr) == (0, b""), got.stderr.decode("utf-8", "replace")
    store = Store(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        (row,) = store.audit("caf", action="scenario.load")
    finally:
        store.close()
    assert row.reason == "whipcount db load caf\\xe9.yaml"
