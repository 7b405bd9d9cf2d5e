"""A scenario built from a Popolo bundle read by :func:`whipcount.io.popolo.import_popolo`: the chamber, its
parties and members from the organizations, persons and memberships; the event log, read whole from a
bundle whipcount wrote or derived from the memberships' dates; motions and vote events."""

from __future__ import annotations

import datetime as dt

from whipcount.errors import InterchangeError
from whipcount.io.interchange_base import (
    _CHAMBER_FIELDS,
    _MEMBER_FIELDS,
    _PARTY_FIELDS,
    Data,
    Loc,
    _Ids,
    _read_identifiers,
    _Reader,
    check_side_options,
    parse_partial_date,
    side_not_used,
    side_problem,
)
from whipcount.io.limits import unknown_reference
from whipcount.io.popolo_chamber import BuildOptions, Paths, chamber_entry, scenario_document
from whipcount.io.popolo_events import (
    Step,
    _derive_events,
    _Seat,
    one_seat_at_a_time,
    seat_on,
    seat_timeline,
    side_of_seats,
    split_by_side,
)
from whipcount.io.popolo_format import Membership, Organization, Person, Post
from whipcount.io.popolo_left_out import left_out_warnings
from whipcount.io.popolo_sources import add_popolo_sources, periods_read, sources_path
from whipcount.io.popolo_votes import _motions

LogCheck = tuple[list[_Seat], list[tuple[int, str, str]]]
"""A bundle whipcount wrote: its memberships, and the parties its events create (index, id, name)."""


def bundle_document(r: _Reader, options: BuildOptions) -> tuple[Data, Paths, LogCheck | None, list[str]]:
    """The scenario mapping of the bundle ``r`` reads, step by step (see :class:`_Builder` and its
    :meth:`~_Builder.document`)."""
    return _Builder(r, options).document()


