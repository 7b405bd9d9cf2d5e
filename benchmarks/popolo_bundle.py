"""A seeded Popolo bundle of EveryPolitician's shape and size, for ``benchmarks/popolo.py``.

:func:`make_bundle` lays out a chamber of ``seats`` seats over thirty years: each seat is held by one person
after another (a vacancy of up to four months between some), each person's stint cut into memberships at
random dates, most of them a change of party (a party of the other side now and then), the rest the same
party again (as EveryPolitician cuts a stint at each election). Persons have names with accents and
apostrophes, ids in EveryPolitician's UUID form, Wikidata and other identifiers; each seat is a constituency
(an area).
"""

from __future__ import annotations

import datetime as dt
import random
import uuid
from typing import Any

FIRST = ["Ana", "Ben", "Zoë", "José", "Łucja", "Seán", "Ngozi", "Olúwaseun", "Mei", "Priya", "Tomás", "Yusuf",
         "Ines", "Raj", "Åsa", "Chloé", "Dmitri", "Fatima", "Hana", "Kofi"]
LAST = ["Núñez", "O'Brien", "Smith", "Khan", "Müller", "D'Souza", "Nakamura", "Eze", "Kowalski", "García",
        "Van der Berg", "Ó Súilleabháin", "Chen", "Okafor", "Larsen", "Dubois", "Ivanova", "Haddad"]
START, END = dt.date(1994, 1, 1), dt.date(2024, 1, 1)
SIDES = ("government", "opposition", "other")


def party_sides(n_parties: int = 14) -> dict[str, str]:
    """The ``--side`` of each party of the bundle (its organization id's last part)."""
    return {f"p{i:02d}": SIDES[0] if i < n_parties // 2 - 1 else SIDES[1] if i < n_parties - 1 else SIDES[2]
            for i in range(n_parties)}


def _person(rng: random.Random, k: int) -> dict[str, Any]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    person: dict[str, Any] = {"id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                              "name": f"{first} {last}", "sort_name": f"{last}, {first}",
                              "gender": rng.choice(["female", "male"]),
                              "identifiers": [{"scheme": "wikidata", "identifier": f"Q{1_000_000 + k}"}]}
    if k % 3 == 0:
        person["identifiers"].append({"scheme": "parlparse", "identifier": f"uk.org.publicwhip/person/{10_000 + k}"})
    if k % 7 == 0:
        person["contact_details"] = [{"type": "email", "value": f"member{k}@example.org"}]
    return person


def _stint(rng: random.Random, person: str, area: str, party: int, start: dt.date, end: dt.date, pieces: int,
           n_parties: int) -> list[dict[str, Any]]:
    """One person's memberships from ``start`` to ``end``, cut in ``pieces``."""
    months = (end - start).days // 30  # a membership lasts a month at least
    cuts = sorted(rng.sample(range(1, months), min(pieces - 1, months - 1))) if months > 1 else []
    bounds = [start] + [start + dt.timedelta(days=30 * c + rng.randrange(15)) for c in cuts] + [end]
    out = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        m = {"person_id": person, "organization_id": "legislature", "on_behalf_of_id": f"party/p{party:02d}",
             "area_id": area, "start_date": a.isoformat(), "end_date": (b - dt.timedelta(days=1)).isoformat(),
             "role": "member"}
        out.append(m)
        if rng.random() < 0.6:  # a change of party; else the same party again (a new term)
            party = (party + rng.choice([1, 1, 2, n_parties // 2])) % n_parties
    if end >= END:  # still sitting
        out[-1].pop("end_date")
    return out


def make_bundle(persons: int = 5_000, memberships: int = 50_000, seats: int = 1_200, seed: int = 2026,
                n_parties: int = 14) -> dict[str, Any]:
    """A bundle of ``persons`` persons and about ``memberships`` memberships (see the module's docstring)."""
    rng = random.Random(seed)
    per_person = memberships / persons
    span = (END - START).days
    tenure = span * seats / persons  # mean days a person sits, so that the seats hold every person
    people: list[dict[str, Any]] = []
    ms: list[dict[str, Any]] = []
    owed = 0
    for s in range(seats):
        day = START
        while day < END and len(people) < persons:
            stay = max(60, int(rng.expovariate(1 / tenure)))
            end = min(END, day + dt.timedelta(days=stay))
            person = _person(rng, len(people))
            people.append(person)
            pieces = max(1, round(rng.uniform(1, 2 * per_person - 1)) + owed)
            stint = _stint(rng, person["id"], f"area/{s}", rng.randrange(n_parties), day, end, pieces, n_parties)
            owed = pieces - len(stint)  # a short stint holds fewer: the next ones make up for it
            ms += stint
            day = end + dt.timedelta(days=rng.choice([0, 0, 0, rng.randrange(30, 120)]))
    orgs: list[dict[str, Any]] = [{"id": "legislature", "name": "Assembly of Bigland", "classification": "legislature",
                                   "seats": seats, "identifiers": [{"scheme": "wikidata", "identifier": "Q999000"}]}]
    for i in range(n_parties):
        org = {"id": f"party/p{i:02d}", "name": f"Party “{i}”: {rng.choice(LAST)}'s list", "classification": "party",
               "identifiers": [{"scheme": "wikidata", "identifier": f"Q99{i:04d}"}]}
        if i % 4 == 0:
            org["other_names"] = [{"name": f"P{i:03d}", "note": "abbreviation"}]
        orgs.append(org)
    areas = [{"id": f"area/{s}", "name": f"Constituency {s:03d}: North-{s}", "type": "constituency"}
             for s in range(seats)]
    return {"persons": people, "organizations": orgs, "areas": areas, "memberships": ms,
            "motions": [], "vote_events": [], "meta": {"sources": ["https://example.org/bigland"]}}
