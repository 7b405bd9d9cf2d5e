"""The bounds every reader keeps, and reading a file within them.

Every file a user hands the tool (scenario, constitution, Popolo, OCD, CSV) is opened as
:func:`read_bytes_file` opens it (YAML and CSV by :func:`whipcount.io.streamed.open_checked`, which hands it
on a megabyte at a time): it must be a regular file (not a directory, FIFO, device or socket), readable,
and no larger than :attr:`Limits.max_bytes` (64 MB unless ``WHIPCOUNT_MAX_INPUT_MB`` says otherwise).
The parsers then keep the other bounds: nesting depth, YAML aliases and how far they expand, the
number of nodes, the digits of a number, the characters of one key or value (of one line of a CSV), and
how many items any one list (or mapping) may hold: each list a
format names has its own cap (``MAX_MEMBERS`` ...), written on the field of its schema (``max_length``), and
a list no schema names may hold :attr:`Limits.max_items`. Each refusal is one line naming the file and what
was found, and comes while the file is read, before anything is built from it.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from whipcount.errors import InputError
from whipcount.model.ids import did_you_mean, nearest

__all__ = [
    "file_on_the_way",
    "megabytes",
    "opened_input",
    "DEFAULT_MAX_MB",
    "MAX_DESCRIPTION",
    "MAX_EVENTS",
    "MAX_EXTRA_KEY",
    "MAX_MEMBERS",
    "MAX_MOTIONS",
    "MAX_NAME",
    "MAX_NOTE",
    "MAX_NOTES",
    "MAX_PARTIES",
    "MAX_ROWS",
    "MAX_SEATS",
    "MAX_SIDES",
    "MAX_SOURCES",
    "MAX_STANCES",
    "MAX_URL",
    "MAX_WINDOW_DAYS",
    "Limits",
    "check_source_url",
    "check_web_url",
    "default_limits",
    "read_by_this_command",
    "remember_read",
    "read_text_file",
    "remembering_reads",
    "one_of",
    "unknown",
    "quoted",
    "shorten",
]

DEFAULT_MAX_MB = 64
MB = 1024 * 1024

# How many of each thing one file (or request) may list: a wide margin above real use. The largest chamber
# has about 3,000 members (China's National People's Congress, 2,977 seats); the largest parliament in
# ParlGov (844 elections in 37 countries, 1900-2023) has 736 seats and 20 parties; the bundled cases list
# at most 33 members, 27 events, 46 stances, 14 parties, 3 sides and 7 sources on one item.
MAX_MEMBERS = 20_000  # members (Popolo persons), a division's named votes, an event's members
MAX_PARTIES = 1_000  # parties (Popolo organizations), an event's or a coalition's parties, a vote's candidates
MAX_SIDES = 100  # a chamber's sides, a party's seats by side
MAX_EVENTS = 100_000  # events in a log (Popolo memberships and events)
MAX_STANCES = 100_000  # stances on one motion
MAX_MOTIONS = 10_000  # motions (Popolo motions, vote events and events), a division's adjudications
MAX_SOURCES = 1_000  # the sources of one item; identifiers and other names of one person or party
MAX_NOTES = 10_000  # any other list: key dates, notes, a constitution's motions, bars, seats by year
MAX_ROWS = 100_000  # rows of a CSV
MAX_SEATS = 100_000  # seats of a chamber, and so of anything that counts its seats (a party, an event, a stance)
# Days a motion's window may run from its filing or moving (a constitution's min_days and max_days): a hundred
# years. The longest in the bundled profiles is a few weeks; a day count past the calendar's end (9999) was
# refused only when a command worked out the date, with a traceback.
MAX_WINDOW_DAYS = 36_525

# How long one piece of free text may be, in a file or a request (the bundled cases' longest: a note of 1,463
# characters, a description of 1,170, a quote of 482, a name of 105, an address of 159).
MAX_NOTE = 2_000  # a note (why), a summary, a quote, a reason, an event's extra, an item of unverified
MAX_NAME = 500  # a name (chamber, party, member, speaker), a short name, a constituency, a title, a motion's
#                 target or successor, who decided (an event's or an adjudication's by), a key date's label
MAX_URL = 1_000  # a source: its address, or a citation in words
MAX_DESCRIPTION = 20_000  # a scenario's description
MAX_EXTRA_KEY = 100  # the name of one of an event's extras


@dataclass(frozen=True, slots=True)
class Limits:
    """How much of anything a reader accepts."""

    max_bytes: int = DEFAULT_MAX_MB * MB  # file size, and text size for text handed in directly
    max_depth: int = 64  # nesting of mappings and sequences
    max_aliases: int = 1_000  # YAML aliases (*name) in one document
    max_nodes: int = 5_000_000  # values in one YAML or JSON document, aliases counted as what they stand for
    max_digits: int = 100  # digits of one number
    max_items: int = 100_000  # items of one list or mapping that no schema names (every named list has its own cap)
    max_alias_values: int = 100_000  # values all the YAML aliases of a document stand for, together
    max_text: int = 1_000_000  # characters of one key or value of a YAML or JSON file, one line of a CSV


def default_limits() -> Limits:
    """The limits, with the size cap taken from ``WHIPCOUNT_MAX_INPUT_MB`` when it is set."""
    raw = os.environ.get("WHIPCOUNT_MAX_INPUT_MB", "").strip()
    if not raw:
        return Limits()
    try:
        mb = float(raw)
    except ValueError:
        raise InputError(f"WHIPCOUNT_MAX_INPUT_MB: expected a number of megabytes, got {shorten(raw)!r}") from None
    if not 0 < mb <= 1_000_000:
        raise InputError(f"WHIPCOUNT_MAX_INPUT_MB: expected a number of megabytes above 0, got {shorten(raw)!r}")
    return Limits(max_bytes=int(mb * MB))


def shorten(value: object, width: int = 60) -> str:
    """``value`` as text, cut to ``width`` characters with "…" so an error never echoes a whole file."""
    text = value if isinstance(value, str) else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


def quoted(value: object, width: int = 80) -> str:
    """``value`` quoted as an error shows it (``repr``), cut to ``width`` characters first: an error never
    carries a whole submitted value back (docs/web.md: "cuts any other value it quotes to 80 characters")."""
    return repr(shorten(value, width)) if isinstance(value, str) else shorten(repr(value), width)


def one_of(value: str, allowed: Iterable[str]) -> str:
    """``value`` quoted (cut as :func:`quoted` cuts it), then every value ``allowed``, never cut, and the
    nearest of them when one is close: ``'deathh' (expected one of: by-election, ...); did you mean 'death'?``."""
    listed = list(allowed)
    return f"{quoted(value)} (expected one of: {', '.join(listed)}){did_you_mean(value, listed, MAX_EXTRA_KEY)}"


def unknown(what: str, value: str, known: Iterable[str], *, listed: str = "known") -> str:
    """An id that names nothing known, with the known ids (``listed``, their label, "" to leave the list out:
    a file's 20,000 members) and the nearest when one is close: ``unknown party 'pti2' (known by then: mqm-p,
    pml-n, pti); did you mean 'pti'?``."""
    ids = sorted(known)
    shown = f" ({listed}: {', '.join(ids)})" if listed else ""
    return f"unknown {what} {quoted(value)}{shown}{did_you_mean(value, ids, MAX_EXTRA_KEY)}"


def unknown_reference(what: str, value: str, known: Iterable[str]) -> str:
    """A reference inside an interchange file (a Popolo membership's person or party, an area, a vote's
    voter) that names nothing in it, with the nearest id when one is close. Such ids often share a prefix
    (``party/red``, ``party/blue``): they are compared on what follows the last ``/``, so that the prefix
    alone never makes one look close (``party/pti2`` is not near ``party/red``). The ids are not listed: a
    bundle may have 20,000 persons."""
    by_tail: dict[str, str] = {}
    for k in known:
        by_tail.setdefault(k.rpartition("/")[2], k)
    near = nearest(value.rpartition("/")[2], by_tail, MAX_EXTRA_KEY)
    hint = f"; did you mean {by_tail[near]!r}?" if near is not None else ""
    return f"unknown {what} {quoted(value)}{hint}"


def megabytes(n: int) -> str:
    return f"{n / MB:.1f} MB" if n < 10 * MB else f"{n // MB} MB"


_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind_of(mode: int) -> str:
    for test, words in _KINDS:
        if test(mode):
            return words
    return "not a regular file"


def file_on_the_way(path: str | Path) -> Path | None:
    """The first of ``path``'s folders, as written, that is a file and not a folder (``case.csv`` of
    ``case.csv/x.json``), or None: the system says only "Not a directory"."""
    way = Path()
    for part in Path(path).parent.parts:  # an absolute path's first part is its root, "/"
        way /= part
        if os.path.lexists(way) and not way.is_dir():
            return way
    return None


def _open_error(p: Path, exc: OSError, what: str) -> InputError:
    if exc.errno == errno.ENOTDIR and (way := file_on_the_way(p)) is not None:
        return InputError(f"{p}: {way} is a file, not a folder; expected a {what} file in a folder")
    if exc.errno == errno.ENOENT:
        return InputError(f"{p}: no such file")
    if exc.errno == errno.ELOOP:
        return InputError(f"{p}: symbolic link loop (the link points back to itself), expected a {what} file")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return InputError(f"{p}: permission denied (cannot read the file)")
    if exc.errno == errno.EISDIR:
        return InputError(f"{p}: is a directory, expected a {what} file")
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(f"{shorten(str(p))}: file name too long")
    return InputError(f"{p}: cannot read ({exc.strerror or exc})")


def _check_stat(p: Path, st: os.stat_result, what: str, limits: Limits) -> None:
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{p}: is a directory, expected a {what} file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{p}: is not a regular file ({_kind_of(st.st_mode)}), expected a {what} file")
    if st.st_size > limits.max_bytes:
        raise InputError(f"{p}: too large: {megabytes(st.st_size)}, limit {megabytes(limits.max_bytes)} "
                         "(set WHIPCOUNT_MAX_INPUT_MB to raise it)")


_READ: ContextVar[dict[tuple[int, int], str] | None] = ContextVar("whipcount_files_read", default=None)


@contextmanager
def remembering_reads() -> Iterator[None]:
    """Within: every file a reader opens is remembered (its device and inode, with the name it was read by),
    so that :func:`read_by_this_command` can say an output would replace an input. A command runs within."""
    token = _READ.set({})
    try:
        yield
    finally:
        _READ.reset(token)


def remember_read(path: str | Path) -> None:
    """Count ``path`` among the files this command reads (a database file it opens through its driver, not
    through :func:`read_bytes_file`), so that no output replaces it; nothing when it is not there yet."""
    seen = _READ.get()
    if seen is None:
        return
    try:
        st = os.stat(path)
    except OSError:
        return
    seen.setdefault((st.st_dev, st.st_ino), str(path))


def read_by_this_command(st: os.stat_result) -> str | None:
    """The name a file (given by its ``stat``) was read by within :func:`remembering_reads`, or None."""
    seen = _READ.get()
    return None if seen is None else seen.get((st.st_dev, st.st_ino))


@contextmanager
def opened_input(path: str | Path, what: str, limits: Limits) -> Iterator[tuple[int, os.stat_result]]:
    """``path`` opened to read without blocking (a FIFO never waits for a writer), checked on the open
    descriptor (a regular file within the size cap: a file swapped after the check is still caught) and
    remembered among the files this command reads: its descriptor and ``stat``, closed on the way out. An
    OSError opening or reading it is an InputError saying why."""
    p = Path(path)
    try:
        fd = os.open(p, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _open_error(p, exc, what) from None
    try:
        try:
            st = os.fstat(fd)
            _check_stat(p, st, what, limits)
            seen = _READ.get()
            if seen is not None:
                seen.setdefault((st.st_dev, st.st_ino), str(p))
            yield fd, st
        except OSError as exc:
            raise _open_error(p, exc, what) from None
    finally:
        os.close(fd)


def read_bytes_file(path: str | Path, what: str, limits: Limits | None = None) -> bytes:
    """The bytes of a regular file within the size cap (:func:`opened_input`), or an InputError saying why
    not; at most the cap plus one byte is read."""
    lim = limits or default_limits()
    p = Path(path)
    with opened_input(p, what, lim) as (fd, st):
        # the whole file in one read, one byte past its size to see it grown: pieces joined held the file twice
        chunks = [os.read(fd, min(st.st_size, lim.max_bytes) + 1)]
        total = len(chunks[0])
        while total <= lim.max_bytes and chunks[-1]:
            chunks.append(os.read(fd, min(MB, lim.max_bytes + 1 - total)))
            total += len(chunks[-1])
    data = chunks[0] if not any(chunks[1:]) else b"".join(chunks)
    del chunks
    if len(data) > lim.max_bytes:
        raise InputError(f"{p}: too large: over {megabytes(lim.max_bytes)} "
                         "(set WHIPCOUNT_MAX_INPUT_MB to raise it)")
    return data


def decode_text(data: bytes, name: str) -> str:
    """UTF-8 text (a byte-order mark is dropped), or an InputError naming the line of the bad byte. A file
    saved as UTF-16 is said to be one; so is a NUL byte, which no text file holds (UTF-16 without its mark
    has one in every other byte of Latin text: a CSV's columns were then listed with a NUL between letters,
    a YAML file was refused at "position 1" of "<unicode string>")."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(f"{name}:1: not UTF-8 text: the file starts with UTF-16's byte-order mark; save the file "
                         "as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{name}:{line}: not UTF-8 text (byte {exc.start}: "
                         f"0x{data[exc.start]:02x}); save the file as UTF-8") from None
    if (nul := data.find(b"\x00")) >= 0:
        line = data.count(b"\n", 0, nul) + 1
        raise InputError(f"{name}:{line}: not text: a NUL byte (byte {nul}: 0x00), which no text file holds (one "
                         "saved as UTF-16 has them between its letters); save the file as UTF-8")
    return text


