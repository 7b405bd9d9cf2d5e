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
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, AnyStr

if TYPE_CHECKING:
    import numpy as np

__all__ = ["STRING", "STRING_BYTES", "JsonPlaces", "json_pieces", "json_spans", "json_structure", "structure_offset"]

Loc = tuple[str | int, ...]

_OPENERS = b"[{"
STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')  # a JSON string, its loop unrolled (twice as fast)
STRING_BYTES = re.compile(STRING.pattern.encode())  # the same, in the UTF-8 of a file
_PIECE = 1 << 18  # characters: the pieces STRING.sub makes of one are a few MB, where the whole text's were
# ten times the text (a 39 MB file of short strings took 550 MB)
_WHOLE_STRINGS = re.compile(r'(?:[^"]*+"[^"\\]*+(?:\\.[^"\\]*+)*+")*+')  # text up to the end of a string
_WHOLE_STRINGS_BYTES = re.compile(_WHOLE_STRINGS.pattern.encode())


def json_spans(text: str | bytes) -> Iterator[tuple[int, int]]:
    """Where the pieces of :func:`json_pieces` start and end: about :data:`_PIECE` characters each, each ending
    after a string's closing quote, before an opening one or at the end; a string longer than a piece is a
    piece of its own, and so is a stretch of :data:`_PIECE` characters without a quote."""
    src: Any = text  # str or bytes, read alike by patterns of its kind
    whole, string, quote_mark = ((_WHOLE_STRINGS, STRING, '"') if isinstance(text, str)
                                 else (_WHOLE_STRINGS_BYTES, STRING_BYTES, b'"'))
    pos, end = 0, len(src)
    while pos < end:
        cut = whole.match(src, pos, min(end, pos + _PIECE)).end()  # type: ignore[union-attr]
        if cut == pos:  # no whole string within the piece: text up to the next quote, or one long string
            quote = src.find(quote_mark, pos)
            if quote != pos:  # no string opens here: a piece of text without one, cut where a piece ends
                cut = min(end if quote < 0 else quote, pos + _PIECE)
            else:
                found = string.match(src, pos)
                cut = found.end() if found is not None else end  # a string left open: the rest as one
        yield pos, cut
        pos = cut


def json_pieces(text: AnyStr) -> Iterator[AnyStr]:
    """``text`` (a JSON text, or its UTF-8) in pieces of about :data:`_PIECE` characters (see
    :func:`json_spans`), so that each string is whole in one piece and STRING.sub reads every piece as it
    reads the whole text."""
    for pos, cut in json_spans(text):
        yield text[pos:cut]

_SPACE = re.compile(rb"[ \t\r\n]*")


_NOT_STRUCTURE = bytes(set(range(256)) - set(b"[]{},"))


def json_structure(text: str | bytes) -> bytes:
    """The brackets and commas of JSON ``text`` (or its UTF-8) outside its strings, in order (as
    :meth:`JsonPlaces.structure` gives them), found a piece at a time: one byte a mark, where the places of
    them all take thirteen."""
    if isinstance(text, bytes):
        return b"".join(STRING_BYTES.sub(b"", piece).translate(None, _NOT_STRUCTURE) for piece in json_pieces(text))
    return b"".join(STRING.sub("", piece).encode("utf-8", "surrogatepass").translate(None, _NOT_STRUCTURE)
                    for piece in json_pieces(text))


_MARK_OR_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{},]')


def structure_offset(raw: bytes, index: int) -> int | None:
    """The place in JSON ``raw`` of the ``index``-th mark of :func:`json_structure` (None past the last): the
    pieces before its own are counted as :func:`json_structure` counts them, and the marks of its piece are
    read one by one."""
    seen = 0
    for pos, cut in json_spans(raw):
        piece = raw[pos:cut]
        marks = len(STRING_BYTES.sub(b"", piece).translate(None, _NOT_STRUCTURE))
        if seen + marks > index:
            for found in _MARK_OR_STRING.finditer(piece):
                if found.group()[0] != ord('"'):
                    if seen == index:
                        return pos + found.start()
                    seen += 1
            return None
        seen += marks
    return None


