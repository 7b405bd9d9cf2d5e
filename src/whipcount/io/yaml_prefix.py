"""A floor on the values of a large YAML file from libyaml's count of the events of its first lines.

libyaml counts about ten million events a second (:func:`whipcount.io.yamlsource.count_events`): twenty
million values nested 60 deep in 41 MB are 38 million events, 2.9 s of CPU, where five million values are
enough to refuse the file. A prefix of the file, cut at the end of a line, parsed whole by libyaml is a
document whose values are values of the file's: libyaml reads a stream in order, a simple key and its ``:``
share a line, and what the prefix leaves open at its end (a block list or mapping, a scalar of many lines)
is closed there with no more values than the file gives it. So the floor taken from the prefix's events and
its own marks (:func:`whipcount.io.streamed.values_at_least`) is a floor on the file's values, and a prefix
past the bound refuses the file. A prefix that is not valid YAML where it is cut (inside a quoted scalar or
a flow list) proves nothing: the file is then counted whole, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import yaml

from whipcount.io.streamed import MARKS, values_at_least

if TYPE_CHECKING:
    from whipcount.io.limits import Limits
    from whipcount.io.streamed import CheckedFile

__all__ = ["prefix_over_bound"]

_MARGIN = 1.1  # a prefix a tenth longer than the values found so far suggest


class _Prefix:
    """The first ``size`` bytes (at least) that a checked file hands on, to the end of the line they end in;
    the :data:`~whipcount.io.streamed.MARKS` in them counted."""

    def __init__(self, stream: CheckedFile, size: int) -> None:
        self.stream = stream
        self.size = size
        self.handed = 0
        self.done = False
        self.marks = dict.fromkeys(MARKS, 0)

    def read(self, size: int = -1) -> bytes:
        if self.done:
            return b""
        piece = self.stream.read(size)
        if self.handed + len(piece) >= self.size:
            end = piece.find(b"\n", max(0, self.size - self.handed))
            if end >= 0 or not piece:
                piece, self.done = piece[:end + 1] if end >= 0 else piece, True
        self.handed += len(piece)
        for c in MARKS:
            self.marks[c] += piece.count(c.encode())
        return piece


def _prefix(stream: str | CheckedFile, size: int) -> tuple[str | _Prefix, dict[str, int]]:
    if isinstance(stream, str):
        end = stream.find("\n", size)
        text = stream if end < 0 else stream[:end + 1]
        return text, {c: text.count(c) for c in MARKS}
    prefix = _Prefix(stream, size)
    return prefix, prefix.marks


def prefix_over_bound(source: Callable[[], str | CheckedFile], marks: dict[str, int], length: int, limits: Limits,
                      count: Callable[[Any], int | None]) -> bool:
    """True when a prefix of ``source()`` (a text or a file of ``length`` characters or bytes holding
    ``marks``) holds more values than the bound, by libyaml's ``count`` of its events (a text's or a
    reader's). The first prefix is as long as the file's marks suggest the bound takes (a value or two a
    mark); where it falls short, the next is as much longer as its floor was short, while that is under half
    the file (past it, counting the file whole costs little more)."""
    bound = limits.max_nodes
    size = int(length * bound / max(1, sum(marks[c] for c in "-:,?[{")) * _MARGIN)
    while size < length // 2:
        stream, seen = _prefix(source(), size)
        try:
            events = count(stream)
        except yaml.YAMLError:  # cut inside a scalar or a flow list, or the file is not valid YAML there
            return False
        if events is None:
            return False
        floor = values_at_least(events, seen)
        if floor > bound:
            return True
        if floor <= 0:  # the prefix's marks leave no floor (a dash a value): a longer one would not either
            return False
        size = max(size + 1, int(size * bound / floor * _MARGIN))
    return False
