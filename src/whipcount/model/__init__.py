"""The model: frozen value types for a chamber, its event log and the state on any date.

No I/O, no clock: every date is passed in. ``replay(chamber, parties, events, on=date)`` derives a state.
"""

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
from whipcount.model.replay import Replayer, history, replay
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
