"""The caps of every list a Popolo bundle holds, for the JSON reader to check before anything is validated.

The bundle's own lists (``persons``, ``vote_events[].votes`` ...) have their caps on the bundle's model
(:mod:`whipcount.io.popolo_format`). What a bundle carries in ``extras`` becomes part of the scenario (see
:mod:`whipcount.io.popolo_build`): the bundle's ``extras.stances`` are the scenario's stances, a person's
extras are its member's fields, a vote event's extras its division's. The lists there are held to the caps
of the scenario (and constitution) file where they land, so every one is refused while the file is read,
with its line and its path as the file writes it (``persons[3].extras.sources``).
"""

from __future__ import annotations

from functools import cache

from whipcount.io.list_caps import ANY, CapTree, caps_of, pruned, schema_caps
from whipcount.io.popolo_chamber import CHAMBER_EXTRAS, SCENARIO_EXTRAS
from whipcount.io.popolo_format import PopoloBundle

__all__ = ["popolo_caps"]

Path = tuple[str, ...]


def _extras() -> list[tuple[Path, str, Path, tuple[str, ...] | None]]:
    """Each place of the bundle's extras, the file format it lands in, the place there and the keys read
    from it (None: every key)."""
    return [
        (("extras",), "scenario", (), (*SCENARIO_EXTRAS, "events", "constitutions")),
        (("extras", "constitutions", ANY), "constitution", (), None),
        (("organizations", ANY, "extras"), "scenario", ("chamber",), (*CHAMBER_EXTRAS, "sides")),
        (("organizations", ANY, "extras"), "scenario", ("parties", ANY), None),
        (("persons", ANY, "extras"), "scenario", ("members", ANY), None),
        (("motions", ANY, "extras"), "scenario", ("motions", ANY), None),
        (("vote_events", ANY, "extras"), "scenario", ("motions", ANY, "division"), None),
    ]


@cache
def popolo_caps() -> CapTree:
    """The bundle's caps (from its model's schema), with the scenario's under each place of ``extras``."""
    from whipcount.io.constitution import ConstitutionFile
    from whipcount.io.scenario_schema import ScenarioFile

    tree = schema_caps(PopoloBundle)
    files = {"scenario": caps_of(ScenarioFile), "constitution": caps_of(ConstitutionFile)}
    for place, fmt, there, keys in _extras():
        source = _find(files[fmt], there)
        target = _at(tree, place)
        for key, sub in source.children.items():
            if keys is None or key in keys:
                _merge(target._at(key), sub)
    return pruned(tree)


def _at(tree: CapTree, path: Path) -> CapTree:
    """The place ``path`` in ``tree``, made where it is not there yet."""
    for key in path:
        tree = tree._at(key)
    return tree


def _find(tree: CapTree, path: Path) -> CapTree:
    """The place ``path`` in ``tree`` (a format's caps, shared: never changed here)."""
    for key in path:
        tree = tree.children[key]
    return tree


def _merge(into: CapTree, sub: CapTree) -> None:
    """Put the caps of ``sub`` on ``into`` (where both have one, the larger: a bundle's extras on an
    organization are its chamber's or a party's fields; validation holds each to its own)."""
    if sub.cap is not None:
        into.cap = sub.cap if into.cap is None else max(into.cap, sub.cap)
    for key, child in sub.children.items():
        _merge(into._at(key), child)
