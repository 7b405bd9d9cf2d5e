"""A user's constitution written in YAML: reading it (its schema is :mod:`whipcount.io.constitution_schema`).

``resolve_rules("pk-na")`` gives a registered profile; ``resolve_rules("./my.yaml")`` reads a file (a
relative path is taken from ``base`` when given, e.g. the scenario's folder). Fractions are written as
``"1/2"``, ``"2/3"`` or a whole number of members where a count is meant. Every error names the file,
the line, the field, what was expected and what was found, in one line.

A minimal file::

    id: my-parliament
    name: My Parliament
    country: Somewhere
    seats: 101
    motions:
      - kind: no-confidence
        threshold: {basis: total, fraction: "1/2"}
        source: {article: "Art. 12(3)", url: "https://example.org/constitution#12"}
        effect: the government resigns
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from whipcount.errors import ConstitutionFileError, InputError, NotFound, RulesError
from whipcount.io.constitution_schema import ConstitutionFile, MotionIn
from whipcount.io.document_kind import other_document, read_as, read_file_as
from whipcount.io.input_base import json_schema_of
from whipcount.io.list_caps import caps_of, field_words
from whipcount.io.plain_words import and_more
from whipcount.io.rules_ref import resolve_rules
from whipcount.io.schema_fields import reported_error
from whipcount.io.yamlsource import Located, load_yaml_file, load_yaml_text
from whipcount.rules import Constitution, SeatPeriod, get_constitution

__all__ = [
    "ConstitutionFile",
    "constitution_json_schema",
    "load_constitution_file",
    "parse_constitution",
    "resolve_rules",
]


def _overlap(a0: dt.date | None, a1: dt.date | None, b0: dt.date | None, b1: dt.date | None) -> bool:
    lo, hi = dt.date.min, dt.date.max
    return max(a0 or lo, b0 or lo) < min(a1 or hi, b1 or hi)


def _counts_of_members(m: MotionIn, i: int) -> Iterator[tuple[tuple[str | int, ...], int, str]]:
    """Each number of members a motion's rule gives as a count (its path, the count, what it counts)."""
    if m.movers is not None and m.movers.count is not None:
        yield ("motions", i, "movers", "count"), m.movers.count, "movers"
    for path, threshold in ((("motions", i, "threshold"), m.threshold),
                            (("motions", i, "runoff", "threshold"), m.runoff.threshold if m.runoff else None)):
        if threshold is not None and threshold.quorum is not None and threshold.quorum.count is not None:
            yield (*path, "quorum", "count"), threshold.quorum.count, "members for a quorum"


def _check_motions(f: ConstitutionFile, located: Located) -> None:
    """The checks that read the whole file, each naming the line of the motion it is about."""
    largest = f.seats if isinstance(f.seats, int) else max((s.seats for s in f.seats or []), default=0)
    for i, m in enumerate(f.motions):
        for path, count, what in _counts_of_members(m, i) if largest else ():
            if count > largest:
                raise ConstitutionFileError(f"{located.where(path)}: {count} {what}, but the chamber has at "
                                            f"most {largest} seats")
        for j, other in enumerate(f.motions[:i]):
            if other.kind == m.kind and _overlap(other.start, other.end, m.start, m.end):
                raise ConstitutionFileError(f"{located.where(('motions', i))}: a second {m.kind} rule for a "
                                            f"period motions[{j}] already covers (give each version start and "
                                            "end dates)")


def _check_own_id(rules_id: str, located: Located) -> None:
    """A constitution of one's own may not take a built-in profile's id: it would be judged under its own
    rules but reported, listed and stored under the built-in's name."""
    try:
        known = get_constitution(rules_id)
    except NotFound:
        return
    if known.origin == "built-in":
        raise ConstitutionFileError(f"{located.where(('id',))}: a constitution of your own cannot take the id "
                                    f"{rules_id!r} of a built-in profile (`whipcount rules list`); give it "
                                    "another id")


