"""The containers of a dry reading of a YAML file (:mod:`whipcount.io.yamlbuild`, ``dry``): every bound is
checked as in a full reading while each list is only counted, each mapping keeps its keys (for the duplicates)
and no line is kept, so that a file past the bound on values is refused without building the values it holds."""

from __future__ import annotations

from typing import Any

from whipcount.io.line_map import LineMap

__all__ = ["Keys", "NoLines", "Tally"]

Loc = tuple[str | int, ...]


class Tally(list[Any]):
    """A list of a dry reading: its items counted, not kept."""

    __slots__ = ("n",)

    def __init__(self) -> None:
        super().__init__()
        self.n = 0

    def append(self, value: Any) -> None:
        self.n += 1

    def __len__(self) -> int:
        return self.n


class Keys(dict[Any, Any]):
    """A mapping of a dry reading: its keys kept (for the duplicates), not its values."""

    __slots__ = ()

    def __setitem__(self, key: Any, value: Any) -> None:
        super().__setitem__(key, None)


class NoLines(LineMap):
    """The lines of a dry reading: none kept."""

    __slots__ = ()

    def __setitem__(self, key: Loc, value: int) -> None:
        pass

    def setdefault(self, key: Loc, line: int) -> int:
        return line

    def add_item(self, loc: Loc, line: int) -> None:
        pass

    def add_key(self, loc: Loc, key: str | int, line: int) -> None:
        pass
