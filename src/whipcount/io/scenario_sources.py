"""An article described once, cited anywhere: a scenario names an article's outlet, headline and date at
one citation (a ``{url, outlet, title, date}`` mapping), and every other citation of the same address (a
bare URL, or a mapping with only a quote) shares them. Two citations of one address that disagree on
one of these is an error naming the second one's line."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel

from whipcount.errors import ScenarioError
from whipcount.io.limits import shorten
from whipcount.io.scenario_schema import ScenarioFile, SourceIn
from whipcount.io.yamlsource import Located

__all__ = ["share_source_details"]

DETAILS = ("outlet", "title", "date")
Path = tuple[str | int, ...]


def _slots(value: Any, path: Path) -> Iterator[tuple[Any, str | int, Path]]:
    """Every place in the parsed file that holds one source: (its container, its key, its path)."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            child = getattr(value, name)
            if name == "source" and isinstance(child, str | SourceIn):
                yield value, name, (*path, name)
            elif name == "sources" and isinstance(child, list):
                for i in range(len(child)):
                    yield child, i, (*path, name, i)
            else:
                yield from _slots(child, (*path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _slots(item, (*path, i))


def _get(container: Any, key: str | int) -> Any:
    return container[key] if isinstance(key, int) else getattr(container, key)


def _put(container: Any, key: str | int, value: SourceIn) -> None:
    if isinstance(key, int):
        container[key] = value
    else:
        setattr(container, key, value)


def _show(value: object) -> str:
    return repr(shorten(value)) if isinstance(value, str) else str(value)


def share_source_details(f: ScenarioFile, located: Located) -> None:
    """Give every citation of an address the outlet, title and date given at any citation of it."""
    slots = list(_slots(f, ()))
    known: dict[str, tuple[dict[str, Any], Path]] = {}
    for container, key, path in slots:
        s = _get(container, key)
        if not isinstance(s, SourceIn):
            continue
        given = {d: getattr(s, d) for d in DETAILS if getattr(s, d) is not None}
        if not given:
            continue
        first = known.setdefault(s.url, (given, path))
        for d, value in given.items():
            before = first[0].setdefault(d, value)
            if before != value:
                raise ScenarioError(f"{located.where((*path, d))}: {_show(value)} differs from {_show(before)} "
                                    f"given for the same address at line {located.line(first[1])} "
                                    "(describe an article once)")
    for container, key, _ in slots:
        s = _get(container, key)
        url = s if isinstance(s, str) else s.url
        if url not in known:
            continue
        details = known[url][0]
        if isinstance(s, str):
            _put(container, key, SourceIn(url=url, **details))
        else:
            for d, value in details.items():
                if getattr(s, d) is None:
                    setattr(s, d, value)