def parse_constitution(located: Located) -> Constitution:
    """Validate parsed YAML into a Constitution, or raise one ConstitutionFileError naming file and line.

    Every constitution of a user's own is read here (a file given to any command, one written in a scenario,
    one a database or a Popolo bundle carries), so every reader refuses the same faults in the same words,
    a built-in profile's id among them."""
    if not isinstance(located.data, dict):
        got = "an empty file" if located.data is None else "a list" if isinstance(located.data, list) else \
            type(located.data).__name__  # a list as the YAML reader refuses one as it opens
        raise ConstitutionFileError(f"{located.name}: expected a mapping with id, name and motions, got {got}")
    if (other := other_document(located.data, "constitution", located.name)) is not None:
        raise ConstitutionFileError(f"{located.name}: {other}")
    try:
        f = ConstitutionFile.model_validate(located.data)
    except ValidationError as exc:
        errors = exc.errors()
        # a union (seats: a number or a list of periods) reports each branch: name the one that was written
        branch = [e for e in errors if e["type"] not in ("list_type", "int_type", "int_parsing", "dict_type")]
        err = reported_error(branch or errors)
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and ("[" in x or x in (
            "str", "int", "float", "list[SeatsIn]", "constrained-int"))))
        more = and_more(exc, err)
        words = field_words(err, loc, caps_of(ConstitutionFile))
        raise ConstitutionFileError(f"{located.where(loc)}: {words}{more}") from None
    _check_motions(f, located)
    _check_own_id(f.id, located)
    if isinstance(f.seats, int):
        seats: tuple[SeatPeriod, ...] = (SeatPeriod(f.seats),)
    else:
        seats = tuple(SeatPeriod(s.seats, s.start, s.end, s.source, s.verified, s.note) for s in f.seats or [])
    motions = []
    for i, m in enumerate(f.motions):
        try:
            motions.append(m.build())
        except (ValueError, RulesError) as exc:
            raise ConstitutionFileError(f"{located.where(('motions', i))}: {exc}") from None
    try:
        return Constitution(id=f.id, name=f.name, country=f.country, motions=tuple(motions), seats=seats,
                            note=f.note, origin=located.name)
    except RulesError as exc:  # the seat periods overlap: say where they are written
        message = str(exc).removeprefix(f"{f.id} (read from {located.name}): ")
        raise ConstitutionFileError(f"{located.where(('seats',))}: {message}") from None


def read_constitution_yaml(path: Path) -> Located:
    """A constitution file's YAML, each list read within its cap (refused at the first item past it)."""
    return read_file_as("constitution", path, lambda checked: load_yaml_file(
        path, caps=caps_of(ConstitutionFile, fields=checked)), ConstitutionFileError)


def load_constitution_file(path: str | Path) -> Constitution:
    """Read a constitution YAML file (not registered; pass the object to ``judge``)."""
    p = Path(path)
    try:
        located = read_constitution_yaml(p)
    except ConstitutionFileError:
        raise
    except Exception as exc:  # InputError from the reader keeps its message
        raise ConstitutionFileError(str(exc)) from None
    return parse_constitution(located)


def parse_constitution_text(text: str, name: str = "<constitution>") -> Constitution:
    """A constitution from YAML text (for forms and tests); any refusal a :class:`ConstitutionFileError`, as
    :func:`load_constitution_file`'s."""
    try:
        located = read_as("constitution", name, lambda checked: load_yaml_text(
            text, name, caps=caps_of(ConstitutionFile, fields=checked)), ConstitutionFileError)
    except ConstitutionFileError:
        raise
    except InputError as exc:  # the reader's refusal keeps its message
        raise ConstitutionFileError(str(exc)) from None
    return parse_constitution(located)


def constitution_json_schema() -> dict[str, Any]:
    """The JSON Schema of a constitution file."""
    return json_schema_of(ConstitutionFile, "whipcount constitution", by_alias=True)
