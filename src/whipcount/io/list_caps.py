"""Where each list of a format may be, and how long: read from the format's schema, for the readers.

Every list (and every mapping of free keys) of an input model carries its cap as ``max_length`` (the
constants of :mod:`whipcount.io.limits`). :func:`caps_of` turns a model's JSON Schema into a tree of the
paths that hold a list or mapping and the cap of each, which the YAML reader walks as it reads: a list is
refused at the first item past its cap, before the rest of the file is read or anything is validated.
:mod:`whipcount.io.json_caps` holds JSON to the same caps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from whipcount.io.schema_single import kind_words, kinds_table, mark, mark_kind, single_table, single_words

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["ANY", "CARRIED", "CapTree", "as_table", "cap_at", "caps_of", "field_words", "fields_table", "format_at",
           "kinds_table", "over_cap", "place_at", "pruned", "schema_caps", "single_table", "table_module", "too_many"]

Loc = tuple[str | int, ...]

ANY = "*"  # an item of a list, or the value of any key of a mapping of free keys
_FREE = frozenset({ANY})  # while a schema is walked: the fields of a mapping of free keys


class CapTree:
    """One place in a format: the cap of the list or mapping found there (None: no list belongs here, or
    none is capped), the fields a mapping found there may have (None: any key, or no mapping belongs here;
    a model that refuses unknown fields has them), and the places under it by key (:data:`ANY` for a list's
    items or free keys)."""

    __slots__ = ("_capped", "_model", "cap", "children", "fields", "kind", "label", "model_name", "many",
                 "mixed", "single")

    def __init__(self) -> None:
        self.cap: int | None = None
        self.fields: frozenset[str] | None = None
        self.children: dict[str, CapTree] = {}
        # a place that may only hold one value (text, a number, a day: no list or mapping), what validation
        # expects there in words ("expected text"); while a schema is walked, ``many``: a schema reaching
        # this place allows a list or mapping there (or expects another value), so it is none
        self.single: str | None = None
        self.many = False
        # a place that may only hold a list, or only a mapping: the other kind, refused there ("list" or
        # "mapping"), and what validation expects in its place ("expected a mapping {...}"); while a schema
        # is walked, ``mixed``: a schema reaching this place allows either, or says otherwise
        self.kind: tuple[str, str] | None = None
        self.mixed = False
        # a format's root (a file's, or a place where one file's format holds another's: a constitution a
        # scenario carries): the format's name in words ("scenario"), and its model (for an unknown field's
        # hint), imported only when asked for
        self.label: str | None = None
        self.model_name: str | None = None
        self._model: type[BaseModel] | None = None
        self._capped: dict[str, CapTree] | None = None

    @property
    def model(self) -> type[BaseModel] | None:
        """The model of the format whose root this is (None: not a format's root)."""
        if self._model is None and self.model_name is not None:
            import importlib

            module, _, name = self.model_name.rpartition(".")
            self._model = getattr(importlib.import_module(module), name)
        return self._model

    @model.setter
    def model(self, model: type[BaseModel] | None) -> None:
        self._model = model

    def child(self, key: object) -> CapTree | None:
        """The place of ``key`` under this one (an int is a list's index), or None when the format has none."""
        if isinstance(key, str) and key in self.children:
            return self.children[key]
        return self.children.get(ANY)

    def capped_children(self) -> dict[str, CapTree]:
        """The places under this one with a cap at or under them, by key: all that :func:`over_cap` visits
        (not the places of one value, which the YAML reader checks as it reads)."""
        if self._capped is None:
            self._capped = {key: sub for key, sub in self.children.items() if _capped(sub)}
        return self._capped

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
    if node.get("type") == "object" or "properties" in node or "additionalProperties" in node:
        # a mapping: of the named fields alone (a model refusing unknown ones), or of any key; where a place
        # may hold either (a union), any key
        named = frozenset(node.get("properties") or ()) if node.get("additionalProperties") is False else _FREE
        here.fields = _FREE if _FREE in (named, here.fields) else named | (here.fields or frozenset())
    subs = list((node.get("properties") or {}).items())
    subs += [(ANY, node[word]) for word in ("items", "additionalProperties") if isinstance(node.get(word), dict)]
    for key, sub in subs:
        _walk(sub, here._at(key), defs, depth + 1)
        mark(here._at(key), single_words(sub, defs))
        mark_kind(here._at(key), kind_words(sub, defs))


@cache
def caps_of(model: type[BaseModel], *, fields: bool = True) -> CapTree:
    """The caps of every list and mapping ``model`` holds (computed once a model): for the scenario and
    constitution files from :mod:`whipcount.io.caps_table`, written out from their schemas ahead of time (a
    schema takes 20 ms to build, a tenth of the start-up budget of ``whipcount tally``); for the other
    formats from the model's JSON Schema. ``fields=False``: the caps alone, no field refused as it is read
    (a file read whole to tell which format it is, :mod:`whipcount.io.document_kind`)."""
    from whipcount.io.caps_table import TABLES

    key = f"{model.__module__}.{model.__qualname__}"
    if key not in TABLES:
        return pruned(schema_caps(model))
    tree = _format_tree(key, fields)
    tree.model = model
    return tree


@cache
def _format_tree(key: str, fields: bool) -> CapTree:
    """The tree of the format whose model is named ``key`` (module and class), from
    :mod:`whipcount.io.caps_table`, with the trees of the formats it holds grafted where it holds them
    (:data:`CARRIED`): each such place is that format's root, its label and model its own."""
    from whipcount.io.caps_table import FIELDS, KINDS, SINGLE, TABLES

    tree = _tree(TABLES[key])
    for path, names in FIELDS[key].items() if fields else ():
        _place(tree, path).fields = frozenset(names)
    for path, words in SINGLE[key].items():
        # a file read whole to tell its format: only where any key, or any item, takes one value (a field of
        # another format may be a list where this one's of the same name is not)
        if fields or path.rpartition("/")[0] not in FIELDS[key]:
            _place(tree, path).single = words
    for path, kind in KINDS[key].items() if fields else ():
        _place(tree, path).kind = kind
    tree.kind = "list", ROOT_WORDS[key]
    tree.label = key.rpartition(".")[2].removesuffix("File").lower()  # ScenarioFile: the scenario schema
    tree.model_name = key
    for path, other in CARRIED.get(key, {}).items():
        parent, _, last = path.rpartition("/")
        carried, held = _format_tree(other, fields), _place(tree, path).kind
        graft = _place(tree, parent).children[last] = CapTree()  # the carried format's root, as this one words it
        graft.cap, graft.fields, graft.children = carried.cap, carried.fields, carried.children
        graft.kind, graft.label, graft.model_name = held, carried.label, carried.model_name
    return tree


ROOT_WORDS = {
    "whipcount.io.scenario_schema.ScenarioFile": "expected a mapping with chamber, parties and events",
    "whipcount.io.constitution_schema.ConstitutionFile": "expected a mapping with id, name and motions",
}
"""What a file of each format is, in the words its reader refuses a list with (as it refuses any other
document that is no mapping, :func:`whipcount.io.scenario.parse_scenario`)."""


CARRIED: dict[str, dict[str, str]] = {
    "whipcount.io.scenario_schema.ScenarioFile": {
        "constitutions/*": "whipcount.io.constitution_schema.ConstitutionFile"},
}
"""The places where one format holds a whole file of another (by its path, keys joined by ``/``), and that
format's model: a constitution written in a scenario (``constitutions:``), a mapping of any keys to the
scenario's schema, is a constitution file's, read with its fields and caps."""


def schema_caps(model: type[BaseModel]) -> CapTree:
    """The caps of every list and mapping ``model`` holds, and the fields of each of its mappings that
    refuses unknown ones, read from its JSON Schema."""
    schema = model.model_json_schema()
    root = CapTree()
    _walk(schema, root, schema.get("$defs", {}), 0)
    _settle(root)
    return root


def _settle(tree: CapTree) -> None:
    """A mapping of free keys has no fields to check (None)."""
    if tree.fields == _FREE:
        tree.fields = None
    for sub in tree.children.values():
        _settle(sub)


Table = dict[str, int | None]
"""A tree as plain values: each place's path (its keys joined by ``/``, the root ``""``) and its cap."""
Fields = dict[str, tuple[str, ...]]
"""The fields of a tree's mappings that refuse unknown ones, as plain values: each place's path and its fields."""


def as_table(tree: CapTree, path: str = "") -> Table:
    """``tree`` as a :data:`Table`, for :mod:`whipcount.io.caps_table`. A place with no cap at or under it
    is left out where its parent has no place for any key (:data:`ANY`): :meth:`CapTree.child` then finds
    no place for it, which the readers take as they take a place with nothing to check."""
    out: Table = {path: tree.cap}
    for key, sub in sorted(tree.children.items()):
        if ANY in tree.children or _capped(sub):
            out.update(as_table(sub, f"{path}/{key}" if path else key))
    return out


def fields_table(tree: CapTree, path: str = "") -> Fields:
    """The fields of every place of ``tree`` that has them, for :mod:`whipcount.io.caps_table`."""
    out: Fields = {path: tuple(sorted(tree.fields))} if tree.fields is not None else {}
    for key, sub in sorted(tree.children.items()):
        out.update(fields_table(sub, f"{path}/{key}" if path else key))
    return out


def pruned(tree: CapTree) -> CapTree:
    """``tree`` without the places that have no cap at or under them (as :func:`as_table` leaves them out),
    so that a reader walking the data looks at no field with nothing to check."""
    return _tree(as_table(tree))


def _capped(tree: CapTree) -> bool:
    return tree.cap is not None or any(_capped(sub) for sub in tree.children.values())


def _tree(table: Table) -> CapTree:
    root = CapTree()
    for path, cap in table.items():
        _place(root, path).cap = cap
    return root


def _place(root: CapTree, path: str) -> CapTree:
    """The place of ``path`` (keys joined by ``/``) under ``root``, made where it is not there yet."""
    here = root
    for key in path.split("/") if path else ():
        here = here._at(key)
    return here


def table_module() -> str:
    """The text of :mod:`whipcount.io.caps_table` for the models as they are now."""
    import textwrap

    def fields(tree: CapTree) -> list[str]:
        return [line for path, names in fields_table(tree).items()
                for line in textwrap.wrap(f"{path!r}: {names!r},", 110, initial_indent=" " * 8,
                                          subsequent_indent=" " * 12, break_on_hyphens=False)]

    def single(tree: CapTree) -> list[str]:
        out = []
        for path, words in single_table(tree).items():
            parts = textwrap.wrap(words, 70, drop_whitespace=False, break_on_hyphens=False)
            if len(parts) == 1:
                out.append(f"        {path!r}: {words!r},")
            else:  # long words (a choice of many values), as adjacent strings
                out += [f"        {path!r}: ({parts[0]!r}", *(f"            {part!r}" for part in parts[1:-1]),
                        f"            {parts[-1]!r}),"]
        return out

    lines = ['"""The caps of the scenario and constitution files\' lists, and the fields of their mappings, as',
             ":func:`whipcount.io.list_caps.caps_of` reads them from the files' schemas (each place's path, its keys",
             "joined by ``/``, and its cap or its fields):",
             "generated by ``python -m whipcount.io.list_caps``, do not edit (tests/test_list_caps.py checks it",
             'against the models)."""', "", "from __future__ import annotations", ""]
    sections: list[tuple[tuple[str, ...], Callable[[CapTree], list[str]]]] = [
        (("TABLES: dict[str, dict[str, int | None]] = {",),
         lambda tree: [f"        {path!r}: {cap!r}," for path, cap in as_table(tree).items()]),
        (("# the fields of each mapping that refuses unknown ones, by its path",
          "FIELDS: dict[str, dict[str, tuple[str, ...]]] = {"), fields),
        (("# the places that may only hold one value (no list or mapping), and what validation expects",
          "SINGLE: dict[str, dict[str, str]] = {"), single),
        (("# the places that may only hold a list, or only a mapping: the other kind, refused there, and",
          "# what validation expects in its place", "KINDS: dict[str, dict[str, tuple[str, str]]] = {"),
         lambda tree: [f"        {path!r}: {kind!r}," for path, kind in kinds_table(tree).items()]),
    ]
    for n, (head, rows) in enumerate(sections):
        lines += [*(["}", ""] if n else []), *head]
        for model in _file_models():
            lines.append(f"    {f'{model.__module__}.{model.__qualname__}'!r}: {{")
            lines += rows(schema_caps(model))
            lines.append("    },")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _file_models() -> tuple[type[BaseModel], ...]:
    """The formats whose places are written out: the scenario file's and the constitution file's."""
    from whipcount.io.constitution_schema import ConstitutionFile
    from whipcount.io.scenario_schema import ScenarioFile

    return (ScenarioFile, ConstitutionFile)


if __name__ == "__main__":  # pragma: no cover - regenerates io/caps_table.py
    print(table_module(), end="")


def over_cap(data: Any, tree: CapTree) -> tuple[Loc, int, int] | None:
    """The first list or mapping of parsed ``data`` (in the order of the text) that holds more items than its
    place in ``tree`` allows: its path, its size and its cap; None when every one is within its cap. Only
    the places ``tree`` names are visited (the items of a list with nothing capped inside are not); the
    nesting is the parser's, within the depth limit."""
    if not isinstance(data, list | dict):
        return None
    if tree.cap is not None and len(data) > tree.cap:
        return (), len(data), tree.cap
    kids = tree.capped_children()
    if not kids:
        return None
    pairs: Iterable[tuple[str | int, Any, CapTree | None]]
    if isinstance(data, list):
        sub = kids.get(ANY)
        if sub is None or (sub.cap is None and not sub.capped_children()):
            return None
        pairs = ((i, v, sub) for i, v in enumerate(data))
    elif ANY in kids:
        pairs = ((k, v, tree.child(k)) for k, v in data.items())
    else:  # a few named keys: look them up rather than go through every key of the mapping
        named = [k for k in kids if k in data]
        if len(named) > 1:
            order = list(data)
            named.sort(key=order.index)
        pairs = ((k, data[k], kids[k]) for k in named)
    for key, value, place in pairs:
        if place is None or not isinstance(value, list | dict):
            continue
        if not place.capped_children():  # a leaf: its size is all there is to check (a call saved per item)
            if place.cap is not None and len(value) > place.cap:
                return (key,), len(value), place.cap
            continue
        hit = over_cap(value, place)
        if hit is not None:
            return (key, *hit[0]), hit[1], hit[2]
    return None


def cap_at(tree: CapTree, loc: Loc) -> int | None:
    """The cap of the place ``loc`` (a path of keys and indexes) in ``tree``, or None."""
    here = place_at(tree, loc)
    return here.cap if here is not None else None


def place_at(tree: CapTree, loc: Loc) -> CapTree | None:
    """The place ``loc`` (a path of keys and indexes) in ``tree``, or None when the format has none."""
    here: CapTree | None = tree
    for key in loc:
        here = here.child(key) if here is not None else None
    return here


def format_at(tree: CapTree, loc: Loc) -> tuple[CapTree, Loc]:
    """The root of the format the place ``loc`` of ``tree`` belongs to (``tree`` itself, or the root of a
    format it carries there, :data:`CARRIED`), and ``loc`` from that root."""
    root, start = tree, 0
    here: CapTree | None = tree
    for i, key in enumerate(loc):
        here = here.child(key) if here is not None else None
        if here is None:
            break
        if here.label is not None:
            root, start = here, i + 1
    return root, tuple(loc[start:])


def field_words(err: Any, loc: Loc, tree: CapTree) -> str:
    """A problem validation found at ``loc`` of a file of the format of ``tree`` (its label: "scenario"),
    in the readers' words (:func:`~whipcount.io.plain_words.problem_words`); an unknown field with the
    fields expected there and the field meant, as the reader names one it refuses as it is read
    (:class:`~whipcount.io.yamlbuild.UnknownField`)."""
    from whipcount.io.plain_words import problem_words, unknown_field

    schema = tree.label or "file's"
    if err.get("type") != "extra_forbidden" or not loc:
        return problem_words(err, schema, model=tree.model)
    place = place_at(tree, loc[:-1])
    return unknown_field(schema, loc[-1], place.fields if place is not None else None,
                         hint=unknown_hint(tree, tuple(err["loc"])))


def unknown_hint(tree: CapTree, loc: tuple[Any, ...]) -> str | None:
    """The field meant by an unknown field at ``loc`` of a file of ``tree``'s format, or the one it goes
    under (:func:`~whipcount.io.schema_fields.unknown_field_hint`); None without the format's model."""
    if tree.model is None:
        return None
    from whipcount.io.schema_fields import unknown_field_hint

    return unknown_field_hint(tree.model, loc)


def too_many(what: str, found: str, cap: int) -> str:
    """The words of a refusal: ``members: 1,300,000 listed; at most 20,000 accepted``."""
    return f"{what}: {found} listed; at most {cap:,} accepted"
