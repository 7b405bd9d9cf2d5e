"""What the interchange readers (Popolo, OCD, CSV) share: the import result, partial dates, foreign ids
mapped to whipcount ids, the reader that names the place of an error in the source file, and the map that
turns an error found in the scenario built from a file back into a place in that file."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from whipcount.errors import InputError, InterchangeError
from whipcount.io.identifiers import identifier_problem
from whipcount.io.limits import quoted
from whipcount.io.list_caps import CapTree, caps_of
from whipcount.io.plain_words import and_more, problem_words
from whipcount.io.yamlsource import Located, format_loc, load_json_file
from whipcount.model import Scenario
from whipcount.model.ids import ID_WORDS, did_you_mean, id_like, is_id
from whipcount.model.place import Place

if TYPE_CHECKING:
    from whipcount.io.json_places import JsonPlaces
    from whipcount.io.popolo_format import Identifier, PopoloBundle

Loc = tuple[str | int, ...]
Data = dict[str, Any]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?$")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """An imported scenario and the warnings found on the way (counts that disagree, guesses made)."""

    scenario: Scenario
    warnings: tuple[str, ...] = ()


def check_side_options(sides: Mapping[str, str], known: Mapping[str, str], name: str) -> None:
    """Refuse a ``--side PARTY=SIDE`` that names no party of the file ``name``: ``known`` maps each name a
    party may be given by (its whipcount id, its id in the file) to its whipcount id."""
    for party, side in sides.items():
        if party in known:
            continue
        ids = sorted(set(known.values()))
        listed = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
        hint = did_you_mean(party, known)
        raise InterchangeError(f"--side {party}={side}: {name} has no party {party!r} "
                               f"(expected one of: {listed or 'none'}){hint}")


def side_not_used(where: str, party: str, in_file: str, option: str) -> str:
    """The warning for a ``--side`` that disagrees with the side the file gives: the file's side is kept."""
    return (f"{where}: {party!r} sits on {in_file} in the file; --side {party}={option} is not used "
            "(the file's side wins: edit the file to change it)")


def side_problem(value: object) -> str | None:
    """Why a side a file gives (a membership's ``extras.side``, a CSV's ``side`` cell) is not one, with the id
    it would be where one can be made of it (``'Government'``: ``'government'``), or None for an id."""
    if isinstance(value, str) and is_id(value):
        return None
    made = id_like(value) if isinstance(value, str) else ""
    return f"expected a side, {ID_WORDS}, got {quoted(str(value))}" + (f" (for example {made!r})" if made else "")