class _Builder:
    """Reads a bundle in the order a reader would: the chamber, who sits in it and from when, the date the
    seat counts hold on, the parties and members on that date, then the event log, motions and the chamber."""

    def __init__(self, r: _Reader, options: BuildOptions) -> None:
        self.r, self.b, self.opt = r, r.bundle, options
        self.native = "events" in self.b.extras  # written by whipcount: the event log is in extras
        self.orgs = self._organizations()
        self.corg = self._chamber_org()
        self.ci = self.orgs[self.corg.id][0]
        self.paths: Paths = {
            ("chamber",): (("organizations", self.ci), sources_path(self.corg, _CHAMBER_FIELDS)),
            ("parties",): (("organizations",), None),
            ("members",): (("persons",), None),
        }
        self.person_ids = _Ids("person")
        self.persons = self._persons()
        self.areas = {a.id: a for a in self.b.areas}
        self.posts = self._posts()
        self.periods = {e.id: e for e in self.b.events}
        self.party_ids = self._party_ids()
        self.term = self._term()
        self.need_independent = False
        self.logged: list[_Seat] = []  # a whipcount bundle's memberships written from its event log
        self.seats_read = [s for i, m in enumerate(self.b.memberships) if (s := self._seat(i, m)) is not None]
        if self.need_independent and "independent" not in self.party_ids.used:
            r.warnings.append(f"{r.at(('memberships',))}: some name no party (on_behalf_of_id): counted as "
                              "'independent'")
        self.as_of = self._start_date()
        self.by_person, self.initial = self._initial_seats()

    def document(self) -> tuple[Data, Paths, LogCheck | None, list[str]]:
        """The scenario mapping and where each part was read; for a bundle whipcount wrote, its memberships and
        the parties its events create, to hold against the log once it is read; the warnings of what the
        bundle holds that the scenario does not keep."""
        parties, party_index = self._parties()
        members = self._members()
        events = self._events(parties, party_index)
        motions = _motions(self.r, self.corg.id, self.person_ids, self.paths)
        periods = periods_read(self.r, self.corg.id, self.term)
        chamber = chamber_entry(self.r, self.ci, self.corg, self.opt, parties, self.as_of,
                                None if self.native else (periods, self.paths))  # whipcount's: in extras
        doc = scenario_document(self.b, self.corg, self.opt, self.paths,
                                {"chamber": chamber, "parties": parties, "members": members, "events": events,
                                 "motions": motions})
        r = self.r
        r.warnings += self.person_ids.change_warnings(r.at) + self.party_ids.change_warnings(r.at)
        made = [(i, self.party_ids.map[o.id], o.name) for i, o in self.orgs.values()
                if o.extras.get("created_by_event") is True]
        log_check = (self.seats_read + self.logged, made) if self.native else None
        return doc, self.paths, log_check, left_out_warnings(r, self.corg.id, periods)

    # -- who is who ------------------------------------------------------------------------------------
    def _organizations(self) -> dict[str, tuple[int, Organization]]:
        orgs: dict[str, tuple[int, Organization]] = {}
        for i, o in enumerate(self.b.organizations):
            if o.id in orgs:
                raise self.r.fail(("organizations", i, "id"), f"organization id {o.id!r} is used twice")
            orgs[o.id] = (i, o)
        return orgs

    def _chamber_org(self) -> Organization:
        """The legislature: the one given with --chamber, else the only one in the file."""
        name, chamber = self.r.name, self.opt.chamber
        legislatures = [o for o in self.b.organizations
                        if (o.classification or "").lower() in ("legislature", "chamber")]
        if chamber is not None:
            if chamber not in self.orgs:
                raise InterchangeError(f"{name}: no organization with id {chamber!r} (--chamber)")
            return self.orgs[chamber][1]
        if len(legislatures) == 1:
            return legislatures[0]
        if not legislatures:
            raise InterchangeError(f"{name}: organizations: no organization with classification 'legislature' "
                                   "(the chamber); give its id with --chamber")
        ids = ", ".join(o.id for o in legislatures)
        raise InterchangeError(f"{name}: organizations: {len(legislatures)} legislatures ({ids}); "
                               "choose one with --chamber")

    def _persons(self) -> dict[str, tuple[int, Person]]:
        persons: dict[str, tuple[int, Person]] = {}
        for i, p in enumerate(self.b.persons):
            self.person_ids.add(p.id, lambda msg, i=i: self.r.fail(("persons", i, "id"), msg),  # type: ignore[misc]
                                ("persons", i, "id"))
            persons[p.id] = (i, p)
        return persons

    def _posts(self) -> dict[str, Post]:
        posts: dict[str, Post] = {}
        for i, post in enumerate(self.b.posts):
            if post.area_id is not None and post.area_id not in self.areas:
                raise self.r.fail(("posts", i, "area_id"), unknown_reference("area", post.area_id, self.areas))
            posts[post.id] = post
        return posts

    def _party_ids(self) -> _Ids:
        ids = _Ids("organization")
        for pid, (i, o) in self.orgs.items():
            if o is not self.corg:
                ids.add(pid, lambda msg, i=i: self.r.fail(("organizations", i, "id"), msg),  # type: ignore[misc]
                        ("organizations", i, "id"))
        return ids

    def _term(self) -> str | None:
        """The legislative period whose memberships are read (--term, or the only one)."""
        name, term = self.r.name, self.opt.term
        terms = {m.legislative_period_id for m in self.b.memberships if m.organization_id == self.corg.id}
        if term is None and len(terms - {None}) > 1:
            raise InterchangeError(
                f"{name}: memberships span {len(terms - {None})} legislative periods "
                f"({', '.join(sorted(t for t in terms if t))}); choose one with --term"
            )
        if term is not None and term not in terms:
            raise InterchangeError(f"{name}: no membership of {self.corg.id!r} in legislative period {term!r} "
                                   "(--term)")
        return term

    # -- seats -----------------------------------------------------------------------------------------
    def _check_membership(self, loc: Loc, m: Membership) -> None:
        """Every id a membership names exists."""
        known = (("person_id", m.person_id, self.persons, "person"),
                 ("organization_id", m.organization_id, self.orgs, "organization"),
                 ("on_behalf_of_id", m.on_behalf_of_id, self.orgs, "organization"),
                 ("post_id", m.post_id, self.posts, "post"),
                 ("area_id", m.area_id, self.areas, "area"))
        for fieldname, value, table, what in known:
            if value is not None and value not in table:
                raise self.r.fail((*loc, fieldname), unknown_reference(what, value, table))
        if (period := m.legislative_period_id) is not None and self.periods and period not in self.periods:
            raise self.r.fail((*loc, "legislative_period_id"), unknown_reference("event", period, self.periods))

    def _seat(self, i: int, m: Membership) -> _Seat | None:
        """Membership ``i`` as a seat in the chamber, or None (a party membership, another term, ...)."""
        loc: Loc = ("memberships", i)
        self._check_membership(loc, m)
        if m.organization_id != self.corg.id or m.person_id is None:
            return None  # a party membership or a committee: not a seat
        if self.term is not None and m.legislative_period_id != self.term:
            return None
        if self.native and m.extras.get("from_event_log") is True:
            # written from the event log, which extras carries whole: checked against it once it is read
            self.logged.append(self._read_seat(i, m))
            return None
        if m.on_behalf_of_id is None:
            self.need_independent = True
        return self._read_seat(i, m)

    def _read_seat(self, i: int, m: Membership) -> _Seat:
        """Membership ``i``, ``m``, of a person in the chamber, its dates checked."""
        loc: Loc = ("memberships", i)
        assert m.person_id is not None
        if m.on_behalf_of_id == self.corg.id:
            raise self.r.fail((*loc, "on_behalf_of_id"), "names the chamber itself, expected a party")
        start = self.r.date((*loc, "start_date"), m.start_date)
        end = self.r.date((*loc, "end_date"), m.end_date)
        if start and end and end[0] < start[0]:
            raise self.r.fail((*loc, "end_date"), f"ends ({end[0]}) before it starts ({start[0]})")
        side = m.extras.get("side")
        if side is not None and (problem := side_problem(side)) is not None:
            raise self.r.fail((*loc, "extras", "side"), problem)
        return _Seat(
            i, self.person_ids.map[m.person_id],
            self.party_ids.map[m.on_behalf_of_id] if m.on_behalf_of_id else "independent",
            start[0] if start else None, end[0] if end else None,
            start[1] if start else "day", end[1] if end else "day", self._area(m),
            side, m.extras,
        )

    def _area(self, m: Membership) -> str | None:
        """The constituency: the post's area, the membership's area, or the post's label."""
        if m.post_id is not None and self.posts[m.post_id].area_id is not None:
            return self.areas[self.posts[m.post_id].area_id or ""].name
        if m.area_id is not None:
            return self.areas[m.area_id].name
        if m.post_id is not None:
            return self.posts[m.post_id].label
        return None

    def _start_date(self) -> dt.date:
        """The date the seat counts hold on: --as-of, the chamber's own, the term's start, or the earliest."""
        r, cx, as_of = self.r, self.corg.extras, self.opt.as_of
        if as_of is None and "as_of" in cx:
            try:
                as_of = parse_partial_date(str(cx["as_of"]))[0]
            except ValueError as exc:
                raise r.fail(("organizations", self.ci, "extras", "as_of"), str(exc)) from None
        term = self.term
        if as_of is None and term is not None and self.periods.get(term) and self.periods[term].start_date:
            got = r.date(("events", list(self.periods).index(term), "start_date"), self.periods[term].start_date)
            as_of = got[0] if got else None
        if as_of is None:
            starts = [s.start for s in self.seats_read if s.start is not None]
            if not starts:
                raise InterchangeError(f"{r.name}: no date to start from: the memberships have no start_date; "
                                       "give --as-of")
            as_of = min(starts)
            r.warnings.append(f"{r.at(('memberships',))}: the seat counts are taken on {as_of.isoformat()}, "
                              "the earliest start_date (give --as-of for another date)")
        return as_of

    def _initial_seats(self) -> tuple[dict[str, list[_Seat]], dict[str, _Seat | None]]:
        """Each person's memberships in date order, and the one that holds the seat on the start date
        (:func:`~whipcount.io.popolo_events.seat_on`: the same steps as the event log, so the chamber on
        any later date is the same whatever the start date)."""
        by_person: dict[str, list[_Seat]] = {}
        for s in self.seats_read:
            by_person.setdefault(s.person, []).append(s)
        initial: dict[str, _Seat | None] = {}
        self.steps: dict[str, list[Step]] = {}  # each person's steps, which the event log reads too
        for pid, spans in by_person.items():
            spans.sort(key=lambda s: (s.start or dt.date.min, s.index))
            one_seat_at_a_time(self.r, pid, spans)
            self.steps[pid] = seat_timeline(spans)
            initial[pid] = seat_on(self.steps[pid], self.as_of, day_done=not self.native)
        return by_person, initial

    # -- parties and members ---------------------------------------------------------------------------
    def _party_entry(self, i: int, o: Organization, counted: dict[str, int], no_side: list[str]) -> Data:
        mine = self.party_ids.map[o.id]
        x = dict(o.extras)
        entry: Data = {"id": mine, "name": o.name}
        short = next((n.name for n in o.other_names if (n.note or "").lower() == "abbreviation"), None)
        if short is not None:
            entry["short"] = short
        entry["seats"] = x.pop("seats", counted.get(mine, 0))
        side = self._side(i, o, x.pop("side", None), "by_side" in x)
        if side is None and "by_side" not in x and (
                side := side_of_seats(self.initial.values(), self.seats_read, mine)) is None:
            side = self.opt.default_side
            no_side.append(mine)
        if side is not None:
            entry["side"] = side
            if "by_side" not in x and (split := split_by_side(self.initial.values(), mine, entry["seats"], side)):
                entry["by_side"] = split
        idents = _read_identifiers(self.r, ("organizations", i), o.identifiers)
        if "wikidata" in idents:
            entry["wikidata"] = idents.pop("wikidata")
        if "parlgov" in idents:
            entry["parlgov"] = int(idents.pop("parlgov"))
        if idents:
            entry["identifiers"] = idents
        x.pop("created_by_event", None)
        entry.update(x)  # by_side, colour, left_right, verified, note, sources; unknown keys fail validation
        add_popolo_sources(entry, [o])
        return entry

    def _side(self, i: int, o: Organization, in_file: str | None, split: bool) -> str | None:
        """A party's side: the file's (its extras), else ``--side``; an option that disagrees is warned."""
        mine = self.party_ids.map[o.id]
        option = self.opt.sides.get(mine) or self.opt.sides.get(o.id)
        said = repr(in_file) if in_file else "several sides (extras.by_side)" if split else None
        if option and said and option != in_file:
            where = self.r.at(("organizations", i, "extras", "side" if in_file else "by_side"))
            self.r.warnings.append(side_not_used(where, o.id, said, option))
        return in_file or (None if split else option)

    def _parties(self) -> tuple[list[Data], dict[str, int]]:
        """The parties with their seats on the start date (counted from the memberships unless given)."""
        r, default_side = self.r, self.opt.default_side
        parties: list[Data] = []
        party_index: dict[str, int] = {}
        counted: dict[str, int] = {}
        for held_seat in self.initial.values():
            if held_seat is not None:
                counted[held_seat.party] = counted.get(held_seat.party, 0) + 1
        no_side: list[str] = []
        known: dict[str, str] = {}
        for _pid, (i, o) in self.orgs.items():
            made_by_event = self.native and o.extras.get("created_by_event") is True  # the log makes it
            if o is self.corg or made_by_event or (o.classification or "party").lower() != "party":
                continue
            entry = self._party_entry(i, o, counted, no_side)
            known[o.id] = known[entry["id"]] = entry["id"]  # --side may name it either way
            self.paths[("parties", len(parties))] = (("organizations", i), sources_path(o, _PARTY_FIELDS))
            party_index[entry["id"]] = len(parties)
            parties.append(entry)
        if self.need_independent:
            known.setdefault("independent", "independent")
        check_side_options(self.opt.sides, known, r.name)  # a --side naming no party is an error
        if self.need_independent and "independent" not in party_index:
            party_index["independent"] = len(parties)
            parties.append({"id": "independent", "name": "Independents", "seats": counted.get("independent", 0),
                            "side": self.opt.sides.get("independent", default_side)})
        for s in self.seats_read:
            if s.party not in party_index and not self.native:
                raise r.fail(("memberships", s.index, "on_behalf_of_id"),
                             f"{s.party!r} is not a party (its classification is not 'party')")
        if no_side:
            r.warnings.append(f"{r.at(('organizations',))}: no side given for {', '.join(no_side)}: "
                              f"put on {default_side!r} (give sides with --side PARTY=SIDE)")
        return parties, party_index

    def _member_entry(self, i: int, p: Person) -> Data | None:
        mine = self.person_ids.map[p.id]
        x = dict(p.extras)
        first = self.initial.get(mine)
        spans = self.by_person.get(mine, [])
        if first is None and not spans and "party" not in x:
            return None  # a person with no seat in this chamber (a candidate, a member of another term)
        entry: Data = {"id": mine, "name": p.name}
        if "party" in x:
            entry["party"] = x.pop("party")
        else:
            entry["party"] = first.party if first is not None else spans[0].party
        if first is not None and first.side is not None:
            entry["side"] = first.side
        constituency = (first or spans[0]).constituency if (first or spans) else None
        if constituency is not None:
            entry["constituency"] = constituency
        idents = _read_identifiers(self.r, ("persons", i), p.identifiers)
        if "wikidata" in idents:
            entry["wikidata"] = idents.pop("wikidata")
        if idents:
            entry["identifiers"] = idents
        if first is None:
            entry["seated"] = False
        x.pop("seated", None)
        entry.update(x)
        add_popolo_sources(entry, [p, *(self.b.memberships[s.index] for s in spans)])
        return entry

    def _members(self) -> list[Data]:
        members: list[Data] = []
        for _pid, (i, p) in self.persons.items():
            entry = self._member_entry(i, p)
            if entry is not None:
                self.paths[("members", len(members))] = (("persons", i), sources_path(p, _MEMBER_FIELDS))
                members.append(entry)
        return members

    # -- the log, the chamber, the document ------------------------------------------------------------
    def _events(self, parties: list[Data], party_index: dict[str, int]) -> list[Data]:
        """The event log: whole from a bundle whipcount wrote, else derived from the memberships' dates."""
        if not self.native:
            return _derive_events(self.steps, self.as_of, self.paths, parties, party_index)
        raw = self.b.extras.get("events")
        if not isinstance(raw, list):
            raise self.r.fail(("extras", "events"), "expected a list of events")
        self.paths[("events",)] = (("extras", "events"), None)
        return list(raw)
