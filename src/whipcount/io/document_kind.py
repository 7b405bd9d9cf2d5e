"""A file of one format handed where another is read, said as such, with the command that reads it.

A constitution named as a scenario (``whipcount tally my-parliament.yaml``), a scenario named as a
constitution (``--rules case.yaml``, ``chamber.rules: case.yaml``), a Popolo bundle or an Open Civic Data
vote event named as either: each had been refused by its first field the reader did not know
(``name: unknown field``, ``title: unknown field``), as if one field were misspelt.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from whipcount.errors import InputError
    from whipcount.io.yamlsource import Located

__all__ = ["other_document", "read_as"]

_MODELS = {"scenario": "whipcount.io.scenario_schema.ScenarioFile",
           "constitution": "whipcount.io.constitution_schema.ConstitutionFile"}
_OTHER_FIELDS = frozenset({"persons", "memberships", "organizations", "motion_text", "counts", "votes"})
"""The top-level fields of a Popolo bundle or an Open Civic Data vote event that :func:`_kind` reads."""


def _kind(data: dict[Any, Any]) -> str | None:
    """What a mapping read from a file is, by the fields only its format has; None when none tells."""
    keys = set(data)
    if "chamber" in keys:
        return "scenario"
    if {"persons", "memberships"} & keys:
        return "popolo"
    if "motion_text" in keys or {"counts", "votes"} <= keys:
        return "ocd"
    motions = data.get("motions")
    if isinstance(motions, list) and any(isinstance(m, dict) and "threshold" in m for m in motions):
        return "constitution"
    return None


def other_document(data: dict[Any, Any], expected: str, name: str) -> str | None:
    """The words for a file ``name`` holding ``data`` that is another format than ``expected`` (``scenario``
    or ``constitution``): ``"expected ..., got a constitution (...): ..."``; None when it may be the one
    expected (its own reader then names its first problem)."""
    kind = _kind(data)
    if kind is None or kind == expected:
        return None
    what = {"scenario": "a scenario (chamber, parties, events)",
            "constitution": "a constitution (id, name, motions with thresholds)",
            "popolo": "a Popolo bundle (persons, organizations, memberships)",
            "ocd": "an Open Civic Data vote event (motion_text, counts, votes)"}
    then = {("scenario", "constitution"): f"name it in a scenario's chamber.rules ({name}), or give it to --rules",
            ("scenario", "popolo"): f"convert it with `whipcount import popolo {name} -o SCENARIO.yaml`",
            ("scenario", "ocd"): f"attach it to a scenario with `whipcount import ocd {name} --scenario SCENARIO "
                                 "-o OUT.yaml`",
            ("constitution", "scenario"): "a scenario names its constitution in chamber.rules (a built-in "
                                          "profile's id, `whipcount rules list`, or a constitution file)"}
    advice = then.get((expected, kind), "a constitution file has id, name and motions (`whipcount schema "
                                        "constitution`)")
    return f"expected {what[expected]}, got {what[kind]}: {advice}"


def _only_another_has(key: object, expected: str) -> bool:
    """Whether ``key``, a top-level field the ``expected`` format lacks, is one another format has."""
    from whipcount.io.caps_table import FIELDS

    tops = {fmt: frozenset(FIELDS[model][""]) for fmt, model in _MODELS.items()}
    others = frozenset().union(*(fields for fmt, fields in tops.items() if fmt != expected)) | _OTHER_FIELDS
    return isinstance(key, str) and key in others - tops[expected]


def read_as(expected: str, name: str, read: Callable[[bool], Located], error: type[InputError]) -> Located:
    """``read(True)``: a file of the ``expected`` format (``scenario`` or ``constitution``) read with its
    fields checked as they are read, a field it does not have an ``error`` naming the line (before anything
    under it is built). Where that field is at the top and only another format has it (a constitution's
    ``name`` in a file read as a scenario), the file is read again whole, within every cap but its fields
    unchecked (``read(False)``), and said to be that format (:func:`other_document`) where it is one."""
    from whipcount.errors import InputError
    from whipcount.io.yamlbuild import UnknownField

    try:
        return read(True)
    except UnknownField as exc:
        said = str(exc)
        if not exc.loc and _only_another_has(exc.key, expected):
            try:
                data = read(False).data
            except InputError:  # not even that: the unknown field is the problem to name
                data = None
            other = other_document(data, expected, name) if isinstance(data, dict) else None
            if other is not None:
                raise error(f"{name}: {other}") from None
        raise error(said) from None
