"""A scenario carries its constitution: every rules reference is resolved once, here, when it is read.

A scenario names the rules its motions are judged under in ``chamber.rules`` (and a motion's own
``rules``). Each reference is one of:

* the id of a constitution written in the scenario itself, under ``constitutions:`` (what ``db dump`` and
  ``export`` write, so a scenario with rules of its own travels as one file);
* a constitution file, by a path relative to the scenario file (``rules: my-parliament.yaml``);
* a registered profile id (``pk-na``; ``whipcount rules list``).

The constitutions of the first two kinds are registered under their own ids, the references are
rewritten to those ids, and the scenario keeps their text (``Scenario.constitutions``), so every command,
the report, the dashboard and the database (which stores that text and registers it again when it reads
the scenario back) see the same rules. A constitution of one's own may not take a built-in profile's id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import yaml

from whipcount.errors import ConstitutionFileError, InputError, NotFound, ScenarioError
from whipcount.io.line_map import LineMap
from whipcount.io.rules_ref import constitution_path, looks_like_path, rules_ref_problem
from whipcount.io.yamlsource import Located
from whipcount.model import Scenario
from whipcount.rules import Constitution, get_constitution, register

__all__ = ["carry", "looks_like_path", "register_carried", "resolve_scenario_rules", "rules_option"]


def _register(c: Constitution) -> Constitution:
    """Register a constitution of the user's own (replacing an earlier one of theirs with that id); reading it
    (:func:`whipcount.io.constitution.parse_constitution`) refused a built-in profile's id."""
    return register(c, replace=True)


def _plain(data: Any) -> Any:
    """``data`` with its dates as ISO text: what a constitution is when it comes back from JSON."""
    if isinstance(data, dt.date):
        return data.isoformat()
    if isinstance(data, dict):
        return {k: _plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_plain(v) for v in data]
    return data


def carry(c: Constitution, data: Any) -> tuple[str, str]:
    """``(id, YAML text)`` of a constitution for ``Scenario.constitutions``.

    The text holds only what JSON holds (a date is written as ISO text, which the constitution's schema reads
    as the date), so a constitution carried through a Popolo bundle comes back as the same text."""
    return c.id, yaml.safe_dump(_plain(data), sort_keys=False, allow_unicode=True)


def rules_option(ref: str, option: str = "--rules", *, carried: Collection[str] = ()) -> tuple[str, Any | None]:
    """A rules reference an import is given (``--rules``): the id the chamber's rules take, and the mapping of
    the constitution the scenario must carry (None for an id). An id must be registered, or one of ``carried``
    (the constitutions the file itself carries); a constitution file is read (relative to the current folder)
    and registered now. Every fault is an InputError naming ``option``."""
    problem = rules_ref_problem(ref)
    if problem is not None:
        raise InputError(f"{option}: {problem}")
    if ref in carried:
        return ref, None
    if not looks_like_path(ref):
        try:
            get_constitution(ref)
        except NotFound as exc:
            raise InputError(f"{option}: {exc}") from None
        return ref, None
    path = constitution_path(ref)
    if not os.path.lexists(path):
        raise InputError(f"{option}: no constitution file {ref!r} (looked for {path.absolute()})")
    from whipcount.io.constitution import parse_constitution, read_constitution_yaml

    try:
        own = read_constitution_yaml(path)
        c = parse_constitution(own)
    except InputError as exc:  # a ConstitutionFileError too: it names the file and the line
        raise InputError(f"{option}: {exc}") from None
    _register(c)
    return c.id, own.data


def register_carried(scenario: Scenario) -> Scenario:
    """Register the constitutions a scenario carries (read back from a database, say) and return it."""
    from whipcount.io.constitution import parse_constitution_text

    for i, (cid, text) in enumerate(scenario.constitutions):
        _register(parse_constitution_text(text, f"{scenario.id}: constitutions[{i}] ({cid})"))
    return scenario


