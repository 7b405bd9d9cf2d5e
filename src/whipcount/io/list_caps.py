"""Where each list of a format may be, and how long: read from the format's schema, for the readers.

Every list (and every mapping of free keys) of an input model carries its cap as ``max_length`` (the
constants of :mod:`whipcount.io.limits`). :func:`caps_of` turns a model's JSON Schema into a tree of the
paths that hold a list or mapping and the cap of each, which the YAML reader walks as it reads: a list is
refused at the first item past its cap, before the rest of the file is read or anything is validated.
:func:`refuse_longest_json_array` does the same for JSON with one scan of the text before it is parsed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from whipcount.errors import InputError
from whipcount.io.limits import Limits, shorten

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["ANY", "CapTree", "as_table", "caps_of", "largest_by_key", "refuse_longest_json_array", "schema_caps",
           "table_module", "too_many"]

ANY = "*"  # an item of a list, or the value of any key of a mapping of free keys


class CapTree:
    """One place in a format: the cap of the list or mapping found there (None: no list belongs here, or
    none is capped), and the places under it by key (:data:`ANY` for a list's items or free keys)."""

    __slots__ = ("cap", "children")

    def __init__(self) -> None:
        self.cap: int | None = None
        self.children: dict[str, CapTree] = {}

    def child(self, key: object) -> CapTree | None:
        """The place of ``key`` under this one (an int is a list's index), or None when the format has none."""
        if isinstance(key, str) and key in self.children:
            return self.children[key]
        return self.children.get(ANY)

    def _at(self, key: str) -> CapTree:
        return self.children.setdefault(key, CapTree())


def _walk(node: Any, here: CapTree, defs: Mapping[str, Any], depth: int) -> None:
    if not isinstance(node, dict) or depth > 40:  # the formats nest far less; a recursive schema stops here
        return
    ref = node.get("$ref")
    if isinstance(ref, str):
        _walk(defs.get(ref.rsplit("/", 1)[-1]), here, defs, depth + 1)
    for word in ("anyOf", "oneOf", "allOf"):
        for sub in node.get(word, []):
            _walk(sub, here, defs, depth + 1)
    for word in ("maxItems", "maxProperties"):
        if isinstance(node.get(word), int):
            here.cap = node[word] if here.cap is None else max(here.cap, node[word])
    for key, sub in (node.get("properties") or {}).items():
        _walk(sub, here._at(key), defs, depth + 1)
    if isinstance(node.get("items"), dict):
        _walk(node["items"], here._at(ANY), defs, depth + 1)
    if isinstance(node.get("additionalProperties"), dict):
        _walk(node["additionalProperties"], here._at(ANY), defs, depth + 1)


@cache
def caps_of(model: type[BaseModel]) -> CapTree:
    """The caps of every list and mapping ``model`` holds (computed once a model): for the scenario and
    constitution files from :mod:`whipcount.io.caps_table`, written out from their schemas ahead of time (a
    schema takes 20 ms to build, a tenth of the start-up budget of ``whipcount tally``); for the other
    formats from the model's JSON Schema."""
    from whipcount.io.caps_table import TABLES

    table = TABLES.get(f"{model.__module__}.{model.__qualname__}")
    return _tree(table) if table is not None else schema_caps(model)


def schema_caps(model: type[BaseModel]) -> CapTree:
    """The caps of every list and mapping ``model`` holds, read from its JSON Schema."""
    schema = model.model_json_schema()
    root = CapTree()
    _walk(schema, root, schema.get("$defs", {}), 0)
    return root


Table = dict[str, int | None]
"""A tree as plain values: each place's path (its keys joined by ``/``, the root ``""``) and its cap."""


def as_table(tree: CapTree, path: str = "") -> Table:
    """``tree`` as a :data:`Table`, for :mod:`whipcount.io.caps_table`. A place with no cap at or under it
    is left out where its parent has no place for any key (:data:`ANY`): :meth:`CapTree.child` then finds
    no place for it, which the readers take as they take a place with nothing to check."""
    out: Table = {path: tree.cap}
    for key, sub in sorted(tree.children.items()):
        if ANY in tree.children or _capped(sub):
            out.update(as_table(sub, f"{path}/{key}" if path else key))
    return out


def _capped(tree: CapTree) -> bool:
    return tree.cap is not None or any(_capped(sub) for sub in tree.children.values())


def _tree(table: Table) -> CapTree:
    root = CapTree()
    for path, cap in table.items():
        here = root
        for key in path.split("/") if path else ():
            here = here._at(key)
        here.cap = cap
    return root


def table_module() -> str:
    """The text of :mod:`whipcount.io.caps_table` for the models as they are now."""
    from whipcount.io.constitution import ConstitutionFile
    from whipcount.io.scenario_schema import ScenarioFile

    lines = ['"""The caps of the scenario and constitution files\' lists, as :func:`whipcount.io.list_caps.caps_of`',
             "reads them from the files' schemas (each place's path, its keys joined by ``/``, and its cap):",
             "generated by ``python -m whipcount.io.list_caps``, do not edit (tests/test_list_caps.py checks it",
             'against the models)."""', "", "from __future__ import annotations", "",
             "TABLES: dict[str, dict[str, int | None]] = {"]
    for model in (ScenarioFile, ConstitutionFile):
        lines.append(f"    {f'{model.__module__}.{model.__qualname__}'!r}: {{")
        lines += [f"        {path!r}: {cap!r}," for path, cap in as_table(schema_caps(model)).items()]
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":  # pragma: no cover - regenerates io/caps_table.py
    print(table_module(), end="")


def largest_by_key(tree: CapTree) -> dict[str, int]:
    """Each key that names a capped list somewhere in ``tree``, with its largest cap there (for JSON, whose
    early scan knows the key before a list but not the whole path)."""
    out: dict[str, int] = {}
    todo = [tree]
    seen: set[int] = set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        for key, sub in node.children.items():
            if sub.cap is not None and key != ANY:
                out[key] = max(out.get(key, 0), sub.cap)
            todo.append(sub)
    return out


def too_many(what: str, found: str, cap: int) -> str:
    """The words of a refusal: ``members: 1,300,000 listed; at most 20,000 accepted``."""
    return f"{what}: {found} listed; at most {cap:,} accepted"


_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)  # a JSON string, its loop unrolled (faster)
_OPEN_OR_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]', re.DOTALL)
_KEY_BEFORE = re.compile(rb'"((?:[^"\\]|\\.){0,200})"\s*:\s*\Z')


