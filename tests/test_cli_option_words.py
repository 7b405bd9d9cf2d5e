"""A value given on the command line is judged as the option it was given with, in the option's words.

`import csv --id 'Bad Id!'` had been blamed on the input file (``s.csv: id: String should match pattern
'^[a-z0-9][a-z0-9._-]*$'``), a side given twice with ``--side`` kept the last without a word, a second
``--together`` group naming a party of the first was refused as "bloc 'ppp' is in two groups", and a
probability out of range was named as the model's "together", not as the option's P. A choice argument was
named by its list (``Invalid value for '{viewer|editor|admin}'``); a user name that is not ASCII was refused
as not "letters" (``Zoë``); an unknown user or stored scenario gave no hint of the names there are.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import Any

import click
import pytest

from whipcount.cli.main import cli
from whipcount.model.ids import is_id

SEATS = "party,seats\nred,10\nblue,12\n"
GOOD = "a long enough password"


@pytest.fixture
def seats(tmp_path: Path) -> Path:
    path = tmp_path / "s.csv"
    path.write_text(SEATS, encoding="utf-8")
    return path


def _import(run_cli: Any, seats: Path, *extra: str) -> Any:
    return run_cli("import", "csv", str(seats), "--rules", "pk-na", "--as-of", "2022-01-01",
                   "-o", str(seats.with_suffix(".yaml")), *extra)


def _line(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(("option", "value", "example"), [
    ("--id", "Bad Id!", "bad-id"),
    ("--id", "X", "x"),
    ("--default-side", "Weird Side", "weird-side"),
    ("--side", "red=Gov Side", "gov-side"),
])
def test_an_id_given_on_the_command_line_is_judged_as_the_option(
    run_cli: Any, seats: Path, option: str, value: str, example: str
) -> None:
    r = _import(run_cli, seats, option, value)
    err = _line(r.err)
    assert r.code != 0 and "Traceback" not in r.err
    assert option in err and "s.csv" not in err, err  # the option, not the file, is at fault
    assert "expected an id: lower-case letters" in err and f"(for example '{example}')" in err
    assert is_id(example) and not seats.with_suffix(".yaml").exists()  # nothing written


def test_a_party_given_two_sides_is_refused(run_cli: Any, seats: Path) -> None:
    r = _import(run_cli, seats, "--side", "red=government", "--side", "red=opposition")
    assert r.code != 0
    assert "'red' is given two sides, 'government' and 'opposition'" in _line(r.err)
    same = _import(run_cli, seats, "--side", "red=government", "--side", "red=government")
    assert same.code == 0, same.err  # the same side twice says one thing
    assert "side: government" in seats.with_suffix(".yaml").read_text(encoding="utf-8").split("id: red")[1]


@pytest.mark.parametrize("p", ["1.5", "-0.1", "nan", "inf", ""])
def test_a_probability_of_together_is_judged_as_the_option(run_cli: Any, p: str) -> None:
    r = run_cli("forecast", "pk-na-2022", "--together", f"pti,ppp:{p}")
    assert r.code != 0
    assert f"--together 'pti,ppp:{p}': expected PARTY,PARTY[:P] with P a probability from 0 to 1" in _line(r.err)


def test_a_party_in_two_together_groups_names_both_options(run_cli: Any) -> None:
    r = run_cli("forecast", "pk-na-2022", "--together", "pti,ppp", "--together", "ppp,pml-n")
    assert r.code != 0
    assert "--together 'ppp,pml-n': 'ppp' is in an earlier --together group too (pti,ppp)" in _line(r.err)
    ok = run_cli("forecast", "pk-na-2022", "--together", "pti,ppp:0.3", "--together", "mqm-p,pml-n")
    assert ok.code == 0, ok.err  # two groups with no party in common


def _commands(group: click.Group, path: str = "") -> Any:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None
        if isinstance(command, click.Group):
            yield from _commands(command, f"{path}{name} ")
        else:
            yield f"{path}{name}", command


def test_every_choice_argument_is_named_by_a_word() -> None:
    """Click names an argument of choices by the list of them in an error unless it has a metavar."""
    for name, command in _commands(cli):
        for param in command.params:
            if isinstance(param, click.Argument) and isinstance(param.type, click.Choice):
                shown = param.human_readable_name
                assert "{" not in shown and "|" not in shown, f"{name}: {shown}"


def test_a_wrong_role_is_named_role(run_cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD + "\n"))
    assert run_cli("users", "add", "alice", "--role", "editor", "--password-stdin", "--db", db).code == 0
    r = run_cli("users", "set-role", "alice", "boss", "--db", db)
    assert r.code != 0 and "Invalid value for 'ROLE': 'boss' is not one of" in _line(r.err)


def test_users_not_found_are_named_with_the_nearest(run_cli: Any, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    db = f"sqlite:///{tmp_path / 'u.db'}"
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD + "\n"))
    assert run_cli("users", "add", "alice", "--role", "editor", "--password-stdin", "--db", db).code == 0
    near = run_cli("users", "set-role", "alise", "admin", "--db", db)
    assert near.code != 0 and "no user 'alise' in the database (did you mean 'alice'?)" in _line(near.err)
    far = run_cli("users", "remove", "zebedee", "--db", db)
    assert far.code != 0 and "no user 'zebedee' in the database" in _line(far.err)
    assert "did you mean" not in far.err
    assert [line.split("\t")[0] for line in run_cli("users", "list", "--db", db).out.splitlines()] == ["alice"]


@pytest.mark.parametrize(("name", "other"), [("Zoë", "ë"), ("José", "é"), ("аlice", "а")])
def test_a_name_that_is_not_ascii_says_which_character(run_cli: Any, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, name: str, other: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(GOOD + "\n"))
    r = run_cli("users", "add", name, "--role", "viewer", "--password-stdin", "--db", f"sqlite:///{tmp_path / 'u.db'}")
    assert r.code != 0
    assert "ASCII letters (A-Z, a-z)" in _line(r.err) and f"({other!r} is not ASCII)" in _line(r.err)


def test_db_dump_of_an_unknown_id_lists_what_is_stored(run_cli: Any, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'd.db'}"
    assert run_cli("db", "load", "pk-na-2022", "--db", db).code == 0
    out = tmp_path / "out.yaml"
    near = run_cli("db", "dump", "pk-na-2021", "-o", str(out), "--db", db)
    assert near.code != 0 and not out.exists()
    assert "no scenario 'pk-na-2021' in the database (did you mean 'pk-na-2022'? stored: pk-na-2022)" in _line(near.err)
    far = run_cli("db", "dump", "nosuch", "-o", str(out), "--db", db)
    assert "no scenario 'nosuch' in the database (stored: pk-na-2022)" in _line(far.err)
    assert run_cli("db", "dump", "pk-na-2022", "-o", str(out), "--db", db).code == 0 and out.exists()


def test_every_number_option_refuses_what_is_no_number() -> None:
    """click's FloatRange (and a plain float) take 'nan' and 'inf'; every option of a real number is a
    FiniteRange, which refuses both in the option's words."""
    from whipcount.cli.numbers import FiniteRange

    for name, command in _commands(cli):
        for param in command.params:
            if isinstance(param.type, click.types.FloatParamType):
                assert isinstance(param.type, FiniteRange) or param.name == "scale", f"{name} {param.name}"


