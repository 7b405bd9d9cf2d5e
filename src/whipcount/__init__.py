"""whipcount: model a parliament's confidence system.

The library's front door. Load a scenario, derive the chamber on any date, ask what a motion needs::

    >>> import datetime as dt
    >>> import whipcount
    >>> sc = whipcount.load_scenario("pk-na-2022")
    >>> state = sc.state(dt.date(2022, 3, 30))
    >>> state.sides()["opposition"], state.sides()["government"]
    (177, 164)
    >>> whipcount.needed("pk-na", "no-confidence", seats=342, vacancies=1).count
    172
"""

import sys
from typing import TYPE_CHECKING

from whipcount._lazy import lazy_names

__version__ = "0.1.0"

_EXPORTS = {
    "WhipcountError": "whipcount.errors",
    "bundled_scenarios": "whipcount.io.scenario",
    "load_scenario": "whipcount.io.scenario",
    "needed": "whipcount.rules",
    **{name: "whipcount.model" for name in ("Chamber", "ChamberState", "Division", "Event", "Member", "Motion",
                                            "Party", "PartyState", "Scenario", "Stance", "replay")},
}

if TYPE_CHECKING:
    from whipcount.errors import WhipcountError
    from whipcount.io.scenario import bundled_scenarios, load_scenario
    from whipcount.model import (
        Chamber,
        ChamberState,
        Division,
        Event,
        Member,
        Motion,
        Party,
        PartyState,
        Scenario,
        Stance,
        replay,
    )
    from whipcount.rules import needed


# The public names, imported on first use: ``import whipcount`` alone builds nothing (the command line starts
# faster), ``whipcount.load_scenario`` imports the loader then.
__getattr__ = lazy_names("whipcount", _EXPORTS, globals())


if "IPython" in sys.modules:  # in a notebook, chamber states and forecasts show themselves
    from whipcount.report.notebook import register as _register_display

    _register_display()

__all__ = [
    "Chamber",
    "ChamberState",
    "Division",
    "Event",
    "Member",
    "Motion",
    "Party",
    "PartyState",
    "Scenario",
    "Stance",
    "WhipcountError",
    "bundled_scenarios",
    "load_scenario",
    "needed",
    "replay",
]
