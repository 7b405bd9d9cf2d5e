"""The colours a seat chart gives parties: their own where readers can tell them apart, moved or grouped
where they cannot.

Every two parties drawn in one chart must differ by :data:`~whipcount.charts.cvd.MIN_DELTA_E` (CIEDE2000)
for readers with normal vision, deuteranopia, protanopia and tritanopia (:mod:`whipcount.charts.cvd`). A
:class:`ColourPlan` settles the parties largest first:

1. a party keeps its own colour (from its scenario file, or the next free palette colour) when it is far
   enough from every colour settled before it;
2. otherwise its colour moves, in lightness and chroma first and in hue only if that fails
   (:func:`~whipcount.charts.cvd.separate`); the legend shows the new colour and a note under the chart
   gives the old one;
3. a party with few seats (:func:`few_seats`) that no nearby colour separates is drawn with the others
   that fail, as one grey bloc, "Others" in the legend, each seat still titled with its own party; the
   note under the chart names them. The plan is worked out again with that bloc in it until every
   colour is settled.

Every party must also differ as much from the white ground the seats are drawn on (:data:`GROUND_KEY`,
settled before any party): a seat in a colour as pale as the page (a user's ``#fefefe``, a pale yellow)
reads as an empty seat. Such a colour is darkened like any other that is too close.

A larger party that cannot be separated keeps its best colour and the chart says so ("Warning: hard to
tell apart"), never silently.

A scenario's charts share one plan (:func:`scenario_colours`), made from every party that holds seats on
the scenario's first day, its key dates or its last, ranked by the most seats each holds on one of those
days, so that a party has the same colour in every chart of a report.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from whipcount.charts.colours import assign_colours
from whipcount.charts.cvd import Adjustment, separate
from whipcount.model import ChamberState, Scenario

__all__ = ["GROUND_COLOUR", "GROUND_KEY", "GROUND_LABEL", "OTHERS_COLOUR", "OTHERS_KEY", "OTHERS_LABEL", "ColourPlan",
           "few_seats", "plan_colours", "scenario_colours", "state_colours"]

#: The seat key, legend label and starting colour of the parties drawn together.
OTHERS_KEY = "others"
OTHERS_LABEL = "Others"
OTHERS_COLOUR = "#b0b0b0"
#: The white ground of every chart, which every party's colour must differ from as from another party's
#: (vacant seats are outlines on it). Its key is never a party's seat key (those begin ``party-``).
GROUND_KEY = "ground"
GROUND_LABEL = "the white ground"
GROUND_COLOUR = "#ffffff"
#: A party with fewer seats than this share of the chamber (or at most :data:`FEW_SEATS`) may be grouped.
FEW_SHARE = 0.02
FEW_SEATS = 5


def few_seats(seats: int, chamber: int) -> bool:
    """True for a party small enough to be drawn among the others: at most 5 seats or under 2% of the chamber."""
    return seats <= FEW_SEATS or seats < FEW_SHARE * chamber


@dataclass(frozen=True, slots=True)
class ColourPlan:
    """What colour each party's seats are drawn in, which parties are drawn together, and what moved.

    ``colours`` maps party ids to the colour drawn (a grouped party maps to the group's colour);
    ``changes`` maps party ids (or :data:`OTHERS_KEY`) to what :func:`~whipcount.charts.cvd.separate` did.
    """

    colours: Mapping[str, str]
    grouped: frozenset[str] = frozenset()
    changes: Mapping[str, Adjustment] = field(default_factory=dict)

    def key(self, party: str) -> str:
        """The seat key of ``party``'s seats: its own, or the group's."""
        return OTHERS_KEY if party in self.grouped else f"party-{party}"

    def colour(self, party: str) -> str:
        return self.colours[party]


def plan_colours(parties: Iterable[tuple[str, str | None, int]], chamber: int) -> ColourPlan:
    """The plan for ``(party id, colour or None, seats)`` in a chamber of ``chamber`` seats (see the module).

    Plans are kept (the search takes about 0.1 s of CPU for Pakistan's fifteen parties, 0.3 s for a chamber of
    40), so every chart of a report reuses its scenario's."""
    return _plan(tuple((pid, colour, seats) for pid, colour, seats in parties if seats > 0), chamber)


@functools.lru_cache(maxsize=64)
def _plan(rows: tuple[tuple[str, str | None, int], ...], chamber: int) -> ColourPlan:
    own = assign_colours((pid, colour) for pid, colour, _ in rows)
    seats = {pid: n for pid, _, n in rows}
    grouped: set[str] = set()
    while True:
        keys = {pid: f"party-{pid}" for pid in seats if pid not in grouped}
        wanted = {keys[pid]: own[pid] for pid in keys}
        size = {keys[pid]: seats[pid] for pid in keys}
        if grouped:
            wanted[OTHERS_KEY] = OTHERS_COLOUR
            size[OTHERS_KEY] = sum(seats[pid] for pid in grouped)
        # the group is settled before the parties small enough to join it, so that they join it, not it them
        # the ground first: it never moves, and every colour is kept off it
        order = [GROUND_KEY, *sorted(wanted, key=lambda k: (few_seats(size[k], chamber) if k != OTHERS_KEY else 0.5,
                                                            -size[k], k))]
        colours, changes = separate({GROUND_KEY: GROUND_COLOUR, **wanted}, _every_pair(order), order)
        failed = {c.key.removeprefix("party-") for c in changes
                  if not c.separated and c.key != OTHERS_KEY and few_seats(size[c.key], chamber)}
        if not failed:
            break
        grouped |= failed
    by_party = {pid: colours[OTHERS_KEY if pid in grouped else keys[pid]] for pid in seats}
    moved = {c.key.removeprefix("party-") if c.key != OTHERS_KEY else OTHERS_KEY: c for c in changes}
    return ColourPlan(MappingProxyType(by_party), frozenset(grouped), MappingProxyType(moved))


def _every_pair(keys: list[str]) -> list[tuple[str, str]]:
    return [(a, b) for i, a in enumerate(keys) for b in keys[i + 1:]]


def state_colours(state: ChamberState) -> ColourPlan:
    """The plan for the parties seated in one chamber state (a chart drawn on its own)."""
    return plan_colours(((p.id, p.colour, p.seats) for p in state.parties), state.seats)


_LAST: list[tuple[Scenario, ColourPlan]] = []
"""The last scenario planned and its plan: a report asks again for each of its charts, three a key date."""


def scenario_colours(scenario: Scenario) -> ColourPlan:
    """One plan for every chart of ``scenario`` (see the module docstring), made once for the last scenario
    asked about (a report of 60 key dates had replayed the log 180 times for it)."""
    last = _LAST[0] if _LAST else None
    if last is not None and last[0] is scenario:
        return last[1]
    plan = _scenario_colours(scenario)
    _LAST[:] = [(scenario, plan)]
    return plan


def _scenario_colours(scenario: Scenario) -> ColourPlan:
    days: set[dt.date] = {scenario.chamber.as_of, scenario.last_date}
    days |= {d for d, _ in scenario.key_dates if d >= scenario.chamber.as_of}
    most: dict[str, tuple[str | None, int]] = {}
    chamber = 0
    for state in scenario.states(sorted(days)):  # the log replayed once, not once a key date
        chamber = max(chamber, state.seats)
        for p in state.parties:
            colour, n = most.get(p.id, (p.colour, 0))
            most[p.id] = (colour, max(n, p.seats))
    return plan_colours(((pid, colour, n) for pid, (colour, n) in most.items()), chamber)
