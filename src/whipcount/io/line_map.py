"""The line of every path a YAML reader read, kept compactly: a list's items by one number each, a mapping's
keys in one dict for the mapping.

The line of each value of a file is what lets an error name it (``s.yaml:12: events[3].party``). Kept as a
dict of paths, each item of a list took its own path (a tuple) and an entry of the dict, about 140 bytes for
a value of two characters: a file of 4,900,000 members of events, within every list's cap, held 680 MB of
lines beside 370 MB of values. :class:`LineMap` keeps the lines of a list's items as one array of numbers
for the list (four bytes an item), those of a mapping's keys in a dict for the mapping (no path each); a
list or mapping as it opens by its path. It reads as a mapping of every path to its line.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

__all__ = ["LineMap", "Loc"]

Loc = tuple[str | int, ...]


class LineMap(Mapping[Loc, int]):
    """Each path's 1-based line: ``paths`` as given (:meth:`__setitem__`), then the items of each list in
    order (:meth:`add_item`). A path given both ways reads as given."""

    __slots__ = ("_at", "_items", "_keys")

    def __init__(self, paths: Mapping[Loc, int] | None = None) -> None:
        self._at: dict[Loc, int] = dict(paths or {})
        self._items: dict[Loc, array[int]] = {}  # a list's path -> the line of each of its items, in order
        self._keys: dict[Loc, dict[str | int, int]] = {}  # a mapping's path -> the line of each of its keys

    def __getitem__(self, loc: Loc) -> int:
        found = self._at.get(loc)
        if found is not None:
            return found
        if not loc:
            raise KeyError(loc)
        keys = self._keys.get(loc[:-1])
        if keys is not None and loc[-1] in keys:
            return keys[loc[-1]]
        if type(loc[-1]) is int:
            lines = self._items.get(loc[:-1])
            if lines is not None and 0 <= loc[-1] < len(lines):
                return lines[loc[-1]]
        raise KeyError(loc)

    def __setitem__(self, loc: Loc, line: int) -> None:
        self._at[loc] = line

    def setdefault(self, loc: Loc, line: int) -> int:
        """``loc``'s line, given ``line`` when it has none."""
        return self._at.setdefault(loc, line) if loc not in self else self[loc]

    def add_item(self, loc: Loc, line: int) -> None:
        """The line of the next item of the list at ``loc`` (its items are given in order, each once)."""
        lines = self._items.get(loc)
        if lines is None:
            lines = self._items[loc] = array("I")
        lines.append(line)

    def add_key(self, loc: Loc, key: str | int, line: int) -> None:
        """The line of the key ``key`` of the mapping at ``loc``."""
        keys = self._keys.get(loc)
        if keys is None:
            keys = self._keys[loc] = {}
        keys[key] = line

    def __iter__(self) -> Iterator[Loc]:
        yield from self._at
        for loc, keys in self._keys.items():
            yield from ((*loc, key) for key in keys if (*loc, key) not in self._at)
        for loc, lines in self._items.items():
            for i in range(len(lines)):
                if (*loc, i) not in self._at:
                    yield (*loc, i)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def under(self, prefix: Loc) -> LineMap:
        """The lines of the paths under ``prefix``, as paths from it (a constitution written in a scenario)."""
        n = len(prefix)
        out = LineMap({loc[n:]: line for loc, line in self._at.items() if loc[:n] == prefix})
        out._items = {loc[n:]: lines for loc, lines in self._items.items() if loc[:n] == prefix}
        out._keys = {loc[n:]: keys for loc, keys in self._keys.items() if loc[:n] == prefix}
        return out

    def __repr__(self) -> str:
        return f"LineMap({dict(self.items())!r})"
