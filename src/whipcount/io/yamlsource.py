"""Read YAML while remembering the line of every field, so errors can name it."""

from __future__ import annotations

import json
import os
import re
from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from whipcount.errors import InputError
from whipcount.io.json_places import STRING, STRING_BYTES, json_spans
from whipcount.io.limits import MB, Limits, check_text_size, decode_text, default_limits, read_bytes_file, shorten
from whipcount.io.yamlbuild import ReadEnough, build, format_loc, too_many_values
from whipcount.model.place import Place

if TYPE_CHECKING:
    from whipcount.io.list_caps import CapTree
    from whipcount.io.streamed import CheckedFile

__all__ = ["C_PARSER", "DuplicateKey", "Located", "format_loc", "load_json_file", "load_json_text", "load_yaml_file",
           "load_yaml_text", "unique_pairs"]

Loc = tuple[str | int, ...]


@dataclass(slots=True)
class Located:
    """Parsed data plus the 1-based line of every path inside it."""

    data: Any
    name: str
    lines: Mapping[Loc, int] = field(default_factory=dict)

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


_NO_TOKEN = "found character that cannot start any token"
_WHY_NOT = {"\t": "a tab: YAML indents with spaces", "@": "reserved in YAML: put the value in quotes",
            "`": "reserved in YAML: put the value in quotes"}


def _no_token(char: str | None) -> str:
    """libyaml's "found character that cannot start any token", naming the character and, for a tab, ``@`` or
    a backquote (a handle, a code span pasted in), what to do."""
    if char is None:
        return _NO_TOKEN
    why = f" ({_WHY_NOT[char]})" if char in _WHY_NOT else ""
    return f"found character {char!r} that cannot start any token{why}"


def _char_at(source: str | CheckedFile, line: int, column: int) -> str | None:
    """The character at ``line`` and ``column`` (from 0) of the text the parser read, or None."""
    if isinstance(source, str):
        text = source
    else:  # read as the parser read it (long runs cut alike), only as far as the line
        pieces: list[bytes] = []
        newlines = 0
        while newlines <= line and (piece := source.read(MB)):
            pieces.append(piece)
            newlines += piece.count(b"\n")
        text = b"".join(pieces).decode("utf-8", errors="replace")
    lines = text.split("\n")
    return lines[line][column] if line < len(lines) and column < len(lines[line]) else None


def load_yaml_text(text: str, name: str, limits: Limits | None = None, caps: CapTree | None = None) -> Located:
    """Parse ``text`` within the bounds of :mod:`whipcount.io.limits` (see :mod:`whipcount.io.yamlbuild`),
    each list within its cap in ``caps`` (:func:`whipcount.io.list_caps.caps_of`, the format's); a syntax
    error, a duplicate key or a bound crossed becomes one InputError naming ``name`` and the line."""
    lim = limits or default_limits()
    check_text_size(text, name, lim)
    from whipcount.io.streamed import MARKS

    marks = {c: text.count(c) for c in MARKS}
    return _parse(lambda: text, marks, name, lim, caps)


def load_yaml_file(path: Path, limits: Limits | None = None, caps: CapTree | None = None) -> Located:
    """Read and parse a YAML file: a regular, readable file of UTF-8 text within the size cap
    (:mod:`whipcount.io.limits`), handed to the parser a piece at a time (:mod:`whipcount.io.streamed`)."""
    from whipcount.io.streamed import open_checked

    lim = limits or default_limits()
    with open_checked(path, "YAML", lim, yaml=True) as source:
        def again() -> CheckedFile:
            source.rewind()
            return source

        return _parse(again, source.marks, str(path), lim, caps, source.cuts.left_out)


def _parse(source: Callable[[], str | CheckedFile], marks: dict[str, int], name: str, lim: Limits,
           caps: CapTree | None, left_out: Callable[[int, int], int] | None = None) -> Located:
    """The YAML of ``source()`` built (see :func:`load_yaml_text`). Where its ``marks`` (see
    :func:`whipcount.io.streamed.value_bound`) allow more values than the bound, it is first read through
    without keeping anything (:func:`_read_through`), so that a file past a bound is refused before its
    values are built."""
    from whipcount.io.streamed import value_bound

    try:
        if value_bound(marks, lim) > lim.max_nodes:
            _read_through(source, marks, name, lim, caps, left_out)
        data, lines = build(yaml.parse(source(), Loader=_BaseLoader), name, lim, caps, left_out=left_out)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = f":{mark.line + 1}" if mark else ""
        problem = exc.problem or "invalid YAML"
        if mark and problem.startswith("found character ") and problem.endswith(" cannot start any token"):
            problem = _no_token(_char_at(source(), mark.line, mark.column))  # libyaml does not say which
        ctx = f" ({exc.context})" if exc.context else ""
        raise InputError(f"{name}{line}: not valid YAML: {shorten(problem, _PROBLEM_WIDTH)}{ctx}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{name}: not valid YAML: {shorten(str(exc), _PROBLEM_WIDTH)}") from None
    return Located(data, name, lines)


