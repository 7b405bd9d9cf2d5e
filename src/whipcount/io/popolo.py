"""Popolo JSON in and out: the EveryPolitician-style bundle, with motions and vote events added.

A bundle holds ``persons``, ``organizations``, ``memberships``, ``areas``, ``posts``, ``events``,
``motions`` and ``vote_events``. whipcount maps them so:

==================  ===============================================================================
Popolo              whipcount
==================  ===============================================================================
organization        the chamber (``classification: legislature``) and the parties (``party``,
                    with their ``identifiers``)
person              a named member; its ``identifiers`` (any scheme) are kept
membership          a member's seat in the chamber ``on_behalf_of_id`` a party, with dates; the
                    first one covering the chamber's ``as_of`` date gives the member's starting party
area / post         the member's constituency
event               the chamber's term (``classification: legislative period``), which every
                    membership names (``legislative_period_id``)
motion / vote event a motion and its recorded division: ``counts`` and individual ``votes``
``extras``          what Popolo has no field for: sides, seat counts, rules, the event log, the whip
                    count (stances), every other field of a motion and its division (round,
                    adjudications, ...), sources and verified marks, on the bundle or on its object,
                    and the constitutions of the user's own the scenario carries
==================  ===============================================================================

Export then import gives back an equal Scenario. A bundle written by someone else (EveryPolitician,
a parliament's open data) has no event log: whipcount derives one from the memberships' dates
(a membership that ends is a ``vacate``, one that starts later a ``fill-seat``, a change of party a
``join-party``), and needs the rules profile, and sides, from the caller.

Dates may have reduced precision (``2018``, ``2018-04``), as EveryPolitician's often do: the first day
is used (``2018`` → 2018-01-01) and a warning says so; events made from such a date keep
``date_precision`` in their extras.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from whipcount.errors import InterchangeError, ScenarioError
from whipcount.io.document_kind import other_document, refuse_by_head
from whipcount.io.interchange_base import (
    ImportResult,
    Loc,
    _Mapped,
    _pydantic_error,
    _Reader,
    json_locator,
    parse_partial_date,
    read_json,
    slug,
)
from whipcount.io.popolo_build import bundle_document
from whipcount.io.popolo_caps import popolo_caps
from whipcount.io.popolo_chamber import BuildOptions, rules_by_id
from whipcount.io.popolo_export import dump_popolo, export_popolo
from whipcount.io.popolo_format import FORMAT_VERSION, PopoloBundle, popolo_json_schema
from whipcount.io.popolo_logged import check_against_log
from whipcount.io.popolo_votes import division_from_votes
from whipcount.io.resolve import rules_option
from whipcount.io.scenario import parse_scenario
from whipcount.model.arguments import check_count, check_date, check_instance

__all__ = [
    "FORMAT_VERSION",
    "ImportResult",
    "PopoloBundle",
    "division_from_votes",
    "dump_popolo",
    "export_popolo",
    "import_bundle",
    "import_popolo",
    "parse_partial_date",
    "popolo_json_schema",
    "popolo_options",
    "read_json",
    "read_popolo",
    "slug",
]


def import_popolo(
    data: Any,
    name: str = "popolo.json",
    *,
    rules: str | None = None,
    as_of: dt.date | None = None,
    seats: int | None = None,
    chamber: str | None = None,
    term: str | None = None,
    sides: dict[str, str] | None = None,
    default_side: str = "other",
    scenario_id: str | None = None,
    strict: bool = False,
    locate: Callable[[Loc], str] | None = None,
) -> ImportResult:
    """A Scenario from a parsed Popolo bundle (``data``, from ``json.load``); ``name`` labels errors.

    A bundle whipcount wrote carries the chamber's rules, seats, sides, event log and the user's own
    constitutions in ``extras``; for any other bundle give ``rules`` (a registered profile's id, or the path
    of a constitution file, which the scenario then carries) and, as needed, ``as_of``, ``seats``, ``term``,
    ``sides``. Raises :class:`~whipcount.errors.InterchangeError` naming the path inside the file (an
    :class:`~whipcount.errors.InputError` naming ``--rules`` for a bad ``rules``); with ``strict``, a warning
    is an error too.
    """
    options = popolo_options(data, rules=rules, as_of=as_of, seats=seats, chamber=chamber, term=term, sides=sides,
                             default_side=default_side, scenario_id=scenario_id)
    return import_bundle(data, name, options, strict=strict, locate=locate)


def popolo_options(data: Any, *, rules: str | None = None, as_of: dt.date | None = None, seats: int | None = None,
                   chamber: str | None = None, term: str | None = None, sides: dict[str, str] | None = None,
                   default_side: str = "other", scenario_id: str | None = None) -> BuildOptions:
    """:func:`import_popolo`'s options checked, ``rules`` read (it may name a constitution ``data`` carries)."""
    if rules is not None:
        check_instance(rules, str, "rules", "a profile's id such as 'pk-na', or a constitution file's path")
    if as_of is not None:
        check_date(as_of, "as_of")
    if seats is not None:
        seats = check_count(seats, "seats")
    rules_id, own = rules_option(rules, carried=_carried_ids(data)) if rules is not None else (None, None)
    return BuildOptions(rules=rules_id, constitution=own, as_of=as_of, seats=seats, chamber=chamber, term=term,
                        sides=sides or {}, default_side=default_side, scenario_id=scenario_id)


