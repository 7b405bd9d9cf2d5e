"""The runs of a YAML file that only one value's characters can make, so long that the value is refused:
their middle is left out of what the parser is handed.

libyaml gathers a scalar whole before it hands it over, in a buffer that doubles: one value of 40 MB held
136 MB before it was refused for being longer than
:attr:`~whipcount.io.limits.Limits.max_text`. A *run* here is a stretch of one line holding none of the
characters that can end a scalar or start a comment or another token (a space or a tab, ``#``, ``,``, ``[``,
``]``, ``{``, ``}``, ``:``, a quote, ``\\``). With no ``#`` before it on its line (it is no comment) and not
starting with ``&``, ``*``, ``!`` or ``%`` (an anchor, an alias, a tag or a directive), a run lies inside one
scalar, plain, quoted or block, every character of it the scalar's own. A run of more than
``4 * (max_text + 2)`` bytes so holds more than ``max_text`` characters in that many bytes: the parser is
handed those and the rest of the run is left out (:class:`Cut`). The scalar is still refused, at the same
place (no line is left out), and its length in the refusal is what the parser gave plus the characters left
out of it (:meth:`Cuts.left_out`). A long comment, or a long line of many values (JSON written on one line),
is handed over whole.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

__all__ = ["Cut", "Cuts", "RunFinder", "chars_between", "count_lines"]

_NOT_RUN = b" \t\r\n#,[]{}:'\"\\"
_RUN = bytes(ord("w") if b not in _NOT_RUN else b for b in range(256))  # a run's byte as "w", others as is
_NOT_SCALAR = b"&*!%"
_CONT = bytes(range(0x80, 0xC0))  # the bytes that continue a character of UTF-8


@dataclass(slots=True)
class Cut:
    """The bytes ``[start, end)`` of a file left out, the characters they hold, and the index (in characters
    handed to the parser) where they are left out."""

    start: int
    end: int
    chars: int = 0
    index: int = 0


@dataclass(slots=True)
class Cuts:
    """The cuts of a file, in order."""

    items: list[Cut] = field(default_factory=list)

    def left_out(self, start: int, end: int) -> int:
        """How many characters were left out of the value the parser gave between the indexes ``start`` and
        ``end`` (its marks)."""
        return sum(c.chars for c in self.items if start < c.index <= end)


def chars_between(fd: int, start: int, end: int) -> int:
    """The characters of UTF-8 in the bytes ``[start, end)`` of ``fd``, read a megabyte at a time."""
    n = 0
    while start < end:
        piece = os.pread(fd, min(1 << 20, end - start), start)
        if not piece:
            break
        n += len(piece.translate(None, _CONT))
        start += len(piece)
    return n


def count_lines(fd: int, end: int) -> int:
    """The line feeds in the first ``end`` bytes of ``fd`` (the 0-based line of byte ``end``)."""
    n, start = 0, 0
    while start < end:
        piece = os.pread(fd, min(1 << 20, end - start), start)
        if not piece:
            break
        n += piece.count(b"\n")
        start += len(piece)
    return n


class RunFinder:
    """Fed a file's bytes a piece at a time (:meth:`feed`), the runs to cut (:meth:`cuts`)."""

    def __init__(self, max_text: int) -> None:
        self.head = 4 * (max_text + 2)  # bytes handed over of a run: more than max_text characters
        self._open: tuple[int, bool] | None = None  # where the run the last piece ends in starts; and if kept
        self._hash = False  # a '#' on the line the last piece ends in
        self._found: list[tuple[int, int]] = []
        self._at = 0

    def _keep(self, piece: bytes, rel: int) -> bool:
        """Whether the run starting at ``piece[rel]`` may be cut: no '#' before it on its line, and not an
        anchor's, an alias's, a tag's or a directive's name."""
        if piece[rel] in _NOT_SCALAR:
            return False
        nl = piece.rfind(b"\n", 0, rel)
        hashed = piece.find(b"#", nl + 1, rel) >= 0 or (nl < 0 and self._hash)
        return not hashed

    def _close(self, start: int, end: int, keep: bool) -> None:
        if keep and end - start > self.head:
            self._found.append((start + self.head, end))

    def feed(self, piece: bytes) -> None:
        off, n = self._at, len(piece)
        self._at += n
        if not n:
            return
        t = piece.translate(_RUN)
        lead = n - len(t.lstrip(b"w"))
        if lead == n:  # the piece is all one run
            if self._open is None:
                self._open = (off, self._keep(piece, 0))
            return
        if self._open is not None:
            self._close(self._open[0], off + lead, self._open[1])
            self._open = None
        elif lead:  # a run starting with this piece
            self._close(off, off + lead, self._keep(piece, 0))
        tail = n - len(t.rstrip(b"w"))
        if n - tail - lead > self.head:  # a long run inside the piece: only with a small max_text
            for m in re.finditer(rb"(?<!w)w{%d,}" % (self.head + 1), t[:n - tail]):
                if m.start() < lead:
                    continue
                self._close(off + m.start(), off + m.end(), self._keep(piece, m.start()))
        if tail:
            self._open = (off + n - tail, self._keep(piece, n - tail))
        nl = piece.rfind(b"\n")
        self._hash = piece.find(b"#", nl + 1) >= 0 or (nl < 0 and self._hash)

    def cuts(self, fd: int, skip: int) -> Cuts:
        """The cuts found, once the file is fed whole (``fd`` read again for the characters each leaves out
        and where; ``skip``: the bytes of a byte-order mark, which the parser does not count)."""
        if self._open is not None:
            self._close(self._open[0], self._at, self._open[1])
            self._open = None
        out = Cuts()
        handed = 0  # the characters handed to the parser before the cut
        done = skip
        for start, end in self._found:
            while start < end and os.pread(fd, 1, start)[0] in _CONT:  # a character is handed over whole
                start += 1
            if start >= end:
                continue
            handed += chars_between(fd, done, start)
            out.items.append(Cut(start, end, chars_between(fd, start, end), handed))
            done = end
        return out