def read_text_file(path: str | Path, what: str, limits: Limits | None = None) -> str:
    """The UTF-8 text of a regular file within the size cap (see :func:`read_bytes_file`)."""
    return decode_text(read_bytes_file(path, what, limits), str(path))


def check_text_size(text: str, name: str, limits: Limits) -> None:
    """Refuse text handed in directly (a web form, a string) that is larger than the cap."""
    if len(text) > limits.max_bytes:
        raise InputError(f"{name}: too large: over {megabytes(limits.max_bytes)} of text "
                         "(set WHIPCOUNT_MAX_INPUT_MB to raise it)")


UNSAFE_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
# what str.isspace() calls a space, every code point of it (both ask Py_UNICODE_ISSPACE), found without a
# Python step per character: a scenario's 165 addresses took 1 ms as a generator over their characters
_SPACE = re.compile(r"\s")


def check_source_url(url: str) -> str:
    """A source is a citation or a web address, never a script: refuse schemes a browser would run."""
    if url.strip().lower().replace(" ", "").startswith(UNSAFE_SCHEMES):
        raise ValueError(f"expected an http(s) address or a citation, got {shorten(url, 40)!r}")
    return url


def web_url_problem(url: str) -> str | None:
    """What is wrong with ``url`` as a web address (http or https, a host with a dot, no spaces), or None."""
    if not url.lower().startswith(("http://", "https://")):
        return "expected an http:// or https:// address"
    if _SPACE.search(url) is not None or not url.isprintable():
        return "expected an address without spaces or line breaks"
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return "expected a well-formed address"
    if "." not in host.strip("."):
        return "expected an address with a host name (such as www.dawn.com)"
    return None


def check_web_url(url: str) -> str:
    """``url`` when it is a web address (see :func:`web_url_problem`), else a ValueError saying why."""
    problem = web_url_problem(url)
    if problem is not None:
        raise ValueError(f"{problem}, got {shorten(url, 60)!r}")
    return url
