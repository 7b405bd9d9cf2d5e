"""Where a part of an input file was read, worked out only when a message shows it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

__all__ = ["Fields", "Place"]


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


class Fields:
    """Where the fields of one part of an input file were read: ``fields.at("kind")`` is ``s.yaml:12:
    motion.kind``, the field's own line (a motion keeps one, for the errors of a command that meets its kind or
    round only later, on a date its rules do not cover). ``whole`` is the part's own place; a field not given
    its own is named after it (``s.yaml:10: motion.note``)."""

    __slots__ = ("_fields", "_whole")

    def __init__(self, whole: str | Place, fields: Mapping[str, str | Place]) -> None:
        self._whole = whole
        self._fields = dict(fields)

    def at(self, name: str) -> str:
        """``FILE:LINE: path.name`` of the field ``name``."""
        found = self._fields.get(name)
        return str(found) if found is not None else f"{self._whole}.{name}"

    def __repr__(self) -> str:
        return f"Fields({str(self._whole)!r})"
