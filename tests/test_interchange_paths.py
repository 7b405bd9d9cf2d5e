"""Every import and export command, given a path that names no file it can read or write, says so in the words
of every input (the path, what is wrong with it, what was expected), never click's "Invalid value for 'FILE':
File '…' is a directory." nor the system's bare "Not a directory": a name that is not there, a folder (an
empty one), a path through a file as if it were a folder, a file it may not read, an empty name; and, for the
output (-o), a folder, a path through a file, a folder that is not there. The commands are read from the
command line's own groups, so a new one is covered the day it is added."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from whipcount.cli.interchange import export_group, import_group
from whipcount.io.csvio import read_csv
from whipcount.io.writer import dump_scenario

FIXTURES = Path(__file__).parent / "fixtures" / "interchange"

COMMANDS: dict[tuple[str, str], tuple[list[str], str, str]] = {
    # (group, command): the options it needs besides its path, a good input, and what it calls its input
    ("import", "popolo"): (["--rules", "pk-na", "--term", "term/2"], str(FIXTURES / "ep-popolo-examplia.json"),
                           "a JSON file"),
    ("import", "csv"): (["--rules", "pk-na"], str(FIXTURES / "ep-term-examplia.csv"), "a CSV file"),
    ("import", "ocd"): (["--scenario", "EXAMPLIA"], str(FIXTURES / "ocd-vote-examplia.json"), "a JSON file"),
    ("export", "popolo"): ([], "pk-na-2022", "a YAML file"),
    ("export", "csv"): ([], "pk-na-2022", "a YAML file"),
}


def test_every_import_and_export_command_is_here() -> None:
    found = {("import", n) for n in import_group.commands} | {("export", n) for n in export_group.commands}
    assert found == set(COMMANDS)


@pytest.fixture(scope="module")
def examplia(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scenario the OCD vote is of: the term CSV's, written as a scenario file."""
    path = tmp_path_factory.mktemp("examplia") / "examplia.yaml"
    path.write_text(dump_scenario(read_csv(FIXTURES / "ep-term-examplia.csv", rules="pk-na").scenario),
                    encoding="utf-8")
    return path


def _run(run_cli: Callable[..., Any], examplia: Path, key: tuple[str, str], path: str, *more: str) -> Any:
    options = [str(examplia) if o == "EXAMPLIA" else o for o in COMMANDS[key][0]]
    return run_cli(*key, path, *options, *more)


def _bad_inputs(tmp_path: Path, kind: str, scenario: bool) -> list[tuple[str, str]]:
    """Each bad path with the message expected of it, written from the cases, not read from the code."""
    folder = tmp_path / "empty-folder"
    folder.mkdir()
    a_file = tmp_path / "votes.json"
    a_file.write_text("{}", encoding="utf-8")
    missing, through = tmp_path / "nosuch.yaml", a_file / "inside.yaml"
    what = "a scenario file" if scenario else kind
    return [
        (str(missing), f"{missing}: no such file" + (" (and not the name of a bundled scenario)" if scenario else "")),
        (str(folder), f"{folder}: is a directory, expected {kind}"),
        (str(through), f"{through}: {a_file} is a file, not a folder; expected {what} in a folder"),
    ]


@pytest.mark.parametrize("key", list(COMMANDS), ids="-".join)
def test_a_bad_input_path_is_named_with_what_was_expected(run_cli: Callable[..., Any], examplia: Path,
                                                          tmp_path: Path, key: tuple[str, str]) -> None:
    for path, said in _bad_inputs(tmp_path, COMMANDS[key][2], key[0] == "export"):
        r = _run(run_cli, examplia, key, path)
        assert (r.code, r.out, r.err) == (1, "", f"error: {said}\n"), path


@pytest.mark.parametrize("key", list(COMMANDS), ids="-".join)
def test_an_empty_input_name_is_refused_by_name(run_cli: Callable[..., Any], examplia: Path,
                                                key: tuple[str, str]) -> None:
    r = _run(run_cli, examplia, key, "")
    assert r.code == 1 and r.out == ""
    # not "'.': is a directory": the current folder is not what was typed
    assert r.err.startswith("error: ") and "expected" in r.err and "empty name" in r.err, r.err
    assert "'.'" not in r.err and "Invalid value" not in r.err


@pytest.mark.parametrize("key", [k for k in COMMANDS if k[0] == "import"], ids="-".join)
def test_an_unreadable_input_says_so(run_cli: Callable[..., Any], examplia: Path, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch, key: tuple[str, str]) -> None:
    # tests run as any user (root reads every file), so the refusal comes from the system call
    source = Path(COMMANDS[key][1])
    path = tmp_path / source.name
    path.write_bytes(source.read_bytes())
    real_open = os.open

    def refuse(file: Any, *args: Any, **kwargs: Any) -> int:
        if str(file) == str(path):
            raise OSError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    r = _run(run_cli, examplia, key, str(path))
    assert (r.code, r.out, r.err) == (1, "", f"error: {path}: permission denied (cannot read the file)\n")


@pytest.mark.parametrize("key", list(COMMANDS), ids="-".join)
def test_a_bad_output_path_is_named_and_nothing_is_written(run_cli: Callable[..., Any], examplia: Path,
                                                           tmp_path: Path, key: tuple[str, str]) -> None:
    folder = tmp_path / "out-folder"
    folder.mkdir()
    a_file = tmp_path / "taken.txt"
    a_file.write_text("kept\n", encoding="utf-8")
    cases = [
        (folder, f"{folder}: cannot write: it is a folder; expected a file, a named pipe or a terminal"),
        (a_file / "out.json", f"{a_file / 'out.json'}: cannot write: {a_file} is a file, not a folder; expected "
                              "the name of a file in a folder"),
        (tmp_path / "nosuch" / "out.json", f"{tmp_path / 'nosuch' / 'out.json'}: cannot write: folder "
                                           f"{tmp_path / 'nosuch'} does not exist"),
    ]
    for out, said in cases:
        r = _run(run_cli, examplia, key, COMMANDS[key][1], "-o", str(out))
        assert r.code == 1 and r.out == "", r.err
        assert r.err.endswith(f"error: {said}\n"), r.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out-folder", "taken.txt"]
    assert list(folder.iterdir()) == [] and a_file.read_text(encoding="utf-8") == "kept\n"
