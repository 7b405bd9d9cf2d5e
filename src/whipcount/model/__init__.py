"""The model: frozen value types for a chamber, its event log and the state on any date.

No I/O, no clock: every date is passed in. ``replay(chamber, parties, events, on=date)`` derives a state.

Its names are imported on first use (PEP 562, :mod:`whipcount._lazy`): a module that needs one part of the
model (the command line's option types read :mod:`whipcount.model.ids` and :mod:`whipcount.model.place`)
does not load the rest, so ``whipcount --version`` and ``--help`` load none of it.
"""

from typing import TYPE_CHECKING

from whipcount._lazy import lazy_names

_EXPORTS = {
    "DEFAULT_SIDES": "whipcount.model.chamber",
    "INDEPENDENT": "whipcount.model.chamber",
    "Chamber": "whipcount.model.chamber",
    "ChamberState": "whipcount.model.chamber",
    "Crossing": "whipcount.model.chamber",
    "Member": "whipcount.model.chamber",
    "MemberState": "whipcount.model.chamber",
    "Party": "whipcount.model.chamber",
    "PartyState": "whipcount.model.chamber",
    "VOTE_OPTIONS": "whipcount.model.division",
    "Adjudication": "whipcount.model.division",
    "Division": "whipcount.model.division",
    "EFFECTS": "whipcount.model.events",
    "EVENT_FIELDS": "whipcount.model.events",
    "FILLING_KINDS": "whipcount.model.events",
    "PROCEDURAL_KINDS": "whipcount.model.events",
    "SEAT_KINDS": "whipcount.model.events",
    "VACATING_KINDS": "whipcount.model.events",
    "Event": "whipcount.model.events",
    "NewParty": "whipcount.model.events",
    "format_points": "whipcount.model.formats",
    "format_probability": "whipcount.model.formats",
    "Replayer": "whipcount.model.replayer",
    "history": "whipcount.model.replayer",
    "replay": "whipcount.model.replayer",
    "STANCES": "whipcount.model.scenario",
    "ForecastSettings": "whipcount.model.scenario",
    "Motion": "whipcount.model.scenario",
    "Scenario": "whipcount.model.scenario",
    "Stance": "whipcount.model.scenario",
    "motion_about": "whipcount.model.scenario",
    "Source": "whipcount.model.sources",
}

if TYPE_CHECKING:
    from whipcount.model.chamber import (
        DEFAULT_SIDES,
        INDEPENDENT,
        Chamber,
        ChamberState,
        Crossing,
        Member,
        MemberState,
        Party,
        PartyState,
    )
    from whipcount.model.division import VOTE_OPTIONS, Adjudication, Division
    from whipcount.model.events import (
        EFFECTS,
        EVENT_FIELDS,
        FILLING_KINDS,
        PROCEDURAL_KINDS,
        SEAT_KINDS,
        VACATING_KINDS,
        Event,
        NewParty,
    )
    from whipcount.model.formats import format_points, format_probability
    from whipcount.model.replayer import Replayer, history, replay
    from whipcount.model.scenario import (
        STANCES,
        ForecastSettings,
        Motion,
        Scenario,
        Stance,
        motion_about,
    )
    from whipcount.model.sources import Source

__all__ = [
    "format_points",
    "format_probability",
    "DEFAULT_SIDES",
    "EFFECTS",
    "EVENT_FIELDS",
    "FILLING_KINDS",
    "INDEPENDENT",
    "PROCEDURAL_KINDS",
    "SEAT_KINDS",
    "STANCES",
    "VACATING_KINDS",
    "VOTE_OPTIONS",
    "Adjudication",
    "Chamber",
    "ChamberState",
    "Crossing",
    "Division",
    "Event",
    "ForecastSettings",
    "Member",
    "MemberState",
    "Motion",
    "NewParty",
    "Party",
    "PartyState",
    "Replayer",
    "Scenario",
    "Source",
    "Stance",
    "history",
    "motion_about",
    "replay",
]

__getattr__ = lazy_names(__name__, _EXPORTS, globals())
