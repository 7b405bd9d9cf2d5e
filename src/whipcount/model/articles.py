"""An article described once: every citation of one address that gives its outlet, headline (``title``) or
date of publication gives the same, wherever it is cited (a scenario file, an event appended through the
API or the event form). :class:`Described` holds what the citations read so far give of each address, and
:func:`sources_in` finds every citation a model object holds, so that a new one is checked against them all.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from typing import Any, Generic, NamedTuple, TypeVar

from whipcount.model.sources import Source

__all__ = ["DETAILS", "Clash", "Described", "sources_in"]

DETAILS = ("outlet", "title", "date")
"""What describes an article, as a source names it."""

W = TypeVar("W")


class Clash(NamedTuple, Generic[W]):
    """A citation that describes an address otherwise than one before it: the detail, its value here, the
    value given before, and where that was given."""

    detail: str
    value: object
    before: object
    first: W


class Described(Generic[W]):
    """The outlet, headline and date given of each address so far, and where each address was first
    described (a place of the caller's: a file's path, an event's number)."""

    def __init__(self) -> None:
        self.known: dict[str, tuple[dict[str, object], W]] = {}

    def add(self, source: Source, where: W) -> Clash[W] | None:
        """Take in what ``source`` gives of its address; the first detail it gives otherwise than a citation
        before it, else None (and nothing taken in)."""
        given = {d: getattr(source, d) for d in DETAILS if getattr(source, d) is not None}
        if not given:
            return None
        details, first = self.known.get(source.url, ({}, where))
        for d, value in given.items():
            if d in details and details[d] != value:
                return Clash(d, value, details[d], first)
        self.known[source.url] = ({**details, **given}, first)
        return None


def sources_in(value: Any) -> Iterator[Source]:
    """Every :class:`Source` a model object holds, in its fields, tuples, lists and mappings, at any depth."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, Source):
            yield item
        elif isinstance(item, tuple | list):
            stack.extend(reversed(item))
        elif isinstance(item, Mapping):
            stack.extend(reversed(list(item.values())))
        elif dataclasses.is_dataclass(item) and not isinstance(item, type):
            stack.extend(reversed([getattr(item, f.name) for f in dataclasses.fields(item)]))
