"""The event log of a Popolo bundle written by someone else, derived from its memberships' dates: a
membership that ends is a ``vacate``, one that starts later a ``fill-seat``, a change of party a
``join-party``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from whipcount.io.interchange_base import Data, Loc, _Reader


@dataclass(slots=True)
class _Seat:
    """One chamber membership, read."""

    index: int
    person: str
    party: str
    start: dt.date | None
    end: dt.date | None
    start_precision: str
    end_precision: str
    constituency: str | None
    side: str | None
    extras: dict[str, Any]


_ORDER = {"vacate": 0, "join-party": 1, "fill-seat": 2}


def _derive_events(
    r: _Reader,
    by_person: dict[str, list[_Seat]],
    initial: dict[str, _Seat | None],
    as_of: dt.date,
    paths: dict[Loc, tuple[Loc, dict[str, Loc] | None]],
    parties: list[Data],
    party_index: dict[str, int],
) -> list[Data]:
    """Events from the memberships' dates: seats that fall vacant, are filled, or change party."""
    found: list[tuple[dt.date, int, int, Data, Loc]] = []

    def side_of(party: str) -> str | None:
        p = parties[party_index[party]]
        side = p.get("side")
        return side if isinstance(side, str) else None

    def add(date: dt.date, kind: str, seat: _Seat, which: str, precision: str, **fields: Any) -> None:
        ev: Data = {"date": date, "kind": kind, **fields, "members": [seat.person]}
        extras = {"membership": f"memberships[{seat.index}]"}
        if precision != "day":
            extras["date_precision"] = precision
        ev["extras"] = extras
        found.append((date, _ORDER[kind], seat.index, ev, ("memberships", seat.index, which)))

    for pid, spans in by_person.items():
        first = initial.get(pid)
        current: _Seat | None = first
        later = [s for s in spans if s is not first and (s.start is not None and s.start > as_of)]
        seated = first is not None
        for s in later:
            if current is not None and seated:
                contiguous = current.end is not None and s.start is not None and (
                    s.start - current.end).days <= 1
                if contiguous and current.party == s.party:
                    current = s
                    continue
                if contiguous:
                    add(s.start or as_of, "join-party", s, "start_date", s.start_precision,
                        party=s.party, to=side_of(s.party))
                    current = s
                    continue
                if current.end is not None and current.end >= as_of:
                    add(current.end, "vacate", current, "end_date", current.end_precision, party=current.party)
                seated = False
            assert s.start is not None
            add(s.start, "fill-seat", s, "start_date", s.start_precision, party=s.party, to=side_of(s.party))
            current, seated = s, True
        if current is not None and seated and current.end is not None and current.end >= as_of:
            add(current.end, "vacate", current, "end_date", current.end_precision, party=current.party)
    found.sort(key=lambda t: (t[0], t[1], t[2]))
    out: list[Data] = []
    for _, _, _, ev, loc in found:
        paths[("events", len(out))] = (loc, None)
        out.append({k: v for k, v in ev.items() if v is not None})
    return out


