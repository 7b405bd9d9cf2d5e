"""What a script piping ``--json`` may rely on: strict JSON on stdout, and an error as a JSON object.

A newsroom graphic reads ``whipcount COMMAND ... --json`` from a pipe. The document must parse under a
strict parser (no ``NaN`` or ``Infinity``, which JSON does not have), and bad input must not leave a
rich-formatted line for the script to parse: under ``--json`` the error is one JSON object on standard
error, standard output stays empty, and the exit status is 1.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from whipcount.cli.app import emit_json


def _strict(text: str) -> Any:
    def refuse(constant: str) -> None:
        raise AssertionError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


BAD_INPUT = [
    (("tally", "no-such-case", "--json"), "no-such-case"),
    (("count", "pk-na-2022", "--on", "2022-13-01", "--json"), "--on"),
    (("forecast", "pk-na-2022", "--method", "exact", "--swing", "0.5", "--json"), "swing"),
    (("what-if", "pk-na-2022", "--switch", "nobody", "--json"), "nobody"),
    (("outcome", "--rules", "pk-na", "--motion", "no-confidence", "--yes", "400", "--format", "json"), "400"),
    (("power", "--quota", "200", "1", "2", "--format=json"), "quota 200"),
    (("coalitions", "--quota", "51", "49", "48", "3", "--kind", "nonsense", "--json"), "nonsense"),
    (("rules", "show", "xx-nowhere", "--json"), "xx-nowhere"),
    (("cases", "no-such-case", "--json"), "no-such-case"),
    (("tally", "pk-na-2022", "--no-such-option", "--json"), "--no-such-option"),
]


@pytest.mark.parametrize("args,named", BAD_INPUT, ids=lambda a: a[0] if isinstance(a, tuple) else None)
def test_an_error_under_json_is_a_json_object_on_stderr(run_cli, args: tuple[str, ...], named: str) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(*args)
    assert r.code == 1
    assert r.out == ""  # nothing a pipe could take for data
    lines = r.err.strip().splitlines()
    error = _strict(lines[-1])
    assert set(error) == {"ok", "error", "errors", "status"}
    assert error["ok"] is False and error["status"] == 1
    assert named in error["error"] and error["errors"] == [error["error"]]
    assert "Traceback" not in r.err and "error:" not in r.err.split("{")[0]


def test_without_json_the_error_stays_one_line_of_text(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "no-such-case")
    assert r.code == 1 and r.err.startswith("error: ") and "{" not in r.err


def test_a_json_word_after_the_double_dash_is_not_the_option(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("tally", "--", "--json")
    assert r.code == 1 and r.err.startswith("error: ")


def test_a_float_that_is_not_finite_is_written_as_null(capsys: pytest.CaptureFixture[str]) -> None:
    emit_json({"p": math.nan, "rows": [{"x": math.inf}, -math.inf], "ok": 0.5})
    assert _strict(capsys.readouterr().out) == {"p": None, "rows": [{"x": None}, None], "ok": 0.5}


READ_COMMANDS = [
    ("tally", "gb-hc-1979"), ("count", "se-riksdag-2021"), ("forecast", "de-bt-1982", "--seed", "1"),
    ("forecast", "pk-na-2022", "--swing", "0.5", "--sims", "2000", "--seed", "3"),
    ("what-if", "pk-na-2022", "--absent", "mqm-p"), ("outcome", "pk-pa-punjab-2022"),
    ("outcome", "--rules", "se-riksdag", "--motion", "investiture", "--yes", "115", "--no", "153"),
    ("power", "pk-na-2022"), ("power", "--quota", "12", "4", "4", "4", "2", "2", "1", "--float"),
    ("power", "--game", "eu-council-2024"), ("coalitions", "--quota", "51", "49", "48", "3"),
    ("compare", "pk-na-2022", "--on-a", "2022-03-08", "--on-b", "2022-04-10"), ("cases",), ("scenarios",),
    ("rules", "list"), ("rules", "show", "gb-hc"),
]


def _walk(obj: Any, path: str = "$") -> list[tuple[str, Any]]:
    if isinstance(obj, dict):
        return [kv for k, v in obj.items() for kv in _walk(v, f"{path}.{k}")]
    if isinstance(obj, list):
        return [kv for i, v in enumerate(obj) for kv in _walk(v, f"{path}[{i}]")]
    return [(path, obj)]


@pytest.mark.parametrize("args", READ_COMMANDS, ids=lambda a: "-".join(a[:2]))
def test_every_read_command_prints_strict_json(run_cli, args: tuple[str, ...]) -> None:  # type: ignore[no-untyped-def]
    r = run_cli(*args, "--json")
    assert r.code == 0, r.err
    for path, value in _walk(_strict(r.out)):
        if isinstance(value, str):  # no Python reprs leak into the text
            assert not any(t in value for t in ("Fraction(", "datetime.", " object at 0x")), (path, value)
        last = path.rsplit(".", 1)[-1].split("[")[0]
        if last.startswith("p_") and isinstance(value, float):
            assert 0.0 <= value <= 1.0, (path, value)
