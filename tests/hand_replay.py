"""A replay of a scenario file by hand, written from the README's table of seat events and nothing else of
whipcount's: the file read as plain YAML, each event applied in date order (file order within a day), the
seats of each party on each side summed after it. The tests hold ``whipcount tally --on``, the timeline and
the dashboard to it.

A count of seats without ``from_side`` leaves the sides a party holds most seats on first (a side it moves
to is not left); a party that gains seats on no named side sits where most of its seats are; a change of
government swaps the government's and the opposition's seats.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

SWAP = {"government": "opposition", "opposition": "government"}


class Hand:
    """The seats of a chamber by party and side, the vacancies and the named members' (party, side)."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.held: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        self.home: dict[str, str] = {}
        for p in data["parties"]:
            self.home[p["id"]] = p.get("side")
            for side, n in (p.get("by_side") or {p.get("side"): p["seats"]}).items():
                self.held[p["id"]][side] += n
        self.members = {m["id"]: [m["party"], m.get("side") or self.main(m["party"])]
                        for m in data.get("members") or [] if m.get("seated", True)}
        self.vacant = data["chamber"]["seats"] - sum(sum(s.values()) for s in self.held.values())

    def main(self, party: str) -> str:
        held = {s: n for s, n in self.held[party].items() if n}
        return max(held, key=lambda s: held[s]) if held else self.home[party]

    def take(self, party: str, n: int, from_side: str | None = None, avoid: str | None = None) -> dict[str, int]:
        held = self.held[party]
        order = [from_side] if from_side else sorted((s for s in held if s != avoid and held[s]), key=lambda s: -held[s])
        taken = {}
        for side in order:
            k = min(n, held[side])
            held[side] -= k
            n -= k
            taken[side] = k
        assert n == 0, f"{party} lacks seats"
        return taken

    def move_member(self, mid: str, party: str, side: str | None) -> None:
        old_party, old_side = self.members[mid]
        self.held[old_party][old_side] -= 1
        self.held[party][side or old_side] += 1
        self.members[mid] = [party, side or old_side]

    def apply(self, e: dict[str, Any]) -> None:  # noqa: C901 - one branch a kind, as the README's table
        kind, n = e["kind"], e.get("seats")
        if kind in ("switch-side", "defect"):
            party, to = e["party"], e["to"]
            if e.get("members"):
                for mid in e["members"]:
                    self.move_member(mid, party, to)
                return
            if n is None:  # the whole party
                n = sum(k for s, k in self.held[party].items() if s != to)
                for m in self.members.values():
                    m[1] = to if m[0] == party else m[1]
            self.take(party, n, e.get("from_side"), avoid=to)
            self.held[party][to] += n
        elif kind in ("leave-party", "join-party", "split"):
            if kind == "split":
                src, dest = e["party"], e["new_party"]["id"]
                self.home[dest] = e["new_party"].get("side") or e.get("to") or self.main(src)
            elif kind == "leave-party":
                src, dest = e["party"], e.get("to_party", "independent")
            else:
                src, dest = e.get("from_party", "independent"), e["party"]
            self.home.setdefault(dest, self.main(src))
            if e.get("members"):
                for mid in e["members"]:
                    self.move_member(mid, dest, e.get("to") or (e["new_party"].get("side") if kind == "split" else None))
                return
            side = e.get("to") or (e["new_party"].get("side") if kind == "split" else None)
            for s, k in self.take(src, 1 if n is None else n, e.get("from_side")).items():
                self.held[dest][side or s] += k
        elif kind == "merge":
            into = e["into"]
            self.home.setdefault(into, self.home[e["parties"][0]])
            for p in e["parties"]:
                if p != into:
                    for s, k in self.held.pop(p, {}).items():
                        self.held[into][s] += k
                    for m in self.members.values():
                        m[0] = into if m[0] == p else m[0]
        elif kind in ("resign", "death", "disqualify", "vacate"):
            if e.get("members"):
                for mid in e["members"]:
                    party, side = self.members.pop(mid)
                    self.held[party][side] -= 1
                self.vacant += len(e["members"])
                return
            self.take(e["party"], 1 if n is None else n, e.get("from_side"))
            self.vacant += 1 if n is None else n
        elif kind in ("by-election", "fill-seat"):
            n = len(e["members"]) if e.get("members") else 1 if n is None else n
            assert n <= self.vacant
            self.held[e["party"]][e.get("to") or self.main(e["party"])] += n
            self.vacant -= n
        elif kind == "government-change":
            for held in self.held.values():
                held["government"], held["opposition"] = held["opposition"], held["government"]
            for m in self.members.values():
                m[1] = SWAP.get(m[1], m[1])
            self.home = {p: SWAP.get(s, s) for p, s in self.home.items()}

    def parties(self) -> dict[str, dict[str, int]]:
        return {p: {s: n for s, n in held.items() if n} for p, held in self.held.items() if any(held.values())}

    def sides(self) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for held in self.held.values():
            for s, n in held.items():
                out[s] += n
        return {s: n for s, n in out.items() if n}


def on(data: dict[str, Any], day: dt.date) -> Hand:
    """The chamber at the end of ``day``: every event dated that day or before applied."""
    hand = Hand(data)
    for e in sorted(data.get("events") or [], key=lambda e: e["date"]):
        if e["date"] <= day:
            hand.apply(e)
    return hand


def days_to_check(data: dict[str, Any]) -> list[dt.date]:
    """Every event's day and the day before it, and every motion's vote day, from the chamber's ``as_of``."""
    days = {m["vote"] for m in [data.get("motion") or {}, *(data.get("motions") or [])] if m.get("vote")}
    for e in data.get("events") or []:
        days |= {e["date"], e["date"] - dt.timedelta(days=1)}
    return sorted(d for d in days if d >= data["chamber"]["as_of"])