@pytest.mark.parametrize("option", ["--swing", "--party-swing", "--cohesion"])
@pytest.mark.parametrize("value", ["nan", "inf"])
def test_a_forecast_option_that_is_no_number_is_named(run_cli: Any, option: str, value: str) -> None:
    r = run_cli("forecast", "pk-na-2022", option, value)
    assert r.code != 0 and f"Invalid value for '{option}': " in _line(r.err) and "expected a" in r.err


def test_outcome_takes_a_motion_by_id_as_the_other_commands_do(run_cli: Any) -> None:
    """`outcome --motion` took a kind only; the id every other command takes (as `outcome` lists them) was
    "no motion of kind nc-imran-khan-2022"."""
    by_id = run_cli("outcome", "pk-na-2022", "--motion", "nc-imran-khan-2022", "--json")
    assert by_id.code == 0, by_id.err
    import json

    motions = json.loads(by_id.out)["motions"]
    assert [(m["id"], m["outcome"]["yes"]) for m in motions] == [("nc-imran-khan-2022", 174)]  # the record: 174
    by_kind = json.loads(run_cli("outcome", "pk-na-2022", "--motion", "pm-election", "--json").out)["motions"]
    assert [m["kind"] for m in by_kind] == ["pm-election"]
    r = run_cli("outcome", "pk-na-2022", "--motion", "nope")
    assert r.code != 0
    assert ("--motion 'nope': pk-na-2022 has no motion of that kind or id (its motions: nc-imran-khan-2022 "
            "(no-confidence), pm-election-2022-04-11 (pm-election))") in _line(r.err)
