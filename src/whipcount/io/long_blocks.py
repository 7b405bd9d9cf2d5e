"""A block scalar (``description: |`` and its lines) so long that it is refused: the middle of its lines left
out of what the parser is handed, as :mod:`whipcount.io.long_runs` leaves out the middle of a long run.

libyaml gathers a block scalar whole before it hands it over: 40 MB of lines of ten characters held 131 MB
before the value was refused for being longer than :attr:`~whipcount.io.limits.Limits.max_text`. Here a
*header* is a line ending in a block scalar's indicator (``|`` or ``>``, a chomping sign after it, no
indentation digit, no comment after it) after a space or at the line's start, with no ``#`` or quote before
it on its line, followed by a line indented by ``n`` spaces (one or more) then text. Its *stretch* is that
line and the lines after it that add to the value exactly what they hold past the first ``n`` spaces, their
line break included (a space where ``>`` folds it): lines indented by exactly ``n`` spaces then text other
than a space or a tab; for ``|`` also lines indented more and empty lines. A line broken otherwise than with a
line feed ends the stretch. Where the stretch adds more than ``max_text`` characters and has lines past them,
it is a block scalar for sure only once libyaml, handed the file to the end of the stretch's first line,
starts a block scalar at the indicator (not inside a comment, a quoted value or a value of many lines):
then the stretch's lines past the first pieces that hold more than ``max_text`` characters are left out but
its last (:class:`~whipcount.io.long_runs.Cut`, its characters those the value loses), and the value is
still refused, at the same line, its length the parser's plus what was left out. Only the first header whose
stretch is that long is looked at (libyaml reads the file to it once): a file holds one value past the cap
before it is refused.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass

from whipcount.io.long_runs import Cut

__all__ = ["HeaderFinder", "LongBlock", "long_block"]

_HEADER = re.compile(rb"[|>][-+]?[ \t]*\r?\n")
_CONT = bytes(range(0x80, 0xC0))
_PIECE = 1 << 18  # bytes looked at a time: numpy's arrays for each line and byte of them take a few MB
_MOST = 100  # headers kept: a file of more has no room for one of them to be long


class HeaderFinder:
    """Fed a file's bytes a piece at a time (:meth:`feed`), the places of its headers (:attr:`found`: the
    byte of each indicator, in order)."""

    def __init__(self) -> None:
        self.found: list[int] = []
        self._tail = b""  # the last line of the pieces before, not yet ended
        self._at = 0  # the byte where the tail starts

    def feed(self, piece: bytes) -> None:
        if len(self.found) >= _MOST:
            return
        data = self._tail + piece
        cut = data.rfind(b"\n") + 1
        found = _HEADER.finditer(data, 0, cut) if b"|" in data or b">" in data else ()
        for m in found:
            start = data.rfind(b"\n", 0, m.start()) + 1
            line = data[start:m.start()]
            if (not line or line[-1:] in b" \t") and not any(c in line for c in (b"#", b"'", b'"')):
                self.found.append(self._at + m.start())
        tail = data[cut:]
        # a line longer than a header can be is no header
        self._tail = tail if len(tail) < 4096 else b""
        self._at += cut if len(tail) < 4096 else len(data)


def _line_at(fd: int, at: int) -> bytes:
    """The line starting at byte ``at`` of ``fd`` with its line feed (at most 4 kB)."""
    piece = os.pread(fd, 4096, at)
    end = piece.find(b"\n")
    return piece[:end + 1] if end >= 0 else b""


def _empty_lines(chunk: bytes) -> int:
    """The empty lines of ``chunk`` (whole lines)."""
    import numpy as np

    breaks = np.frombuffer(b"\n" + chunk, dtype=np.uint8) == 10
    return int(np.count_nonzero(breaks[1:] & breaks[:-1]))


def _adds(chunk: bytes, n: int) -> int:
    """The characters the whole lines of ``chunk`` add to the value: each past its first ``n`` spaces, an
    empty line its line break."""
    return len(chunk.translate(None, _CONT)) - n * (chunk.count(b"\n") - _empty_lines(chunk))


def _stretch(piece: bytes, style: bytes, n: int) -> tuple[int, int]:
    """Of ``piece`` (whole lines, where a stretch indented by ``n`` goes on): how many bytes from its start
    are lines of the stretch, and where the last of them holding text right past its first ``n`` spaces
    starts (-1: none). The first bytes of every line are looked at with numpy's steps."""
    import numpy as np

    a = np.frombuffer(piece, dtype=np.uint8)
    breaks = np.flatnonzero(a == 10)
    starts = np.concatenate(([0], breaks[:-1] + 1))
    marks = np.flatnonzero(a != 32)  # each line's line feed is one: every line has a first
    indented = marks[np.searchsorted(marks, starts)] - starts >= n
    after = a[np.minimum(starts + n, len(a) - 1)]
    text = indented & (after != 32) & (after != 9) & (after != 10) & (after != 13)
    good = indented | (a[starts] == 10) if style == b"|" else text.copy()
    bad = np.flatnonzero(a == 13)  # a line broken otherwise than with a line feed ends the stretch
    if not piece.isascii():  # NEL, LS and PS: line breaks to libyaml
        nel = np.flatnonzero((a[:-1] == 0xC2) & (a[1:] == 0x85))
        sep = np.flatnonzero((a[:-2] == 0xE2) & (a[1:-1] == 0x80) & ((a[2:] == 0xA8) | (a[2:] == 0xA9)))
        bad = np.concatenate((bad, nel, sep))
    if len(bad):
        good[np.searchsorted(breaks, bad)] = False
    wrong = np.flatnonzero(~good)
    lines = int(wrong[0]) if len(wrong) else len(starts)
    texts = np.flatnonzero(text[:lines])
    length = int(starts[lines]) if lines < len(starts) else len(piece)
    return length, int(starts[texts[-1]]) if len(texts) else -1


