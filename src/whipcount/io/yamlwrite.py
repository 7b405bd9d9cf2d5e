"""Scenario YAML text from plain data, in the layout of the bundled files, quickly.

:func:`dump_yaml` writes the text PyYAML's own emitter writes with :class:`LayoutDumper` (block mappings, list
items indented under their key, short lists of scalars in brackets, ``|`` for text with newlines, a string
our reader would take for something else in quotes, lines folded at 110 columns), byte for byte, at a
tenth of its cost. PyYAML spends about 50 microseconds a value choosing a style, tracking its states and
analysing each string; here the mappings and lists are walked directly, numbers, dates and the common
strings (those plain or single-quoted on one line, which no fold can reach) are written at once, and
every other string (a multi-line note, one long enough to fold, one that needs double quotes) is written
by PyYAML's emitter itself, from the same column and indentation. Data of a kind the walk does not know
(a key that is not a short one-line string, a type other than the scalars, lists and mappings of a
scenario) is handed whole to PyYAML (:func:`dump_yaml_pure`), so the text is always the one PyYAML writes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

import yaml
from yaml.emitter import Emitter

from whipcount.io.yaml_scalars import reads_as_text

__all__ = ["LayoutDumper", "dump_yaml", "dump_yaml_pure", "flow_list"]

WIDTH = 110
_STR = "tag:yaml.org,2002:str"
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")


def flow_list(value: list[Any]) -> bool:
    """A list written in brackets on one line: short, of scalars, none with a newline."""
    return bool(value) and all(isinstance(v, str | int | float) for v in value) and (
        sum(len(str(v)) + 2 for v in value) <= 80  # equivalent mutant "<= -> <": a layout width, read back alike
    ) and not any(isinstance(v, str) and "\n" in v for v in value)


class LayoutDumper(yaml.SafeDumper):
    """Block style for mappings, flow style for short lists of scalars, ``|`` for text with newlines."""

    def ignore_aliases(self, data: Any) -> bool:
        # One date object used twice must not become an &anchor / *alias: files are for people.
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent list items under their key, as the bundled files do.
        super().increase_indent(flow, False)


def _requested_style(value: str) -> str | None:
    """``|`` for text with newlines; quotes for a string our reader would take for a number or a date ("0E0",
    "1e5"), double ones for a line break other than a newline (in single quotes a reader folds it to a space)."""
    if _OTHER_BREAKS.search(value):
        return '"'
    return "|" if "\n" in value else (None if reads_as_text(value) else "'")


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, value, style=_requested_style(value))


def _represent_list(dumper: yaml.SafeDumper, value: list[Any]) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow_list(value))


LayoutDumper.add_representer(str, _represent_str)
LayoutDumper.add_representer(list, _represent_list)


def dump_yaml_pure(data: Any) -> str:
    """``data`` as YAML by PyYAML's pure-Python emitter with :class:`LayoutDumper` (the reference text)."""
    return yaml.dump(data, Dumper=LayoutDumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                     width=WIDTH)


# -- the walk ----------------------------------------------------------------------------------------

# characters PyYAML writes as they are (with allow_unicode): printable, not a line break, not a BOM
_WIDE = "\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe"
_FIRST = rf"(?![-?:.#,\[\]{{}}&*!|>'\"%@`])[\x21-\x7e{_WIDE}]"  # no indicator first, nor '-', '?', ':', '.'
# plain in a block mapping or sequence: none of ': ', ' #', ':' at the end, no space at the end
_BLOCK_PLAIN = re.compile(rf"(?!.*(?:: | #|:$)){_FIRST}(?:[\x20-\x7e{_WIDE}]*[\x21-\x7e{_WIDE}])?")
# plain inside brackets: no flow indicator (",?[]{}"), colon or hash anywhere either
_FLOW_SAFE = rf"\x21\x22\x24-\x2b\x2d-\x39\x3b-\x3e\x40-\x5a\x5c\x5e-\x7a\x7c\x7e{_WIDE}"
_FLOW_PLAIN = re.compile(rf"{_FIRST}(?:[ {_FLOW_SAFE}]*[{_FLOW_SAFE}])?")
_ONE_LINE = re.compile(rf"[\x20-\x7e{_WIDE}]*")
_BREAKS = re.compile("[\n\x85\u2028\u2029]")
# the first characters of a plain scalar some implicit resolver may read as other than a string
_RESOLVED_FIRST = frozenset("".join(k for k in yaml.SafeDumper.yaml_implicit_resolvers if k) + "-+.0123456789~")


