"""Build Python values from a YAML event stream in one pass, within bounds, remembering every line.

PyYAML's own route (compose a node graph, then construct objects recursively, then walk the graph again
for line numbers) spends most of its time in Python per node and recurses, so a hostile file can exhaust
the stack and an alias bomb can expand without limit. Here one loop over libyaml's events (the pure-Python
parser's where libyaml is absent) does everything at once, iteratively:

* refuses what the scenario and constitution formats never need: nesting over the depth limit, more
  aliases than allowed or aliases that stand for more values than allowed (together, or in all with the
  file's own values), an alias inside the value it names,
  a list or mapping as a key, merge keys (``<<``), explicit tags other than the standard scalar ones,
  numbers with more digits than allowed, a second document;
* refuses a key given twice in one mapping (YAML accepts it silently);
* refuses a list or mapping at its first item past its cap: the format's cap for that place
  (:mod:`whipcount.io.list_caps`, from the schema), else :attr:`~whipcount.io.limits.Limits.max_items`; and
  as it opens where the format has a single value (a field of text, a number or a day, an item of a list of
  text, a value of an event's extras), or the other kind (a list where it has a mapping, a mapping where it
  has a list);
* resolves plain scalars by the YAML 1.2 core schema, plus dates (:mod:`whipcount.io.yaml_scalars`);
* refuses a key or value longer than :attr:`~whipcount.io.limits.Limits.max_text` characters (every field's
  own cap is far lower) as soon as the parser gives it, before it is stored;
* records the 1-based line of every path (a mapping entry's line is its key's), down to a depth twice the
  formats' deepest; a list's items by one number each (:class:`~whipcount.io.line_map.LineMap`).

A first reading may keep nothing (``dry``): every bound is checked at the same place, in the same words, while
each list and mapping is only counted (a mapping keeps its keys while it is open, for the duplicates), so that a
file past the bound on values is refused without building the values it holds. A dry reading may stop after so
many values (``upto``, :class:`ReadEnough`), the rest of the file left to a count of its events
(:func:`whipcount.io.yamlsource.count_events`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

import yaml

from whipcount.errors import InputError
from whipcount.io.limits import Limits, shorten
from whipcount.io.line_map import LineMap
from whipcount.io.yaml_dry import Keys, NoLines, Tally
from whipcount.io.yaml_scalars import STD_TAGS, numberish, plain_value

if TYPE_CHECKING:
    from whipcount.io.list_caps import CapTree

__all__ = ["ReadEnough", "UnknownField", "build", "format_loc", "too_many_values"]

Loc = tuple[str | int, ...]


def format_loc(loc: Sequence[str | int]) -> str:
    """``('events', 3, 'party')`` → ``events[3].party``; a key longer than 80 characters is cut (a key is what the
    user wrote, and an error never carries a whole value back)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + shorten(str(part), 80)
    return out


class ReadEnough(Exception):
    """A dry reading told to stop after so many values (``upto``) has read them, every bound kept so far."""


def too_many_values(name: str, limits: Limits) -> InputError:
    """The refusal of a document holding more values than :attr:`~whipcount.io.limits.Limits.max_nodes`."""
    return InputError(f"{name}: too many values: over {limits.max_nodes:,} once aliases are expanded (a YAML "
                      "alias bomb?)")


class UnknownField(InputError):
    """A key the format does not have, in a mapping whose fields it names (a model that refuses unknown
    fields): refused as it is read, in the words validation uses (:func:`whipcount.io.plain_words.unknown_field`),
    with the fields expected there and the field meant. ``loc``: the mapping's path; ``seen``: its keys read
    before."""

    def __init__(self, builder: _Builder, frame: _Frame, key: Any, line: int) -> None:
        from whipcount.io.list_caps import format_at, unknown_hint
        from whipcount.io.plain_words import unknown_field

        self.loc, self.key, self.seen = frame.loc, key, tuple(frame.value)
        where = format_loc((*frame.loc, key if isinstance(key, str | int) else str(key)))
        schema, hint = None, None
        if builder.caps is not None:  # the format of the place: the file's, or one it carries there
            root, loc = format_at(builder.caps, frame.loc)
            schema = root.label
            hint = unknown_hint(root, (*loc, key)) if isinstance(key, str) else None
        words = unknown_field(schema or "file's", key, frame.fields, hint=hint)
        super().__init__(f"{builder.name}:{line}: {where}: {words}")


