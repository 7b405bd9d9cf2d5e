"""Popolo's own ``sources`` (``[{url, note}]``) of a person, an organization or a membership, kept as the
sources of the member, party or chamber made of it (and :mod:`whipcount.io.popolo_term` keeps those of the
legislative period whose memberships are read, an ``events`` entry, as the term's): a bundle's citations are
never dropped for being written where Popolo writes them rather than in whipcount's ``extras``. A source's
``note`` has no place in a scenario's source, and is named as left out (:func:`source_notes_left_out`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import BaseModel

    from whipcount.io.interchange_base import Data, Loc, _Reader

__all__ = ["add_popolo_sources", "periods_read", "popolo_sources", "source_notes_left_out", "sources_path"]

READ_FROM = ("persons", "organizations", "memberships")
"""The kinds of object whose ``sources`` are read (and the periods read, of ``events``)."""


def periods_read(r: _Reader, chamber: str, term: str | None) -> frozenset[str]:
    """The ids of the legislative periods (``events``) whose memberships of ``chamber`` are read: ``term``, or
    every period those memberships name."""
    named = {m.legislative_period_id for m in r.bundle.memberships if m.organization_id == chamber}
    return frozenset(p for p in named if p is not None and (term is None or p == term))


def popolo_sources(item: BaseModel) -> list[Data]:
    """The sources ``item`` gives in Popolo's field, each without its note; one that is not an object with a
    url is passed on, for the scenario's reader to refuse at its place."""
    raw = (item.model_extra or {}).get("sources")
    if not isinstance(raw, list):
        return [] if raw is None else [raw]
    return [{k: v for k, v in s.items() if k != "note"} if isinstance(s, dict) else s for s in raw]


def add_popolo_sources(entry: Data, items: Iterable[BaseModel]) -> None:
    """``entry``'s sources (those its extras gave first) with each of the ``items``' Popolo sources it does
    not hold yet, once."""
    found = [s for item in items for s in popolo_sources(item)]
    if not found:
        return
    have: list[Any] = list(entry.get("sources") or [])
    urls = {_url(s) for s in have}
    for s in found:
        if _url(s) not in urls or _url(s) is None:
            have.append(s)
            urls.add(_url(s))
    entry["sources"] = have


def _url(source: Any) -> Any:
    return source.get("url") if isinstance(source, dict) else source if isinstance(source, str) else None


def source_notes_left_out(r: _Reader, periods: frozenset[str] = frozenset()) -> list[str]:
    """One warning for each kind of object whose sources give fields a scenario's source has no place for
    (Popolo's ``note``), with how many objects give them (of ``events``, the ``periods`` read)."""
    out = []
    for kind in (*READ_FROM, "events"):
        items: Sequence[BaseModel] = getattr(r.bundle, kind)
        if kind == "events":
            items = [e for e in items if getattr(e, "id", None) in periods]
        counts: dict[str, int] = {}
        for item in items:
            keys = {k for s in _dicts((item.model_extra or {}).get("sources")) for k, v in s.items()
                    if k != "url" and v not in (None, "", [], {})}
            for k in keys:
                counts[k] = counts.get(k, 0) + 1
        if counts:
            fields = ", ".join(f"{k} ({n:,} of {len(items):,})" for k, n in sorted(counts.items()))
            out.append(f"{r.at((kind,))}: sources: fields whipcount does not keep, left out: {fields}")
    return out


def _dicts(raw: Any) -> list[dict[str, Any]]:
    return [s for s in raw if isinstance(s, dict)] if isinstance(raw, list) else []


def sources_path(item: BaseModel, fields: dict[str, Loc]) -> dict[str, Loc]:
    """The renames of an object's scenario fields to its file's (``fields``), with its ``sources`` at
    Popolo's field where the file gives them there and none in its extras (their errors named where they are)."""
    extra = item.model_extra or {}
    extras = getattr(item, "extras", {}) or {}
    if "sources" in extra and "sources" not in extras and "source" not in extras:
        return {**fields, "sources": ("sources",)}
    return fields