class _Unsupported(Exception):
    """The data holds something the walk does not write: PyYAML writes the whole document."""


class _Probe(Emitter):
    """PyYAML's emitter, writing one scalar from a given column (the strings the walk leaves to it)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


class _Writer:
    """The walk: PyYAML's emitter's layout rules (``write_indent``, ``write_indicator``) over plain data."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.column = 0
        self.whitespace = True
        self.indention = True
        self.open_ended = False  # a last "|+" scalar: PyYAML ends the document with "..."
        self.resolved: dict[str, bool] = {}
        self.keys: dict[str, str] = {}  # how each key and string met so far is written (plain or quoted)
        self.block_strings: dict[str, str] = {}
        self.flow_strings: dict[str, str] = {}
        self.probe = _Probe(io.StringIO(), width=WIDTH, allow_unicode=True)
        self.resolver = yaml.resolver.Resolver()

    # -- PyYAML's emitter's primitives ---------------------------------------------------------------
    def indicator(self, text: str, need_whitespace: bool, whitespace: bool = False,
                  indention: bool = False) -> None:
        data = text if self.whitespace or not need_whitespace else " " + text
        self.whitespace = whitespace
        self.indention = self.indention and indention
        self.column += len(data)
        self.open_ended = False
        self.parts.append(data)

    def indent(self, indent: int) -> None:
        if not self.indention or self.column > indent or (self.column == indent and not self.whitespace):
            self.parts.append("\n")
            self.whitespace = self.indention = True
            self.column = 0
        if self.column < indent:
            self.whitespace = True
            self.parts.append(" " * (indent - self.column))
            self.column = indent

    def text(self, data: str) -> None:
        """A scalar written as ``data`` (plain or quoted already) after a space where one is needed."""
        if not self.whitespace:
            data = " " + data
        self.parts.append(data)
        self.column += len(data)
        self.whitespace = self.indention = False

    # -- nodes -----------------------------------------------------------------------------------------
    def node(self, value: Any, indent: int | None, flow: bool = False) -> None:
        kind = type(value)
        if kind is dict:
            if value:
                self.mapping(value, 0 if indent is None else indent + 2)
            else:
                self.indicator("{", True, whitespace=True)
                self.indicator("}", False)
        elif kind is list:
            if value and not flow_list(value):
                self.sequence(value, 0 if indent is None else indent + 2)
            else:
                self.flow_sequence(value, 2 if indent is None else indent + 2)
        else:
            self.scalar(value, 2 if indent is None else indent + 2, flow)

    def mapping(self, value: dict[Any, Any], indent: int) -> None:
        for key, item in value.items():
            self.indent(indent)
            self.key(key, indent)
            self.indicator(":", False)
            self.node(item, indent)

    def sequence(self, value: list[Any], indent: int) -> None:
        for item in value:
            self.indent(indent)
            self.indicator("-", True, indention=True)
            self.node(item, indent)

    def flow_sequence(self, value: list[Any], indent: int) -> None:
        self.indicator("[", True, whitespace=True)
        for i, item in enumerate(value):
            if i:
                self.indicator(",", False)
            if self.column > WIDTH:
                self.indent(indent)
            self.scalar(item, indent + 2, flow=True)
        self.indicator("]", False)

    def key(self, key: Any, indent: int) -> None:
        """A key of a block mapping: PyYAML writes a short one-line key as a simple key (``key:``)."""
        done = self.keys.get(key) if type(key) is str else None
        if done is not None:
            self.text(done)
            return
        # PyYAML counts the tag ("!!str") in a simple key's length, which must be under 128
        if type(key) is not str or not 0 < len(key) < 128 - len("!!str") or _BREAKS.search(key):
            raise _Unsupported  # written as "? key" by PyYAML, or not a string
        if _requested_style(key) is None and self.plain(key, False):
            self.keys[key] = key
            self.text(key)
        else:
            self.by_pyyaml(key, _requested_style(key), indent, False, simple_key=True)

    def plain(self, value: str, flow: bool) -> bool:
        """Whether PyYAML writes ``value`` (which our reader reads as text) plain here."""
        if not (_FLOW_PLAIN if flow else _BLOCK_PLAIN).fullmatch(value):
            return False
        if value[0] not in _RESOLVED_FIRST:
            return True
        known = self.resolved.get(value)
        if known is None:
            known = self.resolved[value] = self.implicit(value)
        return known

    def implicit(self, value: str) -> bool:
        """Whether PyYAML's resolver reads ``value`` written plain as a string (``yes`` it reads as true)."""
        return bool(self.resolver.resolve(yaml.ScalarNode, value, (True, False)) == _STR)  # type: ignore[no-untyped-call]

    def scalar(self, value: Any, indent: int, flow: bool) -> None:
        kind = type(value)
        if kind is str:
            self.string(value, indent, flow)
        elif kind is bool:
            self.text("true" if value else "false")
        elif kind is int:
            self.text(str(value))
        elif value is None:
            self.text("null")
        elif kind is dt.date:
            self.text(value.isoformat())
        elif kind is float and value == value and abs(value) != float("inf"):
            text = repr(value).lower()
            self.text(text.replace("e", ".0e", 1) if "." not in text and "e" in text else text)
        elif kind is float:
            self.text(".nan" if value != value else ".inf" if value > 0 else "-.inf")
        else:
            raise _Unsupported

    def string(self, value: str, indent: int, flow: bool) -> None:
        known = self.flow_strings if flow else self.block_strings
        text = known.get(value)
        if text is None:
            text = known[value] = self.written(value, flow)
        if text and (" " not in value or self.column + len(text) < WIDTH):  # no fold reaches it
            self.text(text)
        else:
            self.by_pyyaml(value, _requested_style(value), indent - 2, flow)

    def written(self, value: str, flow: bool) -> str:
        """``value`` as PyYAML writes it on one line where it is not folded, or "" when only PyYAML knows."""
        style = _requested_style(value)
        if style is None and self.plain(value, flow):
            return value
        if style == "'" and _ONE_LINE.fullmatch(value):  # PyYAML single-quotes any such line
            return "'" + value.replace("'", "''") + "'"
        return ""

    def by_pyyaml(self, value: str, style: str | None, indent: int, flow: bool, simple_key: bool = False) -> None:
        """PyYAML's emitter writes the scalar, from this column, at this indentation."""
        p, out = self.probe, io.StringIO()
        p.stream = out
        p.column, p.whitespace, p.indention, p.open_ended = self.column, self.whitespace, self.indention, False
        p.indent, p.indents = indent, []
        p.flow_level, p.simple_key_context = (1 if flow else 0), simple_key
        implicit = (self.implicit(value), True)
        p.event = yaml.ScalarEvent(None, None, implicit, value, style=style)
        p.analysis = p.style = None
        p.increase_indent(flow=True)
        p.process_scalar()
        self.parts.append(out.getvalue())
        self.column, self.whitespace, self.indention = p.column, p.whitespace, p.indention
        self.open_ended = p.open_ended


def dump_yaml(data: Any) -> str:
    """``data`` (a mapping) as YAML: the text :func:`dump_yaml_pure` gives, byte for byte (see the module)."""
    if type(data) is not dict or not data:
        return dump_yaml_pure(data)
    w = _Writer()
    try:
        w.mapping(data, 0)
    except _Unsupported:
        return dump_yaml_pure(data)
    w.indent(0)
    if w.open_ended:
        w.indicator("...", True)
        w.indent(0)
    return "".join(w.parts)