# How many values the first, checked reading of a file with many marks reads before its events are counted:
# the formats' lists past their caps are found within it (20,001 members hold 140,007 values), and reading
# them takes about a second where the counting reads tens of millions of events
_FIRST_VALUES = 200_000


def _read_through(source: Callable[[], str | CheckedFile], marks: dict[str, int], name: str, lim: Limits,
                  caps: CapTree | None, left_out: Callable[[int, int], int] | None) -> None:
    """Refuse what the first :data:`_FIRST_VALUES` values of ``source()`` break (every bound checked, nothing
    kept, in the words the building uses); then, where there are more, count the events of the whole text
    with libyaml (:func:`count_events`; first of a prefix of it, which may be enough to refuse it:
    :mod:`whipcount.io.yaml_prefix`): when they show more values than the bound
    (:func:`~whipcount.io.streamed.values_at_least`), the file is refused; when they and the aliases' values
    together are within it, nothing more needs checking before the building; in between, the dashes that
    continue a block list (:func:`~whipcount.io.streamed.continued_entries`) are found, which open no list,
    and the floor is taken again; still in between, and without libyaml, the rest is read through as the
    first values were."""
    from whipcount.io.streamed import continued_entries, values_at_least
    from whipcount.io.yaml_prefix import prefix_over_bound

    try:
        build(yaml.parse(source(), Loader=_BaseLoader), name, lim, caps, dry=True, upto=_FIRST_VALUES,
              left_out=left_out)
        return
    except ReadEnough:
        pass
    if prefix_over_bound(source, marks, _length(source()), lim, count_events):
        raise too_many_values(name, lim)
    events = count_events(source())
    if events is not None and values_at_least(events, marks) > lim.max_nodes:
        raise too_many_values(name, lim)
    if events is not None and values_at_least(events, marks, marks["-"]) > lim.max_nodes and \
            values_at_least(events, marks, continued_entries(_utf8_pieces(source()))) > lim.max_nodes:
        raise too_many_values(name, lim)
    if events is not None and events + lim.max_alias_values <= lim.max_nodes:
        return
    build(yaml.parse(source(), Loader=_BaseLoader), name, lim, caps, dry=True, left_out=left_out)


def _length(stream: str | CheckedFile) -> int:
    """How long ``stream`` is: a text's characters, a file's bytes."""
    return len(stream) if isinstance(stream, str) else os.fstat(stream.fd).st_size


def _utf8_pieces(stream: str | CheckedFile) -> Iterator[bytes]:
    """``stream``'s text as UTF-8, a megabyte at a time."""
    if isinstance(stream, str):
        for at in range(0, len(stream), MB):
            yield stream[at:at + MB].encode("utf-8", "surrogatepass")
    else:
        yield from iter(lambda: stream.read(MB), b"")


def count_events(stream: str | CheckedFile) -> int | None:
    """How many events libyaml parses from ``stream`` (a YAML syntax error raised as PyYAML raises it), none
    of them made a Python object: tens of millions a second. None without libyaml."""
    if not C_PARSER:
        return None
    from yaml._yaml import CParser

    parser = CParser(stream)
    try:
        return int(parser.raw_parse())
    finally:
        parser.dispose()


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def load_json_text(text: str, name: str, limits: Limits | None = None, caps: CapTree | None = None) -> Any:
    """Parse JSON within the same bounds: duplicate keys, NaN and Infinity, over-long numbers, deep
    nesting, more values than a YAML file may hold, a key or value of more than ``limits.max_text``
    characters and a list of more than ``limits.max_items`` items are refused with the file and line, before
    the text is parsed; so is each list the format names (``caps``) past its own cap, with the line where it
    starts and its path (``vote_events[0].votes``), and the parsed data is held to the caps again."""
    lim = limits or default_limits()
    check_text_size(text, name, lim)
    _check_json(text, name, lim, caps)
    return _parse_json(text, name, lim, caps)


def _check_json(text: str | bytes, name: str, lim: Limits, caps: CapTree | None) -> None:
    """The bounds of :func:`load_json_text` kept before ``text`` (or its UTF-8) is parsed."""
    try:
        depth, values = _json_shape(text, lim.max_text)
    except _LongString as long:
        line = (text.count("\n", 0, long.at) if isinstance(text, str) else text.count(b"\n", 0, long.at)) + 1
        raise InputError(f"{name}:{line}: {long.words}; at most {lim.max_text:,} accepted in one key or "
                         "value") from None
    if depth > lim.max_depth:
        raise InputError(f"{name}: nested too deeply (over {lim.max_depth} levels of arrays and objects)")
    if values > lim.max_nodes:
        raise InputError(f"{name}: too many values: {values:,}, at most {lim.max_nodes:,} (each key, value, "
                         "array and object counts one)")
    from whipcount.io.json_caps import refuse_json_lists_over_caps, refuse_longest_json_array

    refuse_longest_json_array(text, name, lim, caps)
    if caps is not None:
        refuse_json_lists_over_caps(text, name, caps)


