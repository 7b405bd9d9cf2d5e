"""Where a part of an input file was read, worked out only when a message shows it."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["Place"]


class Place:
    """``FILE:LINE: path`` of a part of an input file, found the first time it is shown (``str``).

    An import names the place of every event it builds, and nearly all of them are never shown: finding
    each one's line in a large JSON file up front took a fifth of importing a Popolo bundle of 50,000
    memberships. A place equals another place or a string with the same text.
    """

    __slots__ = ("_find", "_text")

    def __init__(self, find: Callable[[], str]) -> None:
        self._find: Callable[[], str] | None = find
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            assert self._find is not None  # set until the text is found, then let go
            self._text, self._find = self._find(), None
        return self._text

    def __repr__(self) -> str:
        return repr(str(self))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Place | str):
            return str(self) == str(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))