@dataclass(slots=True)
class LongBlock:
    """The stretch of a header past ``max_text`` characters: the lines to leave out, bytes ``[start, end)``;
    ``seen``, the end of its first line (the file to there is handed to libyaml to confirm it); ``n``, its
    indentation."""

    start: int
    end: int
    seen: int
    n: int

    def cut(self, fd: int) -> Cut:
        """The cut of these lines, with the characters the value loses."""
        return Cut(self.start, self.end, _left_out(fd, self.start, self.end, self.n))


def long_block(fd: int, size: int, indicator: int, max_text: int) -> LongBlock | None:
    """The stretch of the header whose indicator is byte ``indicator`` of the file ``fd`` of ``size``
    bytes, where it holds more than ``max_text`` characters and lines past them; else None."""
    style = os.pread(fd, 1, indicator)
    first = indicator + len(_line_at(fd, indicator))
    line = _line_at(fd, first)
    n = len(line) - len(line.lstrip(b" "))
    if not line or n == 0 or line[n:n + 1] in b" \t\r\n":
        return None
    at, added, head_end = first, 0, None
    last = first  # the start of the stretch's last line that holds text
    while at < size:
        piece = os.pread(fd, _PIECE, at)
        piece = piece[:piece.rfind(b"\n") + 1]
        length, text = _stretch(piece, style, n) if piece else (0, -1)
        if not length:
            break
        if head_end is None:  # whole pieces are handed over until they hold more than max_text characters
            added += _adds(piece[:length], n)
            head_end = at + length if added > max_text + 1 else None
        last = at + text if text >= 0 else last
        at += length
        if length < len(piece):
            break
    if head_end is None or last <= head_end:
        return None
    return LongBlock(head_end, last, first + len(line), n)


def _left_out(fd: int, start: int, end: int, n: int) -> int:
    """The characters the value loses when the whole lines in bytes ``[start, end)`` are left out."""
    out = 0
    while start < end:
        piece = os.pread(fd, min(_PIECE, end - start), start)
        piece = piece[:piece.rfind(b"\n") + 1] if start + len(piece) < end else piece
        if not piece:
            break
        out += _adds(piece, n)
        start += len(piece)
    return out
