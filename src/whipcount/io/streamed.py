"""A file handed to a parser a piece at a time, never whole in memory: for the YAML readers.

:func:`open_checked` opens a file as :func:`whipcount.io.limits.read_bytes_file` does (a regular file within
the size cap), then reads it once a megabyte at a time to check that it is UTF-8 text (the same refusals,
in the same words, as :func:`whipcount.io.limits.decode_text`) and to count the marks that can start a value
(:func:`value_bound`), and hands it back from its start. A parser reading from it holds a piece of the file
at a time, where the text read whole held the file's bytes, its text and the parser's copy together (a
scenario file of one 40 MB value took 215 MB before it was refused).
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path

from whipcount.errors import InputError
from whipcount.io.limits import MB, Limits, megabytes, opened_input
from whipcount.io.long_blocks import HeaderFinder, long_block
from whipcount.io.long_runs import Cuts, RunFinder, chars_between, count_lines

__all__ = ["MARKS", "CheckedFile", "bytes_pieces", "check_utf8", "continued_entries", "open_checked", "value_bound",
           "values_at_least"]

MARKS = "-:,?[{."
"""The characters counted as a YAML file is checked (:func:`value_bound`, :func:`values_at_least`)."""


def value_bound(marks: dict[str, int], limits: Limits) -> int:
    """At most how many values (each key, scalar, list and mapping) a YAML text holding ``marks`` (how many
    of each of :data:`MARKS`) can hold. Every value but the document's follows one of ``- : , ? [ {`` (a
    list's item its ``-``, ``[`` or ``,``; a mapping's key and value a ``:``, ``?`` or a flow mapping's ``{``
    or ``,``), and one of them starts at most three (``[a: b]``: a mapping, its key and its value); the
    aliases add what they stand for, at most :attr:`~whipcount.io.limits.Limits.max_alias_values`."""
    return 1 + 3 * sum(marks[c] for c in "-:,?[{") + limits.max_alias_values


def values_at_least(events: int, marks: dict[str, int], entries: int = 0) -> int:
    """At least how many values a YAML text holding ``marks`` holds when libyaml parses ``events`` events
    from it. The events are the stream's start and end, each document's start and end, one for each scalar
    and alias and two for each list and mapping; the values are at least one for each scalar, alias, list
    and mapping, so the events less two for each document and one for each list and mapping. A document
    past the first starts with ``---`` or follows a ``...``; a block list starts at a ``-``, a block mapping
    at a ``:`` or ``?``, a flow one at a ``[`` or ``{``, and a flow list's item ``a: b`` or ``? a`` is a
    mapping of its own: so no more documents than one and a third of the dashes and dots, no more lists and
    mappings than the dashes and brackets and twice the colons and question marks. Of the dashes, the
    ``entries`` that continue the list of the line before (:func:`continued_entries`) open none."""
    dashes = marks["-"] - entries
    documents = 1 + (dashes + marks["."]) // 3
    collections = dashes + marks["["] + marks["{"] + 2 * (marks[":"] + marks["?"])
    return events - 2 - 2 * documents - collections


# the line breaks YAML reads besides a line feed: a carriage return not before one, NEL, LS and PS in UTF-8
_OTHER_BREAKS = (b"\xc2\x85", b"\xe2\x80\xa8", b"\xe2\x80\xa9")


def continued_entries(pieces: Iterable[bytes]) -> int:
    """How many lines of a YAML text (its UTF-8, in ``pieces``) are an entry of a block list (``- ``, spaces
    before it) that follows, past blank lines and comments, an entry at the same column: an entry of the
    same list, never the first of a list. (A new list starts where a value is awaited: after a key, at a
    deeper column than the entry before, after another dash on its line; a line of text inside a scalar that
    starts with ``- `` is followed at its column by text of the same scalar.) A text that breaks lines other
    than with a line feed, or has a tab before its first mark, counts fewer. The lines are read a piece at a
    time, each with numpy's steps."""
    import numpy as np  # only for a file whose dashes could hold more values than the bound

    count, tail = 0, b""
    last_col, last_entry = -1, False  # the last line with content before the piece: its column, an entry?
    for piece in chain(pieces, (b"\n",)):  # the last line ended
        data = tail + piece
        cut = data.rfind(b"\n") + 1
        data, tail = data[:cut], data[cut:]
        if not data:
            continue
        if data.count(b"\r") != data.count(b"\r\n") or any(b in data for b in _OTHER_BREAKS):
            return 0
        a = np.frombuffer(data, dtype=np.uint8)
        ends = np.flatnonzero(a == 10)
        starts = np.concatenate(([0], ends[:-1] + 1))
        marks = np.flatnonzero(a != 32)  # each line's line feed is one: every line has a first
        first = marks[np.searchsorted(marks, starts)]
        ch, after = a[first], a[np.minimum(first + 1, len(a) - 1)]
        content = (ch != 10) & (ch != 13) & (ch != ord("#"))
        entry = (ch == ord("-")) & ((after == 32) | (after == 9) | (after == 10) | (after == 13))
        col, entry = (first - starts)[content], entry[content]
        if not len(col):
            continue
        prev_col = np.concatenate(([last_col], col[:-1]))
        prev_entry = np.concatenate(([last_entry], entry[:-1]))
        count += int(np.count_nonzero(entry & prev_entry & (col == prev_col)))
        last_col, last_entry = int(col[-1]), bool(entry[-1])
    return count


class CheckedFile:
    """A file checked as UTF-8 text, read by a parser from its start: ``read`` gives bytes and refuses a file
    grown past the size cap since it was checked."""

    def __init__(self, fd: int, name: str, limits: Limits) -> None:
        self.fd = fd
        self.name = name
        self.limits = limits
        self.marks = dict.fromkeys(MARKS, 0)  # how many of each of MARKS (see value_bound)
        self.cuts = Cuts()  # the middles of runs left out (see whipcount.io.long_runs)
        self._read = 0
        self._next = 0  # the next cut

    def read(self, size: int = -1) -> bytes:
        want = MB if size is None or size < 0 else size
        while self._next < len(self.cuts.items):  # at a cut, on past it; before one, up to it
            cut = self.cuts.items[self._next]
            at = os.lseek(self.fd, 0, os.SEEK_CUR)
            if at < cut.start:
                want = min(want, cut.start - at)
                break
            os.lseek(self.fd, cut.end, os.SEEK_SET)
            self._next += 1
        chunk = os.read(self.fd, want)
        self._read += len(chunk)
        if self._read > self.limits.max_bytes:
            raise InputError(f"{self.name}: too large: over {megabytes(self.limits.max_bytes)} "
                             "(set WHIPCOUNT_MAX_INPUT_MB to raise it)")
        return chunk

    def rewind(self) -> None:
        """Back to the file's start, for another reading."""
        os.lseek(self.fd, 0, os.SEEK_SET)
        self._read = 0
        self._next = 0

    def check_text(self, cut_runs: bool = False) -> None:
        """Read the file through once: it must be UTF-8 text without a NUL byte (see :func:`check_utf8`);
        :attr:`marks` are counted on the way, and (``cut_runs``, for YAML) the runs of one value to cut found
        (:attr:`cuts`, :mod:`whipcount.io.long_runs`). Then back to its start."""
        runs = RunFinder(self.limits.max_text)
        headers = HeaderFinder()

        def pieces() -> Iterator[bytes]:
            for piece in iter(lambda: self.read(MB), b""):
                if cut_runs:
                    runs.feed(piece)
                    headers.feed(piece)
                yield piece

        self.marks = check_utf8(pieces(), self.name)
        self.rewind()
        if cut_runs:
            skip = 3 if os.pread(self.fd, 3, 0) == codecs.BOM_UTF8 else 0
            self.cuts = runs.cuts(self.fd, skip)
            self._cut_block(headers.found, skip)

    def _cut_block(self, headers: list[int], skip: int) -> None:
        """Leave out the middle of the first block scalar long enough to be refused (see
        :mod:`whipcount.io.long_blocks`), with the runs cut (:attr:`cuts`) before it."""
        size = os.fstat(self.fd).st_size
        for indicator in headers:
            block = long_block(self.fd, size, indicator, self.limits.max_text)
            if block is None:
                continue
            if self._starts_block(indicator, block.seen):
                cut = block.cut(self.fd)
                kept = [c for c in self.cuts.items if not cut.start <= c.start < cut.end]
                before = [c for c in kept if c.start < cut.start]
                cut.index = chars_between(self.fd, skip, cut.start) - sum(c.chars for c in before)
                self.cuts = Cuts([*before, cut, *kept[len(before):]])
            return

    def _starts_block(self, indicator: int, end: int) -> bool:
        """Whether libyaml, handed this file to byte ``end`` (the runs cut), starts a block scalar on the line
        of byte ``indicator``."""
        import yaml

        line = count_lines(self.fd, indicator)
        self.rewind()
        try:
            for ev in yaml.parse(_Upto(self, end), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
                mark = ev.start_mark
                if mark is not None and mark.line > line:
                    return False
                if isinstance(ev, yaml.ScalarEvent) and ev.style in ("|", ">") and mark is not None \
                        and mark.line == line:
                    return True
        except yaml.YAMLError:
            return False
        finally:
            self.rewind()
        return False


class _Upto:
    """A checked file's bytes as it hands them on (its cuts left out), up to the byte ``end`` of the file."""

    def __init__(self, source: CheckedFile, end: int) -> None:
        self.source = source
        self.end = end

    def read(self, size: int = -1) -> bytes:
        at = os.lseek(self.source.fd, 0, os.SEEK_CUR)
        if at >= self.end:
            return b""
        piece = self.source.read(size)
        return piece[:max(0, self.end - at)] if at + len(piece) > self.end else piece


def check_utf8(pieces: Iterator[bytes], name: str) -> dict[str, int]:
    """Refuse the text of ``pieces`` (a file's bytes, in order) as :func:`~whipcount.io.limits.decode_text`
    refuses it, in its words, without holding more than a piece: a UTF-16 byte-order mark, a byte that is not
    UTF-8, a NUL byte. How many of each of the characters :data:`MARKS` it holds (see :func:`value_bound`)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    first = next(pieces, b"")
    if first.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}:1: not UTF-8 text: the file starts with UTF-16's byte-order mark; save the file "
                         "as UTF-8")
    skip = 3 if first.startswith(codecs.BOM_UTF8) else 0  # a bad byte's place is counted after the mark
    chunk, done, lines, marks = first[skip:], 0, 0, dict.fromkeys(MARKS, 0)
    nul: tuple[int, int] | None = None
    while True:
        for c in MARKS:
            marks[c] += chunk.count(c.encode())
        if nul is None and (at := chunk.find(b"\x00")) >= 0:
            nul = (skip + done + at, lines + chunk.count(b"\n", 0, at) + 1)
        held = decoder.getstate()[0]  # the end of the piece before, a character not yet whole
        try:
            decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as exc:  # exc.object is what was held, then this piece
            at = done - len(held) + exc.start
            line = lines + exc.object.count(b"\n", 0, exc.start) + 1  # what was held has no line end
            raise InputError(f"{name}:{line}: not UTF-8 text (byte {at}: 0x{exc.object[exc.start]:02x}); save the "
                             "file as UTF-8") from None
        if not chunk:
            break
        done += len(chunk)
        lines += chunk.count(b"\n")
        chunk = next(pieces, b"")
    if nul is not None:
        raise InputError(f"{name}:{nul[1]}: not text: a NUL byte (byte {nul[0]}: 0x00), which no text file holds "
                         "(one saved as UTF-16 has them between its letters); save the file as UTF-8")
    return marks


def bytes_pieces(data: bytes) -> Iterator[bytes]:
    """``data`` a megabyte at a time (for :func:`check_utf8`)."""
    for at in range(0, len(data), MB):
        yield data[at:at + MB]


@contextmanager
def open_checked(path: str | Path, what: str, limits: Limits, *, yaml: bool = False) -> Iterator[CheckedFile]:
    """``path`` opened as :func:`~whipcount.io.limits.read_bytes_file` opens a file (without blocking, checked
    on the open descriptor, remembered among the files this command reads), checked as UTF-8 text
    (:meth:`CheckedFile.check_text`; with ``yaml``, the middles of its long runs found to be left out) and
    handed back from its start; closed on the way out."""
    with opened_input(path, what, limits) as (fd, _):
        checked = CheckedFile(fd, str(path), limits)
        checked.check_text(cut_runs=yaml)
        yield checked