class _Frame:
    """An open mapping or sequence: the value being filled, where it stands (in the file and in the format),
    how many items it may hold, the fields it may have (a mapping whose fields the format names), and its
    expanded size."""

    __slots__ = ("anchor", "cap", "fields", "key", "key_line", "loc", "place", "size", "value")

    def __init__(self, value: dict[Any, Any] | list[Any], loc: Loc, anchor: str | None,
                 place: CapTree | None, cap: int) -> None:
        self.value = value
        self.loc = loc
        self.anchor = anchor
        self.place = place
        self.fields = place.fields if place is not None and isinstance(value, dict) else None
        self.cap = cap
        self.size = 1
        self.key: Any = _NO_KEY
        self.key_line = 0


_NO_KEY = object()

# Text of at most this many characters (an id, a key, a kind, a name) is kept once however often the file
# repeats it: a party's id given in each of 100,000 events, or the 20,000 members' ids of each of 245 events,
# had one copy of some 50 bytes each time. The texts are kept in a table of the reading's own (the
# interpreter's, ``sys.intern``, never shrinks), of at most :data:`_SHARED_TEXTS` of them (a file of millions
# of different ids would have doubled them).
_SHARED = 100
_SHARED_TEXTS = 65_536

# The line of a value is kept down to this depth. The formats nest 8 deep at most (a scenario's motion's
# division's adjudication's candidates' party), and a value found wrong is named at most one level below its
# field; below, a value is named by the line of its nearest ancestor kept. The path of a value 60 deep is a
# tuple of 60: kept for each of a million values nested so, 480 MB for a file of 2 MB.
_DEEPEST_LINE = 16


