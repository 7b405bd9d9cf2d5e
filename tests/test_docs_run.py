"""The documentation runs: every fenced block in README.md and docs/*.md is executed or checked.

- ``bash``/``console`` blocks: each ``whipcount`` command runs and exits 0; in ``console`` blocks the
  lines after a ``$`` command are its expected output, each found in what the command printed.
- ``python`` blocks run as written, in a fresh namespace; a top-level line ``expression  # literal`` (a
  value after two spaces and ``#``: ``172``, ``{'a': 1}``, ``True: why``) must give that value.
- ``yaml`` blocks load: a scenario (it has ``chamber``), a constitution (``motions`` without ``chamber``),
  or a fragment, merged into a base scenario (pk-na-2022 unless the marker names another file).
- A synopsis (``whipcount CMD [--opt X] ...``): the command exists and has every option shown.

A block's kind can be set by an HTML comment on the line before it (invisible on the page):
``<!-- docs-test: synopsis -->``, ``<!-- docs-test: output -->`` (printed text, not a command),
``<!-- docs-test: text -->`` (a diagram), ``<!-- docs-test: fragment base=PATH -->``, or
``<!-- docs-test: skip: REASON -->`` for a command that cannot run in a test (it installs or serves).
A block of no known kind fails, so a new example cannot go unchecked.
"""

from __future__ import annotations

import ast
import re
import shlex
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from whipcount.io.constitution import load_constitution_file
from whipcount.io.scenario import load_scenario
from whipcount.io.yamlsource import load_yaml_text

ROOT = Path(__file__).parent.parent
FILES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\s*$")
MARK = re.compile(r"^<!--\s*docs-test:\s*(.*?)\s*-->$")
SHELL = {"bash", "sh", "console", "shell"}


@dataclass(frozen=True)
class Block:
    file: str
    line: int
    lang: str
    mark: str
    text: str

    @property
    def id(self) -> str:
        return f"{self.file}:{self.line}"


def _blocks() -> list[Block]:
    out: list[Block] = []
    for path in FILES:
        lines = path.read_text(encoding="utf-8").splitlines()
        i = 0
        while i < len(lines):
            m = FENCE.match(lines[i])
            if not m:
                i += 1
                continue
            start = i
            j = i + 1
            while j < len(lines) and not lines[j].startswith("```"):
                j += 1
            prev = next((lines[k] for k in range(start - 1, -1, -1) if lines[k].strip()), "")
            mark = MARK.match(prev.strip())
            out.append(Block(str(path.relative_to(ROOT)), start + 1, m.group(1), mark.group(1) if mark else "",
                             "\n".join(lines[start + 1:j])))
            i = j + 1
    return out


BLOCKS = _blocks()


def _kind(b: Block) -> str:
    if b.mark and not b.mark.startswith("file="):
        return b.mark.split(":")[0].split()[0]
    if b.lang in SHELL:
        return "shell"
    if b.lang in ("python", "yaml", "json"):
        return b.lang
    return "unclassified"


def _commands(b: Block) -> list[tuple[list[str], list[str]]]:
    """Each command of a shell block with the output lines shown after it (console blocks)."""
    cmds: list[tuple[list[str], list[str]]] = []
    prompt = b.lang == "console"
    for raw in b.text.splitlines():
        line = raw.rstrip()
        if prompt and not line.startswith("$ "):
            if cmds and line.strip():
                cmds[-1][1].append(line.strip())
            continue
        line = line.removeprefix("$ ")
        words = shlex.split(line, comments=True)
        if words:
            cmds.append((words, []))
    return cmds


def _squash(text: str) -> str:
    return " ".join(text.split())


def _write_named_files(b: Block) -> None:
    """The blocks of the same page marked ``file=NAME``, written where the commands run."""
    for other in BLOCKS:
        if other.file == b.file and other.mark.startswith("file="):
            Path(other.mark.removeprefix("file=").strip()).write_text(other.text + "\n", encoding="utf-8")


def _run_shell(b: Block, run_cli: Callable[..., Any]) -> None:
    _write_named_files(b)
    cmds = _commands(b)
    assert cmds, f"{b.id}: a shell block with no command"
    for words, expected in cmds:
        assert words[0] == "whipcount", f"{b.id}: only whipcount commands run here; mark others skip: REASON"
        r = run_cli(*words[1:])
        assert r.code == 0, f"{b.id}: `{shlex.join(words)}` exited {r.code}: {r.err or r.out}"
        printed = _squash(r.out)
        for line in expected:  # "..." stands for text left out: the pieces around it appear in order
            at = 0
            for piece in re.split(r"\.\.\.|…", line):
                want = _squash(piece)
                found = printed.find(want, at)
                assert found >= 0, f"{b.id}: `{shlex.join(words)}` did not print: {line}"
                at = found + len(want)


def _synopsis_lines(text: str) -> list[str]:
    """Each synopsis with its continuation lines joined."""
    out: list[str] = []
    for line in text.splitlines():
        if line.startswith("whipcount "):
            out.append(line)
        elif out and line.startswith(" "):
            out[-1] += " " + line.strip()
    return out