def parse_partial_date(text: str) -> tuple[dt.date, str]:
    """``2018`` / ``2018-04`` / ``2018-04-05`` (a time part is dropped) → (first day, precision).

    Precision is ``year``, ``month`` or ``day``. Raises ValueError with a message for anything else.
    """
    m = _DATE.fullmatch(text.strip())
    if not m:
        raise ValueError(f"expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got {quoted(text)}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        date = dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        raise ValueError(f"no such date: {quoted(text)}") from None
    return date, "day" if day else "month" if month else "year"


def slug(text: str) -> str:
    """A whipcount id for a foreign one: lower case, runs of other characters as ``-``.

    Readers first try the part after the last ``/`` (``party/red`` → ``red``,
    ``ocd-person/0b1c…`` → ``0b1c…``), then the whole id if that part is taken.
    """
    return id_like(text) or "x"


class _Ids:
    """Foreign ids → whipcount ids, one to one; a changed id is reported once."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.map: dict[str, str] = {}
        self.used: dict[str, str] = {}
        self.changed: list[tuple[str, str, Loc]] = []  # foreign id, whipcount id, where the foreign one is

    def add(self, foreign: str, fail: Callable[[str], InterchangeError], loc: Loc = ()) -> str:
        if foreign in self.map:
            raise fail(f"{self.what} id {foreign!r} is used twice")
        mine = foreign if is_id(foreign) else slug(foreign.rsplit("/", 1)[-1])
        if mine in self.used and mine != foreign:  # "party/red" and "bloc/red": keep the whole id
            mine = slug(foreign)
        if mine in self.used:
            raise fail(f"{self.what} id {foreign!r} and {self.used[mine]!r} both become {mine!r}")
        self.map[foreign] = mine
        self.used[mine] = foreign
        if mine != foreign:
            self.changed.append((foreign, mine, loc))
        return mine

    def change_warnings(self, at: Callable[[Loc], str]) -> list[str]:
        """A warning for each id read as another (``at`` names where), or, past :data:`EACH_ID_SAID` of them,
        one warning counting them with the first few: a file of 5,000 foreign person ids had given 5,000."""
        said = [f"{at(loc)}: {old!r} is not a whipcount id: read as {new!r}" for old, new, loc in self.changed]
        if len(said) <= EACH_ID_SAID:
            return said
        first = "; ".join(said[:3])
        return [f"{len(said):,} {self.what} ids are not whipcount ids: each is read as an id made of it, "
                f"as in: {first}; ..."]


EACH_ID_SAID = 10
"""How many ids read as others a reader names one by one before it counts them in one warning."""


@dataclass(slots=True)
class _Mapped(Located):
    """A Located whose error paths are rewritten from the scenario's shape to the source file's."""

    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]] = field(default_factory=dict)
    locate: Callable[[Loc], str] | None = None

    def _at(self, loc: Loc) -> str:
        if self.locate is not None:
            return self.locate(loc)
        path = format_loc(loc)
        return f"{self.name}: {path}" if path else self.name

    def _mapped(self, loc: Sequence[str | int]) -> Loc:
        """The path in the source file of the scenario's path ``loc``."""
        loc = tuple(loc)
        for n in range(len(loc), -1, -1):
            hit = self.paths.get(loc[:n])
            if hit is None:
                continue
            base, renames = hit
            rest = loc[n:]
            if renames is None or not rest:
                return base + rest
            if isinstance(rest[0], str) and rest[0] in renames:
                return base + renames[rest[0]] + rest[1:]
            return (*base, "extras", *rest)
        return loc

    def where(self, loc: Sequence[str | int]) -> str:
        return self._at(self._mapped(loc))

    def place(self, loc: Sequence[str | int]) -> str | Place:
        """:meth:`where`, its line found only when shown where that means reading the file's places again
        (every event of an import keeps one; few are ever shown). The place keeps the path in the file and
        the file's locator, not the data read."""
        locate = self.locate
        if locate is None:
            return self.where(loc)
        mapped = self._mapped(loc)
        return Place(lambda: locate(mapped))


_PARTY_FIELDS: dict[str, Loc] = {"id": ("id",), "name": ("name",), "short": ("other_names",),
                                 "wikidata": ("identifiers",), "parlgov": ("identifiers",),
                                 "identifiers": ("identifiers",)}
_CHAMBER_FIELDS: dict[str, Loc] = {"id": ("id",), "name": ("name",), "wikidata": ("identifiers",)}
_MEMBER_FIELDS: dict[str, Loc] = {"id": ("id",), "name": ("name",), "wikidata": ("identifiers",),
                                  "identifiers": ("identifiers",),
                                  "party": ("memberships",), "constituency": ("memberships",)}
_MOTION_FIELDS: dict[str, Loc] = {"id": ("id",), "kind": ("classification",)}
_DIVISION_FIELDS: dict[str, Loc] = {"date": ("start_date",), "yes": ("counts",), "no": ("counts",),
                                    "abstain": ("counts",), "absent": ("counts",), "votes": ("votes",)}


def json_locator(p: Path, name: str) -> Callable[[Loc], str]:
    """``FILE:LINE: path`` for the value at a path of the JSON file ``p`` (``FILE: path`` where the line cannot
    be found). The text is read again, and its places found, only when a message needs one."""

    @functools.cache
    def text_places() -> JsonPlaces | None:
        from whipcount.io.json_places import JsonPlaces

        try:
            return JsonPlaces(p.read_bytes())
        except OSError:  # gone or unreadable since it was read: the path alone
            return None

    def locate(loc: Loc) -> str:
        places, path = text_places(), format_loc(loc)
        at = places.offset(loc) if places is not None else None
        if at is None and places is not None and len(loc) > 1 and isinstance(loc[-1], str):
            # a field the file leaves out (a required one) is placed on its object's line, as in YAML
            at = places.offset(loc[:-1])
        where = f"{name}:{places.line(at)}" if at is not None and places is not None else name
        return f"{where}: {path}" if path else where

    return locate


def _pydantic_error(name: str, exc: ValidationError, locate: Callable[[Loc], str] | None = None,
                    schema: str = "Popolo") -> InterchangeError:
    """The first problem of a file read against the ``schema`` schema, at its place (:func:`json_locator`)."""
    err = exc.errors()[0]
    loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and "[" in x))
    where = locate(loc) if locate is not None else f"{name}: {format_loc(loc)}"
    return InterchangeError(f"{where}: {problem_words(err, schema, width=80)}{and_more(exc)}")