def _carried_ids(data: Any) -> set[str]:
    """The ids of the constitutions a bundle whipcount wrote carries (``--rules`` may name one)."""
    extras = data.get("extras") if isinstance(data, dict) else None
    items = extras.get("constitutions") if isinstance(extras, dict) else None
    if not isinstance(items, list):
        return set()
    return {c["id"] for c in items if isinstance(c, dict) and isinstance(c.get("id"), str)}


def import_bundle(data: Any, name: str, options: BuildOptions, *, strict: bool = False,
                  locate: Callable[[Loc], str] | None = None) -> ImportResult:
    """:func:`import_popolo` with its options read already (the term CSV reader's way in)."""
    r, other = _reader(data, name, locate)
    return _imported(r, other, options, strict)


def _reader(data: Any, name: str, locate: Callable[[Loc], str] | None) -> tuple[_Reader, str | None]:
    """A reader of ``data`` validated as a Popolo bundle, and the words for its file were it another format
    (said for an error of the import: an OCD vote event validates, as a bundle of nothing)."""
    if not isinstance(data, dict):
        raise InterchangeError(f"{name}: expected a JSON object with persons, organizations, memberships, "
                               f"got {type(data).__name__}")
    other = other_document(data, "popolo", name)
    with _said_as_other(other, name):  # an OCD vote event, a scenario as JSON
        try:
            return _Reader(name, PopoloBundle.model_validate(data), locate=locate), other
        except ValidationError as exc:
            raise _pydantic_error(name, exc, locate) from None


@contextmanager
def _said_as_other(other: str | None, name: str) -> Iterator[None]:
    """An error raised inside said instead as the file's being another format (``other``: the words for it)."""
    try:
        yield
    except InterchangeError:
        if other is None:
            raise
        raise InterchangeError(f"{name}: {other}") from None


def _imported(r: _Reader, other: str | None, options: BuildOptions, strict: bool) -> ImportResult:
    """The scenario of the bundle ``r`` reads: its mapping made of the bundle, then, the bundle let go (the
    reader holds it alone, and what the scenario keeps is in the mapping: the bundle's models and the
    scenario's are never held together), parsed as a scenario file is and, for a bundle whipcount wrote,
    held against its event log."""
    with _said_as_other(other, name := r.name):
        doc, paths, log_check, left_out = bundle_document(r, options)
        r.bundle = PopoloBundle()
        located = _Mapped(doc, name, {}, paths, r.locate)
        rules_by_id(located, doc)
        try:
            scenario = parse_scenario(located, default_id=str(doc["id"]))
        except ScenarioError as exc:
            raise InterchangeError(str(exc)) from None
        if log_check is not None:
            check_against_log(r, *log_check, scenario)
    r.warnings.extend(left_out)
    if strict and r.warnings:
        raise InterchangeError(f"{r.warnings[0]} (--strict; {len(r.warnings)} warning(s) in all)")
    return ImportResult(scenario, tuple(r.warnings))


def read_popolo(path: str | Path, **options: Any) -> ImportResult:
    """Read a Popolo JSON file (see :func:`import_popolo` for the options)."""
    p = Path(path)
    refuse_by_head(p, "popolo", InterchangeError, json_too=False)  # a scenario, a constitution, a CSV
    name, locate, strict = str(p), json_locator(p, str(p)), bool(options.pop("strict", False))
    r, other, built = _read_file(p, name, locate, options)
    return _imported(r, other, built, strict)


def _read_file(p: Path, name: str, locate: Callable[[Loc], str],
               options: dict[str, Any]) -> tuple[_Reader, str | None, BuildOptions]:
    """The file ``p`` read, its options checked and its bundle validated, in that order; the parsed JSON is let go
    as this returns: the import holds the bundle's models alone."""
    data = read_json(p, popolo_caps())
    built = popolo_options(data, **options)
    return (*_reader(data, name, locate), built)