def _inline(located: Located) -> dict[str, tuple[Constitution, Any]]:
    """The constitutions written in the scenario file itself, by id, each checked with its place."""
    items = located.data.get("constitutions") if isinstance(located.data, dict) else None
    if items is None:
        return {}
    if not isinstance(items, list):
        raise ScenarioError(f"{located.where(('constitutions',))}: expected a list of constitutions, "
                            f"got {type(items).__name__}")
    from whipcount.io.constitution import parse_constitution

    out: dict[str, tuple[Constitution, Any]] = {}
    for i, item in enumerate(items):
        prefix = ("constitutions", i)
        lines = located.lines.under(prefix) if isinstance(located.lines, LineMap) else \
            {loc[2:]: line for loc, line in located.lines.items() if loc[:2] == prefix}
        try:
            c = parse_constitution(Located(item, located.name, lines))
        except ConstitutionFileError as exc:
            raise ScenarioError(_within(str(exc), located.name, i)) from None
        if c.id in out:
            raise ScenarioError(f"{located.where((*prefix, 'id'))}: constitution id {c.id!r} is used twice")
        out[c.id] = (c, item)
    return out


def _resolve_one(ref: str, loc: tuple[str | int, ...], located: Located, base: Path | None,
                 inline: dict[str, tuple[Constitution, Any]], carried: dict[str, tuple[str, str]]) -> str:
    if ref in inline:
        c, data = inline[ref]
        carried[c.id] = carry(_register(c), data)
        return c.id
    if looks_like_path(ref):
        path = constitution_path(ref, base)
        if not os.path.lexists(path):  # a FIFO, a folder or a looping link: the reader names what it is
            raise ScenarioError(f"{located.where(loc)}: no constitution file {ref!r}"
                                + (f" (looked for {path})" if base is not None else ""))
        from whipcount.io.constitution import parse_constitution, read_constitution_yaml

        try:  # read once, within the limits every input keeps: what is judged is what the scenario carries
            own = read_constitution_yaml(path)
            # its errors name it as the scenario's folder and chamber.rules do, not by the path it was read at
            c = dataclasses.replace(parse_constitution(own), origin=os.path.normpath(
                os.path.join(os.path.dirname(located.name), ref)))
        except InputError as exc:  # a ConstitutionFileError too
            raise ScenarioError(f"{located.where(loc)}: {exc}") from None
        carried[c.id] = carry(_register(c), own.data)
        return c.id
    try:
        get_constitution(ref)
    except NotFound as exc:
        raise ScenarioError(f"{located.where(loc)}: {exc}") from None
    return ref


_PLACE = re.compile(r"(?P<line>:\d+)?: (?P<path>[A-Za-z_][\w-]*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*: )?")


def _within(message: str, name: str, i: int) -> str:
    """A constitution file's error, told of the scenario that carries it as its ``i``-th: ``s.yaml:20:
    constitutions[0].motions[0].threshold.fraction: ...`` (the line is already the scenario's)."""
    if not message.startswith(name):
        return f"{name}: constitutions[{i}]: {message}"
    place = _PLACE.match(message, len(name))
    assert place is not None  # every part of the pattern is optional
    path = place.group("path")
    where = f"constitutions[{i}]" + (f".{path}" if path else ": ")
    return f"{name}{place.group('line') or ''}: {where}{message[place.end():]}"


def resolve_scenario_rules(scenario: Scenario, located: Located, base: Path | None = None) -> Scenario:
    """The scenario with every rules reference resolved to a registered id (see the module docstring)."""
    inline = _inline(located)
    carried: dict[str, tuple[str, str]] = {}
    chamber_rules = _resolve_one(scenario.chamber.rules, ("chamber", "rules"), located, base, inline, carried)
    motions = []
    single = isinstance(located.data, dict) and located.data.get("motion") is not None
    for i, m in enumerate(scenario.motions):
        loc: tuple[str | int, ...] = ("motion", "rules") if single and i == 0 else ("motions", i - single, "rules")
        rules = _resolve_one(m.rules, loc, located, base, inline, carried) if m.rules else None
        motions.append(dataclasses.replace(m, rules=rules))
    for cid, (c, data) in inline.items():  # written in the file but not referred to: still carried
        carried.setdefault(cid, carry(_register(c), data))
    return dataclasses.replace(
        scenario,
        chamber=dataclasses.replace(scenario.chamber, rules=chamber_rules),
        motions=tuple(motions),
        constitutions=tuple(carried.values()),
    )
