"""The chamber and the whole scenario mapping of a Popolo bundle read by :mod:`whipcount.io.popolo_build`:
what the caller's options say, what the chamber's organization says, and the bundle's own extras."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from whipcount.errors import InterchangeError
from whipcount.io.interchange_base import Data, Loc, _identifier, _Mapped, _Reader, slug
from whipcount.io.limits import shorten
from whipcount.io.popolo_format import Organization, PopoloBundle
from whipcount.io.popolo_sources import add_popolo_sources
from whipcount.io.popolo_term import term_read
from whipcount.io.rules_ref import looks_like_path
from whipcount.model.ids import is_id

__all__ = ["CHAMBER_EXTRAS", "SCENARIO_EXTRAS", "BuildOptions", "Paths", "chamber_entry", "rules_by_id",
           "scenario_document"]

SCENARIO_EXTRAS = ("stances", "stance_probabilities", "forecast", "key_dates", "sources", "unverified")
"""The scenario's fields a bundle's own ``extras`` carries under the same names (besides ``events``, the
event log, ``constitutions`` and ``scenario``: its id, title and description)."""
CHAMBER_EXTRAS = ("speaker", "term", "source", "sources", "verified", "note")
"""The chamber's fields its organization's ``extras`` carries under the same names (besides ``sides``)."""

Paths = dict[Loc, tuple[Loc, dict[str, Loc] | None]]
"""Where each part of the scenario mapping was read from in the bundle (for error messages)."""


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What the caller says of a bundle that does not say it itself (see ``import_popolo``). ``rules`` is a
    registered id; ``constitution`` the mapping of the user's own constitution it names, which the scenario
    carries (from :func:`whipcount.io.resolve.rules_option`)."""

    rules: str | None = None
    constitution: Any | None = None
    as_of: dt.date | None = None
    seats: int | None = None
    chamber: str | None = None
    term: str | None = None
    sides: dict[str, str] = field(default_factory=dict)
    default_side: str = "other"
    scenario_id: str | None = None


def chamber_entry(r: _Reader, ci: int, corg: Organization, opt: BuildOptions, parties: list[Data],
                  as_of: dt.date, term: tuple[frozenset[str], Paths] | None = None) -> Data:
    """The scenario's chamber: its id, name, rules profile and size (from the options, else the chamber's
    organization, else the seats held on ``as_of``), sides, the chamber's own extras, the sources of the
    organization, and where its extras give no term, the term of the legislative period whose memberships are
    read (``term``: the ids of the periods read, and the paths that learn where it was read)."""
    cx = corg.extras
    rules = opt.rules
    if rules is None:
        rules = cx.get("rules") if isinstance(cx.get("rules"), str) else None
    if rules is None:
        raise InterchangeError(f"{r.at(('organizations', ci))}: the chamber's rules profile is not in the "
                               "file; give --rules (for example pk-na, or the path of a constitution file)")
    seats = opt.seats
    if seats is None:
        raw_seats = cx.get("seats", (corg.model_extra or {}).get("seats"))  # EveryPolitician: on the org
        if isinstance(raw_seats, int) and not isinstance(raw_seats, bool):
            seats = raw_seats
        elif "seats" in cx:  # whipcount's own extra: a size it wrote is no guess to fall back from
            raise r.fail(("organizations", ci, "extras", "seats"), f"expected a whole number (the chamber's "
                                                                   f"size), got {shorten(repr(raw_seats), 40)}")
        elif raw_seats is not None:
            r.warnings.append(f"{r.at(('organizations', ci, 'seats'))}: expected a whole number, got "
                              f"{shorten(repr(raw_seats), 40)}: left out")
    if seats is None:
        seats = sum(int(p["seats"]) for p in parties if isinstance(p.get("seats"), int))
        r.warnings.append(f"{r.name}: the chamber's size is not in the file: taken as {seats}, "
                          f"the seats held on {as_of.isoformat()} (give --seats)")
    entry: Data = {}
    cid = cx.get("id", corg.id)
    if cid != "":
        entry["id"] = cid if isinstance(cid, str) and is_id(cid) else slug(str(cid))
    entry.update({"name": corg.name, "rules": rules, "seats": seats, "as_of": as_of})
    entry["sides"] = cx.get("sides", ["government", "opposition", "other"])
    wikidata = _identifier(corg.identifiers, "wikidata")
    if wikidata is not None:
        entry["wikidata"] = wikidata
    for key in CHAMBER_EXTRAS:
        if key in cx:
            entry[key] = cx[key]
    if "term" not in entry and term is not None and (read := term_read(r, *term)) is not None:
        entry["term"] = read
    add_popolo_sources(entry, [corg])
    return entry


def scenario_document(b: PopoloBundle, corg: Organization, opt: BuildOptions, paths: Paths, parts: Data) -> Data:
    """The scenario mapping: ``parts`` (chamber, parties, members, events, motions) with the bundle's own
    extras (stances, forecast, sources ...); ``paths`` learns where each extra came from."""
    sx = b.extras.get("scenario") if isinstance(b.extras.get("scenario"), dict) else {}
    assert isinstance(sx, dict)
    doc: Data = {"id": opt.scenario_id or sx.get("id") or slug(corg.id),
                 "title": sx.get("title", corg.name)}
    if "description" in sx:
        doc["description"] = sx["description"]
    doc.update(parts)
    for key in SCENARIO_EXTRAS:
        if key in b.extras:
            doc[key] = b.extras[key]
            paths[(key,)] = (("extras", key), None)
    for key in ("id", "title", "description"):
        paths[(key,)] = (("extras", "scenario", key), None)
    if "title" not in sx:  # the title is the chamber's name: an error in it is the name's, where it is given
        paths[("title",)] = (*paths[("chamber",)][0], "name"), None
    constitutions = _constitutions(b.extras.get("constitutions"), opt.constitution)
    if constitutions is not None:
        doc["constitutions"] = constitutions
        paths[("constitutions",)] = (("extras", "constitutions"), None)
    return doc


def _constitutions(carried: Any, given: Any | None) -> Any:
    """The constitutions the scenario carries: the bundle's own (as whipcount writes them), with the one
    ``--rules`` gave in place of the bundle's of its id, else after them. A value that is not a list is
    passed on for the scenario's reader to refuse at its place."""
    if given is None or not isinstance(carried, list | None):
        return carried
    out = list(carried or [])
    same = [i for i, c in enumerate(out) if isinstance(c, dict) and c.get("id") == given.get("id")]
    if same:
        out[same[0]] = given
    else:
        out.append(given)
    return out


def rules_by_id(located: _Mapped, doc: Data) -> None:
    """A bundle names rules by id: a path in it would be read from wherever the import runs (``--rules`` may
    give a file; the bundle carries a constitution of the user's own under ``extras.constitutions``)."""
    refs: list[tuple[Loc, object]] = [(("chamber", "rules"), doc["chamber"].get("rules"))]
    refs += [(("motions", i, "rules"), m.get("rules")) for i, m in enumerate(doc["motions"])]
    for loc, ref in refs:
        if isinstance(ref, str) and looks_like_path(ref):
            raise InterchangeError(f"{located.where(loc)}: expected the id of a rules profile (a constitution of "
                                   f"your own goes under extras.constitutions, or give --rules FILE), got {ref!r}")
