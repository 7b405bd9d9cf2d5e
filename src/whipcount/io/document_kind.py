"""A file of one format handed where another is read, said as such, with the command that reads it.

A constitution named as a scenario (``whipcount tally my-parliament.yaml``), a scenario named as a
constitution (``--rules case.yaml``, ``chamber.rules: case.yaml``), a Popolo bundle or an Open Civic Data
vote event named as either: each had been refused by its first field the reader did not know
(``name: unknown field``, ``title: unknown field``), as if one field were misspelt. The importers say the
same: a scenario handed to ``import popolo`` had been ``not valid JSON: Expecting value``, a Popolo bundle
handed to ``import ocd`` ``counts: no count of yes votes``. A file read whole is told by its fields
(:func:`other_document`); one its reader could not read, by its head (:mod:`whipcount.io.document_head`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from whipcount.errors import InputError
    from whipcount.io.yamlsource import Located

__all__ = ["head_kind", "other_document", "other_kind", "read_as", "read_file_as", "refuse_by_head",
           "said_as_other"]

_MODELS = {"scenario": "whipcount.io.scenario_schema.ScenarioFile",
           "constitution": "whipcount.io.constitution_schema.ConstitutionFile"}
_OTHER_FIELDS = frozenset({"persons", "memberships", "organizations", "motion_text", "counts", "votes"})
"""The top-level fields of a Popolo bundle or an Open Civic Data vote event that :func:`_kind` reads."""


def _kind(data: dict[Any, Any]) -> str | None:
    """What a mapping read from a file is, by the fields only its format has; None when none tells."""
    motions = data.get("motions")
    thresholds = isinstance(motions, list) and any(isinstance(m, dict) and "threshold" in m for m in motions)
    return _kind_of(set(data), thresholds)


def _kind_of(keys: set[Any] | frozenset[Any], thresholds: bool) -> str | None:
    """:func:`_kind` of a mapping with top-level ``keys``, ``thresholds`` whether its motions have one."""
    if "chamber" in keys:
        return "scenario"
    if {"persons", "memberships"} & keys:
        return "popolo"
    if "motion_text" in keys or {"counts", "votes"} <= keys:
        return "ocd"
    if "motions" in keys and thresholds:
        return "constitution"
    return None


_WHAT = {"scenario": "a scenario (chamber, parties, events)",
         "constitution": "a constitution (id, name, motions with thresholds)",
         "popolo": "a Popolo bundle (persons, organizations, memberships)",
         "ocd": "an Open Civic Data vote event (motion_text, counts, votes)",
         "csv": "a CSV table (a term CSV, a seat table or a ParlGov table)"}


def _reader(kind: str, name: str) -> str:
    """The command that reads a file ``name`` of the format ``kind``."""
    path = name if "/" in name or "\\" in name else f"./{name}"
    return {"scenario": f"every command that takes a SCENARIO reads it (`whipcount tally {name}`)",
            "constitution": f"give it to --rules (`whipcount rules show {path}`) or name it in a scenario's "
                            "chamber.rules",
            "popolo": f"convert it with `whipcount import popolo {name} -o SCENARIO.yaml`",
            "ocd": f"attach it to a scenario with `whipcount import ocd {name} --scenario SCENARIO -o OUT.yaml`",
            "csv": f"convert it with `whipcount import csv {name} --rules ID -o SCENARIO.yaml`"}[kind]


def other_document(data: dict[Any, Any], expected: str, name: str) -> str | None:
    """The words for a file ``name`` holding ``data`` that is another format than ``expected`` (``scenario``,
    ``constitution``, ``popolo``, ``ocd``): ``"expected ..., got a constitution (...): ..."``; None when it
    may be the one expected (its own reader then names its first problem)."""
    return other_kind(_kind(data), expected, name)


def other_kind(kind: str | None, expected: str, name: str) -> str | None:
    """:func:`other_document` of a file found to be of the format ``kind`` (None: not known)."""
    if kind is None or kind == expected:
        return None
    then = {("scenario", "constitution"): f"name it in a scenario's chamber.rules ({name}), or give it to --rules",
            ("constitution", "scenario"): "a scenario names its constitution in chamber.rules (a built-in "
                                          "profile's id, `whipcount rules list`, or a constitution file)"}
    advice = then.get((expected, kind), _reader(kind, name))
    return f"expected {_WHAT[expected]}, got {_WHAT[kind]}: {advice}"


def head_kind(path: str | Path, expected: str, *, json_too: bool = True) -> str | None:
    """:func:`other_kind` of the file at ``path`` by its head (:mod:`whipcount.io.document_head`): the words
    for a file of another format, None where its head shows none (or the one ``expected``). Without
    ``json_too``, a head written in JSON tells nothing (its reader, once it has parsed it, tells better)."""
    from whipcount.io.document_head import read_head

    head = read_head(path, json_keys=json_too)
    if head is None or (head.syntax == "json" and not json_too):
        return None
    kind = "csv" if head.syntax == "csv" else _kind_of(head.keys, head.thresholds)
    return other_kind(kind, expected, str(path))


def refuse_by_head(path: str | Path, expected: str, error: type[InputError], *, json_too: bool = True) -> None:
    """Raise ``error`` naming ``path`` and the format its head shows when that is another than ``expected``."""
    if (other := head_kind(path, expected, json_too=json_too)) is not None:
        raise error(f"{path}: {other}")


@contextmanager
def said_as_other(data: object, expected: str, name: str, error: type[InputError]) -> Iterator[None]:
    """An ``error`` raised inside, for ``data`` read from the file ``name``, said instead as the file's
    being another format where ``data`` is one (a Popolo bundle handed to the OCD importer)."""
    try:
        yield
    except error:
        other = other_document(data, expected, name) if isinstance(data, dict) else None
        if other is None:
            raise
        raise error(f"{name}: {other}") from None


def _only_another_has(key: object, expected: str) -> bool:
    """Whether ``key``, a top-level field the ``expected`` format lacks, is one another format has."""
    from whipcount.io.caps_table import FIELDS

    tops = {fmt: frozenset(FIELDS[model][""]) for fmt, model in _MODELS.items()}
    others = frozenset().union(*(fields for fmt, fields in tops.items() if fmt != expected)) | _OTHER_FIELDS
    return isinstance(key, str) and key in others - tops[expected]


def read_as(expected: str, name: str, read: Callable[[bool], Located], error: type[InputError],
            head: Callable[[], str | None] | None = None) -> Located:
    """``read(True)``: a file of the ``expected`` format (``scenario`` or ``constitution``) read with its
    fields checked as they are read, a field it does not have an ``error`` naming the line (before anything
    under it is built). Where that field is at the top and only another format has it (a constitution's
    ``name`` in a file read as a scenario), the file is read again whole, within every cap but its fields
    unchecked (``read(False)``), and said to be that format (:func:`other_document`) where it is one; a file's
    ``head()`` (:func:`head_kind`), where given, is asked first, and the file is read again only where its
    head tells nothing."""
    from whipcount.errors import InputError
    from whipcount.io.yamlbuild import UnknownField

    try:
        return read(True)
    except UnknownField as exc:
        said = str(exc)
        if not exc.loc and _only_another_has(exc.key, expected):
            other = head() if head is not None else None
            if other is None:
                try:
                    data = read(False).data
                except InputError:  # not even that: the unknown field is the problem to name
                    data = None
                other = other_document(data, expected, name) if isinstance(data, dict) else None
            if other is not None:
                raise error(f"{name}: {other}") from None
        raise error(said) from None


def read_file_as(expected: str, path: Path, read: Callable[[bool], Located], error: type[InputError]) -> Located:
    """:func:`read_as` of the file at ``path``, where a file its reader refuses, or reads as no mapping at
    all, is said to be another format when its head shows one (a CSV handed to ``rules show``)."""
    from whipcount.errors import InputError

    try:
        located = read_as(expected, str(path), read, error, head=lambda: head_kind(path, expected))
    except InputError:
        refuse_by_head(path, expected, error)
        raise
    if not isinstance(located.data, dict):
        refuse_by_head(path, expected, error)
    return located
