"""Read YAML while remembering the line of every field, so errors can name it."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from whipcount.errors import InputError
from whipcount.io.limits import Limits, check_text_size, default_limits, read_text_file, shorten

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


def format_loc(loc: Sequence[str | int]) -> str:
    """``('events', 3, 'party')`` → ``events[3].party``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _walk(node: yaml.Node, loc: Loc, lines: dict[Loc, int]) -> None:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            lines[(*loc, k)] = key.start_mark.line + 1
            _walk(value, (*loc, k), lines)
            lines[(*loc, k)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, (*loc, i), lines)


# libyaml's C parser when PyYAML was built with it (the pure-Python parser is about 20 times slower);
# both give every node its line, which the error messages need.
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
C_PARSER: bool = _BaseLoader is not yaml.SafeLoader
"""True when YAML is parsed by libyaml (see ``benchmarks/load.py``)."""


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc]
    """SafeLoader that refuses a key given twice in one mapping (YAML allows it silently)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"duplicate key {key!r}", key_node.start_mark
                )
            seen.add(key)
        out: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return out

    def construct_lenient_timestamp(self, node: yaml.ScalarNode) -> Any:
        """A date YAML recognises by shape but that does not exist (2022-13-01) stays a string,
        so validation can name its field and line."""
        try:
            return self.construct_yaml_timestamp(node)
        except ValueError:
            return self.construct_scalar(node)


# YAML 1.1 reads yes/no/on/off as booleans; a division has `yes:` and `no:` keys and stances are
# `yes`/`no`, so only true/false are booleans here (as in YAML 1.2).
_UniqueKeyLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_UniqueKeyLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_UniqueKeyLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_lenient_timestamp
)


_DIGITS = re.compile(r"[-+]?[0-9_.eE+-]+")


class _Scan:
    """Bounds checked on the event stream, before any object is built: nesting depth, aliases and how
    far they expand, complex and merge keys. Iterative, so hostile input cannot exhaust the stack."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        # one frame per open collection: [nodes inside, is mapping, expecting a key, anchor]
        self.stack: list[list[Any]] = []
        self.sizes: dict[str, int] = {}
        self.open_anchors: set[str] = set()
        self.aliases = 0
        self.nodes = 0

    def fail(self, event: yaml.Event, problem: str) -> InputError:
        mark = event.start_mark
        return InputError(f"{self.name}{f':{mark.line + 1}' if mark is not None else ''}: {problem}")

    def _key_position(self, event: yaml.Event) -> bool:
        top = self.stack[-1] if self.stack else None
        return bool(top and top[1] and top[2])

    def _done(self, size: int) -> None:
        """A complete node of ``size`` nodes (expanded) ends: count it in its parent."""
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise InputError(f"{self.name}: too many values: over {self.limits.max_nodes:,} once aliases are "
                             "expanded (a YAML alias bomb?)")
        if self.stack:
            top = self.stack[-1]
            top[0] += size
            if top[1]:
                top[2] = not top[2]

    def event(self, ev: yaml.Event) -> None:
        if isinstance(ev, yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > self.limits.max_aliases:
                raise self.fail(ev, f"too many aliases (over {self.limits.max_aliases}); write the values out")
            if ev.anchor in self.open_anchors:
                raise self.fail(ev, f"the alias *{ev.anchor} refers to the value it stands in (a recursive "
                                    "anchor); expected a value that ends")
            if ev.anchor not in self.sizes:
                raise self.fail(ev, f"unknown alias *{ev.anchor}")
            self._done(self.sizes[ev.anchor])
        elif isinstance(ev, yaml.ScalarEvent):
            if self._key_position(ev) and ev.value == "<<" and not ev.style:
                raise self.fail(ev, "merge keys (<<) are not supported; write the fields out")
            if not ev.style and len(ev.value) > self.limits.max_digits and _DIGITS.fullmatch(ev.value):
                raise self.fail(ev, f"a number of {len(ev.value)} digits (at most {self.limits.max_digits})")
            if ev.anchor:
                self.sizes[ev.anchor] = 1
            self._done(1)
        elif isinstance(ev, yaml.SequenceStartEvent | yaml.MappingStartEvent):
            if self._key_position(ev):
                raise self.fail(ev, "a list or mapping used as a key (a complex key) is not supported; "
                                    "expected a plain key")
            if len(self.stack) >= self.limits.max_depth:
                raise self.fail(ev, f"nested too deeply (over {self.limits.max_depth} levels)")
            if ev.anchor:
                self.open_anchors.add(ev.anchor)
            self.stack.append([1, isinstance(ev, yaml.MappingStartEvent), True, ev.anchor])
        elif isinstance(ev, yaml.SequenceEndEvent | yaml.MappingEndEvent):
            size, _, _, anchor = self.stack.pop()
            if anchor:
                self.open_anchors.discard(anchor)
                self.sizes[anchor] = size
            self.nodes -= size - 1  # the children were counted as they ended; count the node once
            self._done(size)
        elif isinstance(ev, yaml.DocumentStartEvent) and self.nodes:
            raise self.fail(ev, "more than one YAML document; expected one")


def _check_bounds(text: str, name: str, limits: Limits) -> None:
    check_text_size(text, name, limits)
    scan = _Scan(name, limits)
    for ev in yaml.parse(text, Loader=_BaseLoader):
        scan.event(ev)


def load_yaml_text(text: str, name: str, limits: Limits | None = None) -> Located:
    """Parse ``text`` within the bounds of :mod:`whipcount.io.limits`; a syntax error, a duplicate key or
    a bound crossed becomes one InputError naming ``name`` and the line."""
    lim = limits or default_limits()
    try:
        _check_bounds(text, name, lim)
        loader = _UniqueKeyLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or "invalid YAML"
        ctx = f" ({exc.context})" if exc.context else ""
        raise InputError(f"{name}{line}: not valid YAML: {shorten(problem, 200)}{ctx}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {shorten(str(exc), 200)}") from None
    lines: dict[Loc, int] = {}
    if node is not None:
        _walk(node, (), lines)
    return Located(data, name, lines)


def load_yaml_file(path: Path, limits: Limits | None = None) -> Located:
    """Read and parse a YAML file: a regular, readable file within the size cap (:mod:`whipcount.io.limits`)."""
    return load_yaml_text(read_text_file(path, "YAML", limits), str(path), limits)


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json_text(text: str, name: str, limits: Limits | None = None) -> Any:
    """Parse JSON within the same bounds: duplicate keys, NaN and Infinity, over-long numbers and deep
    nesting are refused with the file and line."""
    lim = limits or default_limits()
    check_text_size(text, name, lim)
    depth = _json_depth(text)
    if depth > lim.max_depth:
        raise InputError(f"{name}: nested too deeply (over {lim.max_depth} levels of arrays and objects)")

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise ValueError(f"duplicate key {shorten(key)!r}")
            out[key] = value
        return out

    def number(raw: str) -> int:
        if len(raw.lstrip("-")) > lim.max_digits:
            raise ValueError(f"a number of {len(raw)} digits (at most {lim.max_digits})")
        return int(raw)

    try:
        return json.loads(text, object_pairs_hook=pairs, parse_constant=_refuse_constant, parse_int=number)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name}:{exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})") from None
    except ValueError as exc:
        raise InputError(f"{name}:{_json_line(text, str(exc))}: not valid JSON: {exc}") from None


def _json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects, outside strings (iterative: a scan, no recursion)."""
    stripped = re.sub(r'"(?:[^"\\]|\\.)*"', '""', text)
    depth = best = 0
    for ch in stripped:
        if ch in "[{":
            depth += 1
            best = max(best, depth)
        elif ch in "]}":
            depth -= 1
    return best


def _json_line(text: str, problem: str) -> str:
    """The line of the first occurrence of what ``problem`` names (a key, a constant), for the message."""
    for word in re.findall(r"'([^']+)'|(NaN|-?Infinity)", problem):
        needle = word[0] and f'"{word[0]}"' or word[1]
        at = text.find(needle)
        if needle and at >= 0:
            # a duplicate key: its second occurrence is the one refused
            again = text.find(needle, at + 1) if word[0] else -1
            return str(text.count("\n", 0, again if again >= 0 else at) + 1)
    return "1"


def load_json_file(path: Path, limits: Limits | None = None) -> Any:
    """Read and parse a JSON file within the bounds (see :func:`load_json_text`)."""
    return load_json_text(read_text_file(path, "JSON", limits), str(path), limits)
