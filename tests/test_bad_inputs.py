"""Every malformed input in tests/data/bad/ gets one clear line: exit 1, no traceback, at most three lines,
the file named, in bounded time and memory, and nothing written.

Each file runs through the real command line in its own process, with resource limits (CPU seconds and
address space), the way a user would run it. Special files that git cannot hold (a FIFO, a directory, a
symlink loop, /dev/zero) are made here.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BAD = Path(__file__).resolve().parent / "data" / "bad"
FILES = sorted(p for p in BAD.iterdir() if p.suffix in (".yaml", ".json", ".csv"))
LIMIT_SECONDS = 10
LIMIT_BYTES = 1 << 30  # 1 GiB of data segment


def _command(path: Path, out: Path) -> list[str]:
    group = path.name.split("-", 1)[0]
    return {
        "scenario": ["tally", str(path)],
        "constitution": ["outcome", "--rules", str(path), "--motion", "no-confidence", "--yes", "10"],
        "popolo": ["import", "popolo", str(path), "-o", str(out)],
        "ocd": ["import", "ocd", str(path), "--scenario", "pk-na-2022", "-o", str(out)],
        "csv": ["import", "csv", str(path), "--rules", "pk-na", "--as-of", "2020-01-01", "-o", str(out)],
    }[group]


def _limits() -> None:  # pragma: no cover - runs in the child
    resource.setrlimit(resource.RLIMIT_CPU, (LIMIT_SECONDS, LIMIT_SECONDS + 1))
    resource.setrlimit(resource.RLIMIT_DATA, (LIMIT_BYTES, LIMIT_BYTES))


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "whipcount.cli.main", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=LIMIT_SECONDS * 3, preexec_fn=_limits)


def _check_refusal(proc: subprocess.CompletedProcess[str], name: str) -> None:
    err = proc.stderr.strip()
    assert proc.returncode == 1, f"exit {proc.returncode}, expected 1\nstdout: {proc.stdout[-500:]}\nstderr: {err[-1500:]}"
    assert "Traceback" not in err, err[-1500:]
    lines = err.splitlines()
    assert 1 <= len(lines) <= 3, f"{len(lines)} lines:\n{err[:1500]}"
    assert name in err, f"the message does not name the file {name}: {err}"
    assert len(err) < 1000, f"the message echoes too much ({len(err)} characters)"


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_bad_file_is_refused_in_one_clear_line(path: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    copy = work / path.name
    shutil.copyfile(path, copy)
    out = work / "out.yaml"
    proc = _run(_command(copy, out), work)
    _check_refusal(proc, path.name)
    assert sorted(p.name for p in work.iterdir()) == [path.name], "something was written"


def test_the_corpus_is_large_and_covers_every_reader() -> None:
    groups = {p.name.split("-", 1)[0] for p in FILES}
    assert len(FILES) >= 100 and groups == {"scenario", "constitution", "popolo", "ocd", "csv"}


READERS = ("scenario", "constitution", "popolo", "ocd", "csv")


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("kind", ["fifo", "directory", "symlink-loop", "dev-zero"])
def test_special_files_are_refused_by_name(kind: str, reader: str, tmp_path: Path) -> None:
    # every reader opens its file the same way: a FIFO never waits for a writer, /dev/zero is never read
    target = tmp_path / f"{reader}-case.txt"
    if kind == "fifo":
        os.mkfifo(target)
        words = "not a regular file"
    elif kind == "directory":
        target.mkdir()
        words = "is a directory"
    elif kind == "symlink-loop":
        target.symlink_to(target)
        words = "symbolic link loop"
    else:
        target = tmp_path / f"{reader}-zero"
        target.symlink_to("/dev/zero")
        words = "not a regular file"
    proc = _run(_command(target, tmp_path / "out.yaml"), tmp_path)
    _check_refusal(proc, target.name)
    assert words in proc.stderr
    assert not (tmp_path / "out.yaml").exists()


@pytest.mark.parametrize("kind", ["fifo", "directory", "symlink-loop"])
def test_a_scenario_whose_rules_file_is_special_is_refused_by_name(kind: str, tmp_path: Path) -> None:
    # chamber.rules may name a constitution file beside the scenario: it is opened like any other input
    bundled = Path(__file__).resolve().parent.parent / "src" / "whipcount" / "data" / "scenarios"
    text = (bundled / "se-riksdag-2021.yaml").read_text(encoding="utf-8")
    assert "  rules: se-riksdag\n" in text
    (tmp_path / "case.yaml").write_text(text.replace("  rules: se-riksdag\n", "  rules: mine.yaml\n"),
                                        encoding="utf-8")
    rules = tmp_path / "mine.yaml"
    if kind == "fifo":
        os.mkfifo(rules)
    elif kind == "directory":
        rules.mkdir()
    else:
        rules.symlink_to(rules)
    proc = _run(["tally", "case.yaml"], tmp_path)
    _check_refusal(proc, "case.yaml")
    words = {"fifo": "not a regular file", "directory": "is a directory", "symlink-loop": "symbolic link loop"}
    assert "mine.yaml" in proc.stderr and words[kind] in proc.stderr, proc.stderr


@pytest.mark.parametrize("reader", READERS)
def test_a_file_over_the_size_cap_is_refused_before_it_is_read(reader: str, tmp_path: Path) -> None:
    big = tmp_path / f"{reader}-big.txt"
    big.write_text("# padding\n" * 200_000, encoding="utf-8")  # about 2 MB
    env_cap = {"WHIPCOUNT_MAX_INPUT_MB": "1"}
    proc = subprocess.run([sys.executable, "-m", "whipcount.cli.main", *_command(big, tmp_path / "out.yaml")],
                          cwd=tmp_path, env=dict(os.environ, **env_cap), capture_output=True, text=True,
                          timeout=60)
    _check_refusal(proc, big.name)
    assert "too large" in proc.stderr and "limit 1.0 MB" in proc.stderr, proc.stderr


ARGUMENTS = [
    (["db", "load", "pk-na-2022", "--db", ""], "--db"),
    (["db", "dump", "--db", "", "-o", "out.yaml"], "--db"),
    (["users", "add", "ann", "--role", "editor", "--password-stdin", "--db", ""], "--db"),
    (["chart", "pk-na-2022", "--rows", "100000000", "-o", "out.svg"], "--rows"),
    (["chart", "pk-na-2022", "--rows", "0", "-o", "out.svg"], "--rows"),
    (["forecast", "pk-na-2022", "--sims", "0"], "--sims"),
    (["tally", "pk-na-2022", "--on", "2022-02-30"], "--on"),
]


@pytest.mark.parametrize(("args", "option"), ARGUMENTS, ids=[" ".join(a[:2]) + " " + o for a, o in ARGUMENTS])
def test_bad_arguments_are_refused_by_option_and_nothing_is_written(args: list[str], option: str,
                                                                    tmp_path: Path) -> None:
    proc = _run(args, tmp_path)
    err = proc.stderr.strip()
    assert proc.returncode == 1 and "Traceback" not in err and len(err.splitlines()) <= 3, err[-800:]
    assert option in err, err
    assert list(tmp_path.iterdir()) == [], "something was written"


@pytest.mark.parametrize("option", ["--yes", "--no", "--abstain", "--absent", "--present-not-voting", "--vacancies",
                                    "--defectors", "--seats"])
def test_counts_on_the_command_line_are_held_to_a_chamber_s_size(run_cli, option: str) -> None:  # type: ignore[no-untyped-def]
    """A count of 10**21 was judged as if a chamber could hold it; a scenario file's seats stop at 100,000."""
    args = ["outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "174", "--seats", "342"]
    r = run_cli(*args, option, str(10**21))
    assert r.code != 0 and f"'{option}'" in r.err and "100000" in r.err
    assert "Traceback" not in r.err


@pytest.mark.parametrize("make", ["dir", "file"])
def test_a_rules_id_that_names_something_here_says_so(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                                      make: str) -> None:
    """`rules show mine` with a folder or an extension-less file 'mine' beside it: read as a profile id (ids and
    paths share the argument), it was only 'unknown rules profile'; it now says what 'mine' is here."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir() if make == "dir" else (tmp_path / "mine").write_text("id: mine\n", encoding="utf-8")
    r = run_cli("rules", "show", "mine")
    kind = "a directory" if make == "dir" else "a file"
    assert r.code == 1 and "unknown rules profile 'mine'" in r.err and f"mine is {kind} here" in r.err
    assert "./mine" in r.err


@pytest.mark.parametrize("command", ["tally", "count", "chart -o c.svg", "export popolo"])
def test_an_empty_scenario_name_is_named_as_empty(run_cli, command: str, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """``whipcount tally "$CASE"`` with CASE unset: before, "'.': is a directory" (Path("") is the current
    folder), naming nothing the user typed."""
    monkeypatch.chdir(tmp_path)
    got = run_cli(*command.split(), "")
    assert (got.code, got.out) == (1, "")
    assert got.err.strip() == "error: expected a scenario file or the name of a bundled scenario, got an empty name"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(("encoding", "said"), [
    ("utf-16", ":1: not UTF-8 text: the file starts with UTF-16's byte-order mark; save the file as UTF-8"),
    ("utf-16-le", ":1: not text: a NUL byte (byte 1: 0x00), which no text file holds (one saved as UTF-16 has "
                  "them between its letters); save the file as UTF-8"),
    ("utf-16-be", ":1: not text: a NUL byte (byte 0: 0x00), which no text file holds (one saved as UTF-16 has "
                  "them between its letters); save the file as UTF-8"),
])
def test_a_file_saved_as_utf16_is_said_to_be_one(reader: str, encoding: str, said: str, tmp_path: Path) -> None:
    """Without its mark, UTF-16 of Latin letters is valid UTF-8 with a NUL between letters: a CSV's columns
    were listed with the NULs, a YAML file refused at 'position 1' of '<unicode string>', a JSON file for a
    property name not in quotes."""
    target = tmp_path / f"{reader}-case.txt"
    target.write_bytes("name: Red\n".encode(encoding))
    proc = _run(_command(target, tmp_path / "out.yaml"), tmp_path)
    _check_refusal(proc, target.name)
    assert proc.stderr.strip().endswith(f"{target}{said}"), proc.stderr
    assert "\x00" not in proc.stderr
    assert not (tmp_path / "out.yaml").exists()