class _Builder:
    def __init__(self, name: str, limits: Limits, caps: CapTree | None, dry: bool = False,
                 upto: int | None = None, left_out: Callable[[int, int], int] | None = None) -> None:
        self.name = name
        self.upto = upto
        self.left_out = left_out
        self.new_list: type[list[Any]] = Tally if dry else list
        self.new_dict: type[dict[Any, Any]] = Keys if dry else dict
        self.limits = limits
        self.caps = caps
        self.alias_values = 0
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.lines: LineMap = NoLines() if dry else LineMap()
        self.texts: dict[str, str] | None = None if dry else {}
        self.aliases = 0
        self.nodes = 0
        self.root: Any = None
        self.documents = 0

    def fail(self, event: yaml.Event, problem: str) -> InputError:
        mark = event.start_mark
        return InputError(f"{self.name}{f':{mark.line + 1}' if mark is not None else ''}: {problem}")

    # -- scalars --------------------------------------------------------------------------------------
    def scalar(self, ev: yaml.ScalarEvent) -> Any:
        text = ev.value
        if len(text) > self.limits.max_text:
            start, end = ev.start_mark, ev.end_mark
            cut = self.left_out(start.index, end.index) if self.left_out and start and end else 0
            raise self._too_long(ev, len(text) + cut)
        tag = ev.tag
        if tag is not None and tag not in STD_TAGS:
            raise self.fail(ev, f"the tag {shorten(tag, 40)} is not supported (plain values only)")
        if ev.style or tag == "tag:yaml.org,2002:str" or tag == "!":
            return self._shared(text)
        if len(text) > self.limits.max_digits and numberish(text):
            raise self.fail(ev, f"a number of {len(text)} digits (at most {self.limits.max_digits})")
        value = plain_value(text)
        return self._shared(text) if value is text else value

    def _shared(self, text: str) -> str:
        """``text``, the copy read before when there is one (see :data:`_SHARED`)."""
        if self.texts is None or len(text) > _SHARED:
            return text
        if len(self.texts) < _SHARED_TEXTS:
            return self.texts.setdefault(text, text)
        return self.texts.get(text, text)

    def _too_long(self, ev: yaml.ScalarEvent, length: int) -> InputError:
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, dict) and top.key is _NO_KEY:
            what = f"{format_loc(top.loc) or 'the document'}: a key of"
        else:
            what = f"{format_loc(self._place()[0]) or 'the document'}:"
        return self.fail(ev, f"{what} {length:,} characters; at most {self.limits.max_text:,} accepted in one key "
                             "or value")

    # -- the tree -------------------------------------------------------------------------------------
    def _in_key_position(self) -> bool:
        top = self.stack[-1] if self.stack else None
        return top is not None and isinstance(top.value, dict) and top.key is _NO_KEY

    def _count(self, size: int) -> None:
        self.nodes += size
        if self.nodes > self.limits.max_nodes:
            raise too_many_values(self.name, self.limits)
        if self.upto is not None and self.nodes > self.upto:
            raise ReadEnough

    def _place(self) -> tuple[Loc, CapTree | None]:
        """Where the next value goes: its path, and its place in the format (None: the format has none)."""
        top = self.stack[-1] if self.stack else None
        if top is None:
            return (), self.caps
        key = len(top.value) if isinstance(top.value, list) else top.key
        return (*top.loc, key), top.place.child(key) if top.place is not None else None

    def _cap(self, place: CapTree | None) -> int:
        return place.cap if place is not None and place.cap is not None else self.limits.max_items

    def _full(self, top: _Frame, ev: yaml.Event) -> InputError:
        what = format_loc(top.loc) or "the document"
        return self.fail(ev, f"{what}: over {top.cap:,} listed; at most {top.cap:,} accepted")

    def done(self, value: Any, size: int, ev: yaml.Event) -> None:
        """A complete value (scalar, collection or alias) of ``size`` nodes: put it where it belongs."""
        line = ev.start_mark.line + 1 if ev.start_mark is not None else 0
        if not self.stack:
            self.root = value
            self.lines[()] = line
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.value, list):
            if len(top.value) >= top.cap:
                raise self._full(top, ev)
            if len(top.loc) < _DEEPEST_LINE:  # a list or mapping item's own line, given as it opened, wins
                self.lines.add_item(top.loc, line)
            top.value.append(value)
            return
        if top.key is _NO_KEY:  # this value is a key
            if value in top.value:
                raise self.fail(ev, f"not valid YAML: duplicate key {shorten(str(value))!r}")
            if len(top.value) >= top.cap:
                raise self._full(top, ev)
            if top.fields is not None and value not in top.fields:
                raise UnknownField(self, top, value, line)
            top.key, top.key_line = value, line
            return
        key = top.key
        top.value[key] = value
        if len(top.loc) < _DEEPEST_LINE:
            self.lines.add_key(top.loc, key, top.key_line)
        top.key = _NO_KEY

    def open(self, ev: yaml.CollectionStartEvent, value: dict[Any, Any] | list[Any]) -> None:
        if self._in_key_position():
            raise self.fail(ev, "a list or mapping used as a key (a complex key) is not supported; "
                                "expected a plain key")
        if len(self.stack) >= self.limits.max_depth:
            raise self.fail(ev, f"nested too deeply (over {self.limits.max_depth} levels)")
        top = self.stack[-1] if self.stack else None
        if top is not None and isinstance(top.value, list) and len(top.value) >= top.cap:
            raise self._full(top, ev)
        loc, place = self._place()
        if place is not None and (place.single is not None or place.kind is not None):
            self._check_kind(ev, loc, place, value, top)
        if top is None:
            # the document's line is where it starts, not where it ends (what a root-level error names)
            self.lines[()] = ev.start_mark.line + 1 if ev.start_mark is not None else 0
        elif len(loc) <= _DEEPEST_LINE:
            start = ev.start_mark.line + 1 if ev.start_mark is not None else 0
            self.lines[loc] = top.key_line if isinstance(top.value, dict) else start
        if ev.anchor:
            self.open_anchors.add(ev.anchor)
        self.stack.append(_Frame(value, loc, ev.anchor, place, self._cap(place)))

    def _check_kind(self, ev: yaml.Event, loc: Loc, place: CapTree, value: object, top: _Frame | None) -> None:
        """Refuse a list or mapping where the format has one value (a field of text, a number or a day; an item
        of a list of text; a value of an event's extras), or the other kind (a list where it has a mapping: the
        document, a party, an event; a mapping where it has a list: ``parties``, ``events``), in validation's
        words (``expected text``, ``expected a mapping {...}``; :func:`whipcount.io.plain_words.problem_words`),
        at its key's line; the document refused in its reader's words, with no line, as it refuses one that is
        no mapping at all (:func:`whipcount.io.scenario.parse_scenario`)."""
        got = "a list" if isinstance(value, list) else "a mapping"
        words = place.single
        if words is None and place.kind is not None and place.kind[0] == got.removeprefix("a "):
            words = place.kind[1]
        if words is None:
            return
        if top is None:
            raise InputError(f"{self.name}: {words}, got {got}")
        line = top.key_line if isinstance(top.value, dict) else \
            (ev.start_mark.line + 1 if ev.start_mark is not None else 0)
        raise InputError(f"{self.name}:{line}: {format_loc(loc)}: {words}, got {got}")

    def close(self, ev: yaml.Event) -> None:
        frame = self.stack.pop()
        self._count(1)
        if frame.anchor:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.value, frame.size)
        start = self.lines.get(frame.loc)
        self.done(frame.value, frame.size, ev)
        if start is not None:
            self.lines[frame.loc] = start

    def event(self, ev: yaml.Event) -> None:
        if isinstance(ev, yaml.ScalarEvent):
            if self._in_key_position() and ev.value == "<<" and not ev.style:
                raise self.fail(ev, "merge keys (<<) are not supported; write the fields out")
            value = self.scalar(ev)
            self._count(1)
            if ev.anchor:
                self.anchors[ev.anchor] = (value, 1)
            self.done(value, 1, ev)
        elif isinstance(ev, yaml.MappingStartEvent):
            self.open(ev, self.new_dict())
        elif isinstance(ev, yaml.SequenceStartEvent):
            self.open(ev, self.new_list())
        elif isinstance(ev, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            self.close(ev)
        elif isinstance(ev, yaml.AliasEvent):
            self.alias(ev)
        elif isinstance(ev, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.fail(ev, "more than one YAML document; expected one")

    def alias(self, ev: yaml.AliasEvent) -> None:
        self.aliases += 1
        if self.aliases > self.limits.max_aliases:
            raise self.fail(ev, f"too many aliases (over {self.limits.max_aliases}); write the values out")
        if ev.anchor in self.open_anchors:
            raise self.fail(ev, f"the alias *{ev.anchor} refers to the value it stands in (a recursive anchor); "
                                "expected a value that ends")
        if ev.anchor not in self.anchors:
            raise self.fail(ev, f"unknown alias *{ev.anchor}")
        value, size = self.anchors[ev.anchor]
        if self._in_key_position() and isinstance(value, dict | list):
            raise self.fail(ev, "a list or mapping used as a key (a complex key) is not supported")
        self.alias_values += size
        if self.alias_values > self.limits.max_alias_values:
            raise self.fail(ev, f"the aliases stand for over {self.limits.max_alias_values:,} values together "
                                "(a YAML alias bomb?); write the values out")
        self._count(size)
        if isinstance(value, dict | list):
            loc, place = self._place()
            if place is not None:
                self._check_kind(ev, loc, place, value, self.stack[-1] if self.stack else None)
            if len(value) > (cap := self._cap(place)):
                raise self.fail(ev, f"{format_loc(loc) or 'the document'}: {len(value):,} listed (the alias "
                                    f"*{shorten(ev.anchor, 40)}); at most {cap:,} accepted")
        self.done(value, size, ev)


def build(events: Iterable[yaml.Event], name: str, limits: Limits,
          caps: CapTree | None = None, *, dry: bool = False, upto: int | None = None,
          left_out: Callable[[int, int], int] | None = None) -> tuple[Any, LineMap]:
    """The value of a one-document YAML event stream and the line of every path in it; ``caps`` says how
    many items each list of the format may hold (:func:`whipcount.io.list_caps.caps_of`). ``dry``: every
    bound checked, nothing kept (the value and the lines given back are not the document's); ``upto`` (with
    ``dry``): :class:`ReadEnough` is raised once more values than that are read, every bound kept so far;
    ``left_out``: how many characters were left out of the text between two indexes (see
    :mod:`whipcount.io.long_runs`), added to a value's length where it is refused for it."""
    b = _Builder(name, limits, caps, dry, upto, left_out)
    for ev in events:
        b.event(ev)
    return b.root, b.lines