def _check_synopsis(b: Block, run_cli: Callable[..., Any]) -> None:
    lines = _synopsis_lines(b.text)
    assert lines, f"{b.id}: a synopsis with no `whipcount` line"
    for line in lines:
        words = line.split()[1:]
        path = []
        for w in words:
            if not re.fullmatch(r"[a-z][a-z-]*", w):
                break
            path.append(w)
        help_text = run_cli(*path, "--help")
        assert help_text.code == 0, f"{b.id}: `whipcount {' '.join(path)}` is not a command"
        for opt in sorted(set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", line))):
            assert opt in help_text.out, f"{b.id}: `whipcount {' '.join(path)}` has no option {opt}"


def _check_yaml(b: Block, tmp_path: Path) -> None:
    data = load_yaml_text(b.text, b.id).data
    assert isinstance(data, dict), f"{b.id}: expected a mapping"
    path = tmp_path / "example.yaml"
    if _kind(b) == "fragment":
        base_ref = re.search(r"base=(\S+)", b.mark)
        base_path = ROOT / base_ref.group(1) if base_ref else ROOT / "src/whipcount/data/scenarios/pk-na-2022.yaml"
        base = load_yaml_text(base_path.read_text(encoding="utf-8"), base_path.name).data  # YAML 1.2, as read
        for key, value in data.items():
            if isinstance(value, list):
                base[key] = list(base.get(key) or []) + value
            elif isinstance(value, dict):
                base[key] = {**(base.get(key) or {}), **value}
            else:
                base[key] = value
        path.write_text(yaml.safe_dump(base, sort_keys=False, allow_unicode=True), encoding="utf-8")
        load_scenario(path)
        return
    path.write_text(b.text, encoding="utf-8")
    if "chamber" in data:
        load_scenario(path)
    else:
        assert "motions" in data, f"{b.id}: neither a scenario nor a constitution; mark it a fragment"
        load_constitution_file(path)


def _shown_value(comment: str) -> tuple[bool, Any]:
    """The value a ``# comment`` shows, when it is a Python literal (``172``, ``{'a': 1}``, ``Fraction(0, 1)``,
    ``True: why``): (True, value); else (False, None), for a comment in words."""
    text = comment.strip()
    candidates = [text] if text.startswith(("{", "[", "(", "'", '"')) else [text, text.split(":")[0]]
    for candidate in candidates:
        try:
            if re.fullmatch(r"Fraction\(-?\d+, \d+\)", candidate):
                return True, Fraction(*map(int, re.findall(r"-?\d+", candidate)))
            return True, ast.literal_eval(candidate)
        except (ValueError, SyntaxError):
            continue
    return False, None


def _shown(got: Any, shown: Any, where: str) -> None:
    """A line's value against the one its comment shows: a float to the digits shown."""
    if isinstance(shown, float) and isinstance(got, float):
        digits = len(repr(shown).partition(".")[2])
        assert round(got, digits) == shown, f"{where}: gives {got}, the comment shows {shown}"
    else:
        assert got == shown, f"{where}: gives {got!r}, the comment shows {shown!r}"


def _with_value_checks(b: Block) -> tuple[str, list[Any]]:
    """The block with each ``expression  # literal`` line (at the top level) turned into a check that the
    expression gives the literal, and the literals: the values the docs show are the values the library gives."""
    out, values = [], []
    for k, line in enumerate(b.text.splitlines()):
        code, sep, comment = line.partition("  #")
        shows, value = _shown_value(comment) if sep else (False, None)
        if shows and code.strip() and not code.startswith((" ", "\t")) and _is_expression(code):
            out.append(f"_shown(({code.strip()}), _values[{len(values)}], {f'{b.file}:{b.line + 1 + k}'!r})")
            values.append(value)
        else:
            out.append(line)
    return "\n".join(out), values


def _is_expression(code: str) -> bool:
    try:
        ast.parse(code.strip(), mode="eval")
    except SyntaxError:
        return False
    return True


@pytest.mark.parametrize("block", BLOCKS, ids=lambda b: b.id)
def test_documented_example_runs(block: Block, run_cli, tmp_path: Path,  # type: ignore[no-untyped-def]
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    kind = _kind(block)
    if kind == "skip":
        reason = block.mark.partition("skip:")[2].strip()
        assert reason, f"{block.id}: a skipped block says why"
        pytest.skip(reason)
    elif kind in ("output", "text", "json"):
        assert block.text.strip()  # shown, not run: printed output, a diagram, a JSON shape
    elif kind == "shell":
        _run_shell(block, run_cli)
    elif kind == "synopsis":
        _check_synopsis(block, run_cli)
    elif kind == "python":
        source, values = _with_value_checks(block)
        namespace = {"__name__": "docs_example", "_shown": _shown, "_values": values}
        exec(compile(source, block.id, "exec"), namespace)  # noqa: S102 - our docs
    elif kind in ("yaml", "fragment"):
        _check_yaml(block, tmp_path)
    else:
        pytest.fail(f"{block.id}: a ```{block.lang} block of no known kind; add <!-- docs-test: ... -->")


def test_every_file_is_read() -> None:
    assert len(BLOCKS) >= 15
    assert {b.file for b in BLOCKS} >= {"README.md", "docs/rules.md", "docs/power.md"}


def test_the_values_the_python_examples_show_are_checked() -> None:
    """The parser finds the shown values (a change to it that found none would check nothing)."""
    shown = {b.id: _with_value_checks(b)[1] for b in BLOCKS if _kind(b) == "python"}
    assert sum(len(v) for v in shown.values()) >= 12, shown
    readme = [v for k, vs in shown.items() if k.startswith("README.md") for v in vs]
    # independent of the code: the EEC Council of 1958 (Banzhaf 5/21 and 1/7, Shapley–Shubik 7/30 and 3/20)
    assert ["5/21", "5/21", "5/21", "1/7", "1/7", "0"] in readme
    assert ["7/30", "7/30", "7/30", "3/20", "3/20", "0"] in readme