def _parse_json(text: str, name: str, lim: Limits, caps: CapTree | None) -> Any:
    def number(raw: str) -> int:
        if len(raw.lstrip("-")) > lim.max_digits:
            raise ValueError(f"a number of {len(raw)} digits (at most {lim.max_digits})")
        return int(raw)

    try:
        data = json.loads(text, object_pairs_hook=unique_pairs, parse_constant=_refuse_constant, parse_int=number)
    except json.JSONDecodeError as exc:
        raise InputError(_json_error(name, text, exc)) from None
    except ValueError as exc:
        raise InputError(f"{name}:{_json_line(text, str(exc))}: not valid JSON: {exc}") from None
    if caps is not None:
        from whipcount.io.json_caps import refuse_json_over_caps

        refuse_json_over_caps(data, text, name, caps)
    return data


def _json_error(name: str, text: str, exc: json.JSONDecodeError) -> str:
    """The parser's complaint, with what it means where the text is empty or ends before its JSON does (a
    file cut short in a download or a copy)."""
    if not text.strip():
        return f"{name}: the file is empty (expected a JSON object)"
    if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):  # a string runs to the end
        return (f"{name}:{exc.lineno}: not valid JSON: the file ends before its JSON does (cut short?): "
                f"{exc.msg} (column {exc.colno})")
    return f"{name}:{exc.lineno}: not valid JSON: {exc.msg} (column {exc.colno})"


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


class _LongString(Exception):
    """A string of a JSON text longer than the bound, at ``at`` (for the line), in ``words``."""

    def __init__(self, at: int, words: str) -> None:
        super().__init__(words)
        self.at = at
        self.words = words


def _json_shape(text: str | bytes, longest: int | None = None) -> tuple[int, int]:
    """How deep arrays and objects nest outside strings, and how many values the document holds, each key,
    scalar, array and object one (as a YAML file's values are counted): one, plus one per comma and per
    colon, plus one per array or object that is not empty (exact for well-formed JSON). ``text`` is a JSON
    text or its UTF-8; a string of more than ``longest`` characters is refused on the way (:class:`_LongString`).

    The text is taken a piece at a time (:func:`~whipcount.io.json_places.json_spans`), each cut where no
    string is open; in each, every scan is a regular expression, a count or a translation, and the nesting
    the largest running sum of the brackets' steps (+1, -1): no loop in Python runs over the characters of a
    large file."""
    depth = deepest = 0
    values = 1
    last = b""  # the last mark of the pieces before
    for pos, cut in json_spans(text):
        if longest is not None and cut - pos > longest + 2 and text[pos] in (34, '"'):
            _refuse_long_string(text, pos, cut, longest)
        piece = text[pos:cut]
        if isinstance(piece, str):
            outside = STRING.sub('""', piece).encode("utf-8", "surrogatepass").translate(None, b" \t\r\n")
        else:
            outside = STRING_BYTES.sub(b'""', piece).translate(None, b" \t\r\n")
        values += outside.count(b",") + outside.count(b":") + outside.count(b"[") + outside.count(b"{")
        values -= outside.count(b"[]") + outside.count(b"{}")
        if outside and last + outside[:1] in (b"[]", b"{}"):  # an empty array or object cut between pieces
            values -= 1
        last = outside[-1:] or last
        steps = array("b", outside.translate(_STEP, _NOT_BRACKET))
        deepest = max(deepest, max(accumulate(steps, initial=depth)))
        depth += sum(steps)
    return deepest, values


def _refuse_long_string(text: str | bytes, pos: int, cut: int, longest: int) -> None:
    """Refuse the string written at ``text[pos:cut]`` when it holds more than ``longest`` characters: exactly
    counted when it has no escape (each character of UTF-8 starts with a byte that is not 10xxxxxx), else
    when it is so long that it must (an escape writes one character in at most twelve: ``\\ud83d\\ude00``)."""
    written = cut - pos - 2
    if isinstance(text, bytes):
        import numpy as np  # only for a string of over a million bytes

        for at in range(pos + 1, cut - 1, 1 << 20):
            part = np.frombuffer(text, dtype=np.uint8, count=min(1 << 20, cut - 1 - at), offset=at)
            written -= int(np.count_nonzero((part & 0xC0) == 0x80))
        escaped = text.find(b"\\", pos, cut) >= 0
    else:
        escaped = text.find("\\", pos, cut) >= 0
    if not escaped and written > longest:
        raise _LongString(pos, f"a string of {written:,} characters")
    if escaped and written > 12 * longest:
        raise _LongString(pos, f"a string of over {longest:,} characters ({written:,} as written)")


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
    """Read and parse a JSON file within the bounds (see :func:`load_json_text`). The bounds kept before
    parsing are kept on the file's bytes, checked as UTF-8 a piece at a time: a file refused by them is
    never held as text besides (the bytes and the text together took twice the file)."""
    from whipcount.io.streamed import bytes_pieces, check_utf8

    lim = limits or default_limits()
    name = str(path)
    raw = read_bytes_file(path, "JSON", lim)
    check_utf8(bytes_pieces(raw), name)
    _check_json(raw, name, lim, caps)
    text = decode_text(raw, name)
    del raw
    return _parse_json(text, name, lim, caps)
