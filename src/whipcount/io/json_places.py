"""Where a value of a JSON text starts, and the path of the value that starts at a place: for refusals that
name the line of a list and its path as the user wrote it (``vote_events[0].votes``, ``extras.stances``).

``json.loads`` keeps no places. These are found from the text only when a refusal needs one: the strings
are told apart by their quotes (a quote after an odd run of backslashes is escaped), the brackets, commas
and colons outside them are kept with how deeply each is nested, and a path is followed from the document
down (the n-th comma of an array, the colon after a key of an object) or climbed from a bracket up. Every
scan of the whole text is numpy's; a loop in Python runs only over the path's levels and over the keys of
one object.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

__all__ = ["JsonPlaces"]

Loc = tuple[str | int, ...]

_OPENERS = b"[{"
_SPACE = re.compile(rb"[ \t\r\n]*")


class JsonPlaces:
    """The places of the values of one JSON text (``raw``, UTF-8). Made for well-formed JSON; for text that
    is not, a place may be wrong or missing (None), never an exception."""

    def __init__(self, raw: bytes) -> None:
        import numpy as np  # only on the way to a refusal

        self.raw = raw
        s = np.frombuffer(raw, dtype=np.uint8)
        self.quotes = _real_quotes(s)
        table = np.zeros(256, dtype=bool)
        table[list(b"[]{},:")] = True
        marks = np.flatnonzero(table[s])
        outside = np.searchsorted(self.quotes, marks) % 2 == 0  # an even number of quotes before: not in a string
        self.at = marks[outside]  # the place in ``raw`` of each bracket, comma and colon outside strings
        self.kind = s[self.at]
        opens = (self.kind == ord("[")) | (self.kind == ord("{"))
        closes = (self.kind == ord("]")) | (self.kind == ord("}"))
        # the nesting after each mark: an opener's is the level of its items, as are its commas and colons
        self.depth = np.cumsum(opens.astype(np.int32) - closes.astype(np.int32))
        self.is_open = opens

    def structure(self) -> tuple[bytes, np.ndarray]:
        """The brackets and commas outside strings, in order, and the place in the text of each."""
        kept = self.kind != ord(":")
        return self.kind[kept].tobytes(), self.at[kept]

    def line(self, offset: int) -> int:
        """The 1-based line of the byte at ``offset``."""
        return self.raw.count(b"\n", 0, offset) + 1

    def _start(self, after: int) -> int:
        """The place of the first byte after ``after`` that is not white space."""
        match = _SPACE.match(self.raw, after + 1)
        return match.end() if match else after + 1

    def _mark(self, offset: int) -> int | None:
        """The index of the opening bracket at ``offset``, or None when no array or object starts there."""
        i = int(self.at.searchsorted(offset))
        return i if i < len(self.at) and int(self.at[i]) == offset and self.is_open[i] else None

    def _children(self, i: int, sep: bytes) -> np.ndarray:
        """The indexes of the separators (``,`` or ``:``) of the container opened at mark ``i``, in order."""
        import numpy as np

        d = self.depth[i]
        below = np.flatnonzero(self.depth[i + 1:] < d)
        end = i + 1 + (int(below[0]) if len(below) else len(self.depth) - i - 1)
        span = slice(i + 1, end)
        return i + 1 + np.flatnonzero((self.kind[span] == sep[0]) & (self.depth[span] == d))

    def _key_before(self, colon: int) -> str | None:
        """The key an object's colon (an index of the marks) follows."""
        q = int(self.quotes.searchsorted(self.at[colon])) - 1
        if q < 1:
            return None
        text = self.raw[int(self.quotes[q - 1]):int(self.quotes[q]) + 1]
        try:
            key = json.loads(text) if b"\\" in text else text[1:-1].decode("utf-8")
        except ValueError:
            return None
        return key if isinstance(key, str) else None

    def offset(self, loc: Sequence[str | int]) -> int | None:
        """The place in the text where the value at ``loc`` starts (its opening bracket, for a list)."""
        pos = self._start(-1)
        for part in loc:
            i = self._mark(pos)
            if i is None:
                return None
            if isinstance(part, int):
                if self.kind[i] != ord("[") or part < 0:
                    return None
                commas = self._children(i, b",")
                if part > len(commas):
                    return None
                pos = self._start(int(self.at[i if part == 0 else int(commas[part - 1])]))
                continue
            if self.kind[i] != ord("{"):
                return None
            found = next((c for c in self._children(i, b":") if self._key_before(int(c)) == part), None)
            if found is None:
                return None
            pos = self._start(int(self.at[int(found)]))
        return pos

    def loc_at(self, offset: int) -> Loc | None:
        """The path of the array or object whose opening bracket is at ``offset`` (``()``: the document)."""
        import numpy as np

        i = self._mark(offset)
        if i is None:
            return None
        parts: list[str | int] = []
        while self.depth[i] > 1:
            level = self.depth[i] - 1
            parents = np.flatnonzero(self.is_open[:i] & (self.depth[:i] == level))
            if not len(parents):
                return None
            p = int(parents[-1])
            between = slice(p + 1, i)
            if self.kind[p] == ord("["):
                parts.append(int(np.count_nonzero((self.kind[between] == ord(",")) & (self.depth[between] == level))))
            else:
                colons = np.flatnonzero((self.kind[between] == ord(":")) & (self.depth[between] == level))
                key = self._key_before(p + 1 + int(colons[-1])) if len(colons) else None
                if key is None:
                    return None
                parts.append(key)
            i = p
        return tuple(reversed(parts))


def _real_quotes(s: np.ndarray) -> np.ndarray:
    """The places of the quotes that open or close a string: not those after an odd run of backslashes."""
    import numpy as np

    quotes = np.flatnonzero(s == ord('"'))
    slashes = np.flatnonzero(s == ord("\\"))
    if not len(slashes) or not len(quotes):
        return quotes
    starts = np.r_[True, np.diff(slashes) != 1]  # the first backslash of each run
    run_start = slashes[starts][np.cumsum(starts) - 1]  # for each backslash, where its run starts
    last = slashes.searchsorted(quotes) - 1  # the last backslash before each quote
    touching = (last >= 0) & (slashes[np.maximum(last, 0)] == quotes - 1)
    run = np.where(touching, quotes - run_start[np.maximum(last, 0)], 0)
    real: np.ndarray = quotes[run % 2 == 0]
    return real