class JsonPlaces:
    """The places of the values of one JSON text (``raw``, UTF-8). Made for well-formed JSON; for text that
    is not, a place may be wrong or missing (None), never an exception."""

    def __init__(self, raw: bytes) -> None:
        import numpy as np  # only on the way to a refusal

        self.raw = raw
        self.quotes, self.at = _scan(raw)  # the real quotes; each bracket, comma and colon outside strings
        self.kind = np.frombuffer(raw, dtype=np.uint8)[self.at]
        opens = (self.kind == ord("[")) | (self.kind == ord("{"))
        closes = (self.kind == ord("]")) | (self.kind == ord("}"))
        # the nesting after each mark: an opener's is the level of its items, as are its commas and colons
        self.depth = np.cumsum(opens.view(np.int8) - closes.view(np.int8), dtype=np.int32)
        self.is_open = opens
        self.is_close = closes
        self._ends: np.ndarray | None = None  # the closing mark of each opening one, found on first use
        self._kids: dict[tuple[int, bytes], np.ndarray] = {}  # a container's separators, once found
        self._keys: dict[int, dict[str, int]] = {}  # an object's keys and their colons, once found
        self._newlines: np.ndarray | None = None

    def structure(self) -> tuple[bytes, np.ndarray]:
        """The brackets and commas outside strings, in order, and the place in the text of each."""
        kept = self.kind != ord(":")
        return self.kind[kept].tobytes(), self.at[kept]

    def line(self, offset: int) -> int:
        """The 1-based line of the byte at ``offset`` (the line ends found once, for many places)."""
        if self._newlines is None:
            import numpy as np

            self._newlines = np.flatnonzero(np.frombuffer(self.raw, dtype=np.uint8) == ord("\n"))
        return int(self._newlines.searchsorted(offset)) + 1

    def _start(self, after: int) -> int:
        """The place of the first byte after ``after`` that is not white space."""
        match = _SPACE.match(self.raw, after + 1)
        return match.end() if match else after + 1

    def _mark(self, offset: int) -> int | None:
        """The index of the opening bracket at ``offset``, or None when no array or object starts there."""
        i = int(self.at.searchsorted(offset))
        return i if i < len(self.at) and int(self.at[i]) == offset and self.is_open[i] else None

    def _end(self, i: int) -> int:
        """The index of the mark that closes the container opened at mark ``i`` (the number of marks if none)."""
        import numpy as np

        if self._ends is None:
            self._ends = self._match()
        end = int(self._ends[i])
        # not matched (text not well-formed): the first mark back above the container's depth; a closing
        # mark comes after its opening one, so its index is never 0
        if end < 0:  # equivalent mutants "< -> <=", "0 -> 1": above
            below = np.flatnonzero(self.depth[i + 1:] < self.depth[i])
            end = i + 1 + int(below[0]) if len(below) else len(self.at)
        return end

    def _match(self) -> np.ndarray:
        """For each opening mark, the index of its closing one: at each depth, openings and closings alternate
        in order, so the k-th opening of a depth closes with the k-th closing back to the depth before it.
        Where the text is not well-formed the counts differ and the closings are left to a scan (-1)."""
        import numpy as np

        index = np.int32 if len(self.at) < 2**31 else np.int64
        ends = np.full(len(self.at), -1, dtype=index)  # equivalent mutant "1 -> 2": any negative is "none"
        opens, closes = np.flatnonzero(self.is_open), np.flatnonzero(self.is_close)
        if len(opens) != len(closes):  # equivalent mutant "!= -> ==": matched by the scans, the same ends
            return ends
        open_level, close_level = self.depth[opens], self.depth[closes] + 1  # the depth of the items inside
        o = opens[np.argsort(open_level, kind="stable")]
        c = closes[np.argsort(close_level, kind="stable")]
        # a mark is an opening or a closing, never both: c == o cannot be
        if (np.sort(open_level) != np.sort(close_level)).any() or (c <= o).any():  # equivalent mutant "<= -> <": above
            return ends
        ends[o] = c
        return ends

    def _children(self, i: int, sep: bytes) -> np.ndarray:
        """The indexes of the separators (``,`` or ``:``) of the container opened at mark ``i``, in order."""
        import numpy as np

        kids = self._kids.get((i, sep))
        if kids is None:
            span = slice(i + 1, self._end(i))
            kids = i + 1 + np.flatnonzero((self.kind[span] == sep[0]) & (self.depth[span] == self.depth[i]))
            self._kids[(i, sep)] = kids
        return kids

    def _colon_of(self, i: int, key: str) -> int | None:
        """The colon after ``key`` in the object opened at mark ``i`` (the last, if the key repeats: the value
        ``json.loads`` keeps)."""
        keys = self._keys.get(i)
        if keys is None:
            keys = {}
            colons = self._children(i, b":")
            # the closing quote of each key: one search for the whole object (the origins of an import ask one
            # key of each of 50,000 objects)
            closing = self.quotes.searchsorted(self.at[colons]) - 1
            for c, q in zip(colons.tolist(), closing.tolist(), strict=True):
                found = self._key_closed_at(q)
                if found is not None:
                    keys[found] = c
            self._keys[i] = keys
        return keys.get(key)

    def key_of(self, i: int) -> str | None:
        """The key of the object member whose value opens at mark ``i`` (None: no key before it)."""
        return self._key_before(i - 1) if i > 0 and self.kind[i - 1] == ord(":") else None

    def _key_before(self, colon: int) -> str | None:
        """The key an object's colon (an index of the marks) follows."""
        return self._key_closed_at(int(self.quotes.searchsorted(self.at[colon])) - 1)

    def _key_closed_at(self, q: int) -> str | None:
        """The key whose closing quote is the ``q``-th quote."""
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
            found = self._colon_of(i, part)
            if found is None:
                return None
            pos = self._start(int(self.at[found]))
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


_SCAN = 1 << 20  # bytes of the text scanned at a time: numpy's arrays for each are a few MB


def _scan(raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The places of the real quotes of ``raw`` and of its brackets, commas and colons outside strings, as
    int32 where the text allows (int64 beyond 2 GB). The text is scanned :data:`_SCAN` bytes at a time, each
    part ending on a byte that is not a backslash (so that no run of them is cut), the quotes of the parts
    before counted: the whole text at once took eight bytes of every kind for each byte (a 25 MB file of
    short strings, 400 MB)."""
    import numpy as np

    whole = np.frombuffer(raw, dtype=np.uint8)
    table = np.zeros(256, dtype=bool)
    table[list(b"[]{},:")] = True
    places = np.int32 if len(raw) < 2**31 else np.int64
    quotes: list[np.ndarray] = []
    marks: list[np.ndarray] = []
    start, before = 0, 0
    while start < len(raw):
        end = min(len(raw), start + _SCAN)
        while end < len(raw) and raw[end - 1] == ord("\\"):
            end += 1
        part = whole[start:end]
        q = _real_quotes(part)
        m = np.flatnonzero(table[part])
        outside = (np.searchsorted(q, m) + before) % 2 == 0  # an even number of quotes before: not in a string
        quotes.append((q + start).astype(places))
        marks.append((m[outside] + start).astype(places))
        before += len(q)
        start = end
    empty = np.zeros(0, dtype=places)
    return np.concatenate(quotes or [empty]), np.concatenate(marks or [empty])


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
