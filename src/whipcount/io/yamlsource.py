"""Read YAML while remembering the line of every field, so errors can name it."""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from whipcount.errors import InputError
from whipcount.io.json_places import STRING, json_pieces
from whipcount.io.limits import Limits, check_text_size, default_limits, read_text_file, shorten
from whipcount.io.yamlbuild import build, format_loc
from whipcount.model.place import Place

if TYPE_CHECKING:
    from whipcount.io.list_caps import CapTree

__all__ = ["C_PARSER", "DuplicateKey", "Located", "format_loc", "load_json_file", "load_json_text", "load_yaml_file",
           "load_yaml_text", "unique_pairs"]

Loc = tuple[str | int, ...]


@dataclass(slots=True)
class Located:
    """Parsed data plus the 1-based line of every path inside it."""

    data: Any
    name: str
    lines: dict[Loc, int] = field(default_factory=dict)

    def line(self, loc: Sequence[str | int]) -> int | None:
        """The line of ``loc``, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.lines:
                return self.lines[loc]
            loc = loc[:-1]
        return self.lines.get((), None)

    def where(self, loc: Sequence[str | int]) -> str:
        """``file:line: path`` for error messages."""
        line = self.line(loc)
        path = format_loc(loc)
        head = f"{self.name}:{line}" if line else self.name
        return f"{head}: {path}" if path else head

    def place(self, loc: Sequence[str | int]) -> str | Place:
        """:meth:`where`, for a model value to keep: here at once (the lines are at hand)."""
        return self.where(loc)


# libyaml's C parser when PyYAML was built with it (the pure-Python parser is about five times slower);
# both give every event its line, which the error messages need.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
C_PARSER: bool = _BaseLoader is not yaml.SafeLoader
"""True when YAML is parsed by libyaml (see ``benchmarks/load.py``)."""

# PyYAML's problems are a short sentence quoting at most a character or a token: none runs to 200
# characters, the width only guards against one that would
_PROBLEM_WIDTH = 200  # equivalent mutants "200 -> 201", "200 -> 199": above


def load_yaml_text(text: str, name: str, limits: Limits | None = None, caps: CapTree | None = None) -> Located:
    """Parse ``text`` within the bounds of :mod:`whipcount.io.limits` (see :mod:`whipcount.io.yamlbuild`),
    each list within its cap in ``caps`` (:func:`whipcount.io.list_caps.caps_of`, the format's); a syntax
    error, a duplicate key or a bound crossed becomes one InputError naming ``name`` and the line."""
    lim = limits or default_limits()
    check_text_size(text, name, lim)
    try:
        data, lines = build(yaml.parse(text, Loader=_BaseLoader), name, lim, caps)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or "invalid YAML"
        ctx = f" ({exc.context})" if exc.context else ""
        raise InputError(f"{name}{line}: not valid YAML: {shorten(problem, _PROBLEM_WIDTH)}{ctx}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {shorten(str(exc), _PROBLEM_WIDTH)}") from None
    return Located(data, name, lines)


def load_yaml_file(path: Path, limits: Limits | None = None, caps: CapTree | None = None) -> Located:
    """Read and parse a YAML file: a regular, readable file within the size cap (:mod:`whipcount.io.limits`)."""
    return load_yaml_text(read_text_file(path, "YAML", limits), str(path), limits, caps)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json_text(text: str, name: str, limits: Limits | None = None, caps: CapTree | None = None) -> Any:
    """Parse JSON within the same bounds: duplicate keys, NaN and Infinity, over-long numbers, deep
    nesting, more values than a YAML file may hold and a list of more than ``limits.max_items`` items are
    refused with the file and line, before the text is parsed. Each list the format names (``caps``) is
    held to its own cap once the text is parsed, before anything is validated, and refused with the line
    where it starts and its path (``vote_events[0].votes``)."""
    lim = limits or default_limits()
    check_text_size(text, name, lim)
    depth, values = _json_shape(text)
    if depth > lim.max_depth:
        raise InputError(f"{name}: nested too deeply (over {lim.max_depth} levels of arrays and objects)")
    if values > lim.max_nodes:
        raise InputError(f"{name}: too many values: {values:,}, at most {lim.max_nodes:,} (each key, value, "
                         "array and object counts one)")
    from whipcount.io.list_caps import refuse_json_over_caps, refuse_longest_json_array

    refuse_longest_json_array(text, name, lim, caps)

    def number(raw: str) -> int:
        if len(raw.lstrip("-")) > lim.max_digits:
            raise ValueError(f"a number of {len(raw)} digits (at most {lim.max_digits})")
        return int(raw)

    try:
        data = json.loads(text, object_pairs_hook=unique_pairs, parse_constant=_refuse_constant, parse_int=number)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}:{exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError as exc:
        raise InputError(f"{name}:{_json_line(text, str(exc))}: not valid JSON: {exc}") from None
    if caps is not None:
        refuse_json_over_caps(data, text, name, caps)
    return data


_STEP = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # an opening bracket +1, a closing one -1
_NOT_BRACKET = bytes(set(range(256)) - set(b"[]{}"))


class DuplicateKey(ValueError):
    """A JSON object names a key twice (Python's ``json`` would keep the last)."""

    def __init__(self, key: str) -> None:
        super().__init__(f"duplicate key {shorten(key)!r}")
        self.key = key


def unique_pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
    """``json.loads``'s ``object_pairs_hook`` that refuses a key given twice (:class:`DuplicateKey`): a file's
    and a request body's alike."""
    out: dict[str, Any] = {}
    for key, value in items:
        if key in out:
            raise DuplicateKey(key)
        out[key] = value
    return out


def _json_shape(text: str) -> tuple[int, int]:
    """How deep arrays and objects nest outside strings, and how many values the document holds, each key,
    scalar, array and object one (as a YAML file's values are counted): one, plus one per comma and per
    colon, plus one per array or object that is not empty (exact for well-formed JSON).

    The text is taken a piece at a time (:func:`~whipcount.io.json_places.json_pieces`), each cut where no
    string is open; in each, every scan is a regular expression, a count or a translation, and the nesting
    the largest running sum of the brackets' steps (+1, -1): no loop in Python runs over the characters of a
    large file."""
    depth = deepest = 0
    values = 1
    for piece in json_pieces(text):
        outside = STRING.sub('""', piece).encode("utf-8", "surrogatepass").translate(None, b" \t\r\n")
        values += outside.count(b",") + outside.count(b":") + outside.count(b"[") + outside.count(b"{")
        values -= outside.count(b"[]") + outside.count(b"{}")
        steps = array("b", outside.translate(_STEP, _NOT_BRACKET))
        deepest = max(deepest, max(accumulate(steps, initial=depth)))
        depth += sum(steps)
    return deepest, values


def _json_line(text: str, problem: str) -> str:
    """The line of the first occurrence of what ``problem`` names (a key, a constant), for the message."""
    for word in re.findall(r"'([^']+)'|(NaN|-?Infinity)", problem):
        needle = f'"{word[0]}"' if word[0] else word[1]  # one of the two groups matched: never empty
        at = text.find(needle)
        if at >= 0:
            # a duplicate key: its second occurrence is the one refused
            again = text.find(needle, at + 1) if word[0] else -1
            return str(text.count("\n", 0, again if again >= 0 else at) + 1)
    return "1"


def load_json_file(path: Path, limits: Limits | None = None, caps: CapTree | None = None) -> Any:
    """Read and parse a JSON file within the bounds (see :func:`load_json_text`)."""
    return load_json_text(read_text_file(path, "JSON", limits), str(path), limits, caps)
