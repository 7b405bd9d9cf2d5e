"""A ``--json`` document whose array is written as it is found, and is always a whole document.

``whipcount coalitions --json`` may list more coalitions than memory holds (1.3e11 for 40 equal players at
quota 21), so its array cannot wait for the end. :func:`stream_json` holds the document until it reaches
:data:`STREAM_AFTER` characters and writes it whole, so that an error leaves standard output empty, as every
command's does. Past that it writes each item as it comes, and whatever stops it then still ends the document:
an error of the search, ``MemoryError``, Ctrl-C (SIGINT) or ``kill``/``timeout`` (SIGTERM) closes the array and
adds ``"truncated": true`` and ``"error"``, then the error is raised (status 1, and the one-line error on
standard error). A signal is taken between two items, never in the middle of a write, which would leave half a
line; a second Ctrl-C stops at once. Only a reader that closes the pipe (nothing to finish) or SIGKILL ends
the document short.
"""

from __future__ import annotations

import json
import signal
from collections.abc import Iterator
from types import FrameType
from typing import Any

import click

from whipcount.cli.app import ReaderGone

__all__ = ["STREAM_AFTER", "stream_json"]

STREAM_AFTER = 1 << 20
"""Characters held before the document streams: 1 MiB, which the default ``--limit`` of 50 never nears."""


def stream_json(head: dict[str, Any], key: str, items: Iterator[dict[str, Any]], limit: int) -> None:
    """``head`` with ``key``: the array of ``items`` (one a line, at most ``limit``; 0: all), then
    ``truncated`` (whether more were found than ``limit``)."""
    held = [json.dumps(head, indent=2, ensure_ascii=False)[:-2] + f',\n  {json.dumps(key)}: [']  # without "\n}"
    size = len(held[0])
    truncated = streaming = done = False
    signals = _Signals()
    try:
        for n, item in enumerate(items, start=1):
            if limit and n > limit:
                truncated = True
                break
            line = ("\n    " if n == 1 else ",\n    ") + json.dumps(item, ensure_ascii=False)
            if streaming:
                _write(line)
            else:
                held.append(line)
                size += len(line)
                if size > STREAM_AFTER:
                    signals.arm()  # from the first write on, a signal waits for the next item
                    _write("".join(held))
                    held, streaming = [], True
            signals.check()
        signals.arm()
        _write("".join(held) + f'\n  ],\n  "truncated": {json.dumps(truncated)}\n}}\n')
        done = True
    except (Exception, KeyboardInterrupt) as exc:
        if streaming and not done and not isinstance(exc, BrokenPipeError | ReaderGone):
            end = {"truncated": True, "error": _words(exc)}
            _write("\n  ],\n" + json.dumps(end, indent=2, ensure_ascii=False)[2:] + "\n")
        raise
    finally:
        signals.restore()
    signals.check()  # a signal during the last write: the document is whole, and the command stops all the same


CHUNK = 1024
"""Characters a write takes at most: at most 4,096 bytes of UTF-8, which a pipe takes whole or not at all
(PIPE_BUF), so a signal never lands inside one. A larger write that a signal interrupts midway loses the
rest of its text in Python's buffered writer (1 MiB held, a signal after 10 lines read: 131,076 bytes came
out)."""


def _write(text: str) -> None:
    for at in range(0, len(text), CHUNK):
        click.echo(text[at:at + CHUNK], nl=False)


def _words(exc: BaseException) -> str:
    """What stopped the document, as the one-line error on standard error says it."""
    if isinstance(exc, KeyboardInterrupt):
        return "aborted"
    if isinstance(exc, MemoryError):
        return "out of memory"
    return " ".join(str(exc).split()) or type(exc).__name__


class _Signals:
    """SIGINT and SIGTERM, once armed, noted and raised as ``KeyboardInterrupt`` by :meth:`check`."""

    def __init__(self) -> None:
        self.caught: int | None = None
        self.saved: dict[int, Any] = {}

    def arm(self) -> None:
        if self.saved or self.caught is not None:
            return  # armed already, or a signal came: the next one acts at once
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                self.saved[sig] = signal.signal(sig, self._note)
            except ValueError:  # not the main thread: signals reach only it, and nothing here can catch them
                return

    def _note(self, signum: int, frame: FrameType | None) -> None:
        self.caught = signum
        self.restore()  # a second signal acts at once

    def restore(self) -> None:
        for sig, handler in self.saved.items():
            signal.signal(sig, handler)
        self.saved.clear()

    def check(self) -> None:
        if self.caught is not None:
            raise KeyboardInterrupt
