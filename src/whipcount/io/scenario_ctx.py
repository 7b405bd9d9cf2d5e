"""Where a part of a scenario file stands, for the loader's errors."""

from __future__ import annotations

from whipcount.errors import ScenarioError
from whipcount.io.yamlsource import Located
from whipcount.model.place import Fields, Place

__all__ = ["Ctx"]


class Ctx:
    """Where a part of the file stands (its line), for errors that name it."""

    def __init__(self, loc: Located) -> None:
        self.loc = loc

    def fail(self, path: tuple[str | int, ...], message: str) -> ScenarioError:
        return ScenarioError(f"{self.loc.where(path)}: {message}")

    def origin(self, path: tuple[str | int, ...]) -> str:
        return self.loc.where(path)

    def place(self, path: tuple[str | int, ...]) -> str | Place:
        """:meth:`origin` for a value that keeps it, found when first shown where that costs a search."""
        return self.loc.place(path)

    def fields(self, path: tuple[str | int, ...], names: tuple[str, ...]) -> Fields:
        """Where the part at ``path`` and its fields ``names`` stand (``fields.at("kind")``), for a model value to
        keep: the places alone, never the file."""
        return Fields(self.loc.place(path), {name: self.loc.place((*path, name)) for name in names})