def _longest(structure: bytes) -> tuple[int, int]:
    """Of the arrays and objects in ``structure`` (only ``[ { , ] }``, strings taken out): the most items
    one holds and the place (in ``structure``) of its opening bracket. Every step is numpy's: no loop in
    Python runs over the items of a large file."""
    import numpy as np  # only for a file with a list long enough to be refused

    s = np.frombuffer(structure, dtype=np.uint8)
    opens = (s == ord("[")) | (s == ord("{"))
    depth = np.cumsum(opens.astype(np.int64) - ((s == ord("]")) | (s == ord("}"))))
    kept = np.flatnonzero(opens | (s == ord(",")))  # a comma's depth is its container's, as is its opener's
    order = kept[np.argsort(depth[kept], kind="stable")]  # by depth, in file order within each depth
    is_open = opens[order]
    last_open = np.maximum.accumulate(np.where(is_open, np.arange(len(order)), -1))
    comma = ~is_open & (last_open >= 0)
    comma[comma] &= depth[order[last_open[comma]]] == depth[order[comma]]  # a stray comma of bad JSON: none
    per_open = np.bincount(last_open[comma], minlength=len(order))
    if not per_open.any():
        return 0, -1
    at = int(np.argmax(per_open))
    return int(per_open[at]) + 1, int(order[at])  # a container with commas holds one item more


def refuse_longest_json_array(text: str, name: str, limits: Limits, by_key: Mapping[str, int]) -> None:
    """Refuse JSON ``text`` whose longest array or object holds more than ``limits.max_items`` items, before
    it is parsed (``json.loads`` would build every item first), naming its key and line."""
    raw = text.encode("utf-8", "surrogatepass")
    outside = _STRING.sub(b'""', raw)
    structure = outside.translate(None, bytes(set(range(256)) - set(b"[]{},")))
    if structure.count(b",") < limits.max_items:
        return
    items, place = _longest(structure)
    if items <= limits.max_items:
        return
    rank = structure.count(b"[", 0, place) + structure.count(b"{", 0, place)  # openers before it
    seen = -1
    for match in _OPEN_OR_STRING.finditer(raw):  # the opener's place in the text: only on the way to refuse
        if match.group() in (b"[", b"{"):
            seen += 1
            if seen == rank:
                break
    at = match.start()
    key = _KEY_BEFORE.search(raw[max(0, at - 400):at])
    what = shorten(key.group(1).decode("utf-8", "replace")) if key else "a list"
    cap = min(by_key.get(what, limits.max_items), limits.max_items)
    line = raw.count(b"\n", 0, at) + 1
    raise InputError(f"{name}:{line}: {too_many(what, f'{items:,}', cap)}")