@dataclass(slots=True)
class _Reader:
    name: str
    bundle: PopoloBundle
    warnings: list[str] = field(default_factory=list)
    locate: Callable[[Loc], str] | None = None

    def at(self, loc: Loc) -> str:
        """``FILE: path`` (or, for a file read as CSV, ``FILE:LINE: column``)."""
        if self.locate is not None:
            return self.locate(loc)
        return f"{self.name}: {format_loc(loc)}" if loc else self.name

    def fail(self, loc: Loc, message: str) -> InterchangeError:
        return InterchangeError(f"{self.at(loc)}: {message}")

    def refer(self, loc: Loc) -> str:
        """Another place, named inside a message about one: ``memberships[1] (line 22)`` in a JSON file,
        ``line 7`` (its column too, where it has one) in a CSV, the path alone where no line is known."""
        found = re.fullmatch(r":(\d+)(?:: (.*))?", self.at(loc).removeprefix(self.name), re.DOTALL)
        if found is None:
            return format_loc(loc)
        line, path = found.groups()
        if path is None or path.startswith("column "):
            return f"line {line}" + (f", {path}" if path else "")
        return f"{path} (line {line})"

    def date(self, loc: Loc, text: str | None) -> tuple[dt.date, str] | None:
        if text is None or text == "":
            return None
        try:
            date, precision = parse_partial_date(text)
        except ValueError as exc:
            raise self.fail(loc, str(exc)) from None
        if precision != "day":
            self.warnings.append(f"{self.at(loc)}: {text!r} has {precision} precision; read as {date.isoformat()}")
        return date, precision


def _identifier(ids: list[Identifier], scheme: str) -> str | None:
    for i in ids:
        if i.scheme.lower() == scheme:
            return i.identifier
    return None


def _read_identifiers(r: _Reader, loc: Loc, ids: list[Identifier]) -> dict[str, str]:
    """``identifiers: [{scheme, identifier}]`` → {scheme: identifier}, schemes in lower case.

    Each is checked (a wikidata id is Q and a number, a parlgov id a number); the same pair twice is
    read once, one scheme with two different identifiers is an error naming the second.
    """
    out: dict[str, str] = {}
    first: dict[str, int] = {}
    for k, ident in enumerate(ids):
        scheme, value = ident.scheme.strip().lower(), ident.identifier.strip()
        problem = identifier_problem(scheme, value)
        if problem is not None:
            raise r.fail((*loc, "identifiers", k), problem)
        if scheme in out and out[scheme] != value:
            raise r.fail((*loc, "identifiers", k), f"a second {scheme} identifier {value!r} (identifiers"
                         f"[{first[scheme]}] is {out[scheme]!r}): whipcount keeps one per scheme")
        first.setdefault(scheme, k)
        out[scheme] = value
    return out




def read_json(p: Path, format_: type[BaseModel] | CapTree | None = None) -> Any:
    """Parse a JSON file within the readers' bounds (each list within its cap in ``format_``: the caps, or the
    model the data will be validated by); errors name the file and line."""
    caps = format_ if isinstance(format_, CapTree) or format_ is None else caps_of(format_)
    try:
        return load_json_file(p, caps=caps)
    except InterchangeError:
        raise
    except InputError as exc:
        raise InterchangeError(str(exc)) from None


