"""Voting power in weighted games: exact indices, coalitions, and a sweep over ParlGov parliaments.

Pure library (numpy and the standard library): the command line lives in :mod:`whipcount.cli.power`.

>>> from whipcount.power import WeightedGame, get_index
>>> g = WeightedGame([4, 4, 4, 2, 2, 1], 12)      # EEC Council of Ministers, 1958
>>> [str(v) for v in get_index("banzhaf")(g)]
['5/21', '5/21', '5/21', '1/7', '1/7', '0']
"""

from whipcount.power.coalitions import (
    COALITION_KINDS,
    coalitions,
    connected_winning_coalitions,
    minimal_winning_coalitions,
    minimum_winning_coalitions,
    vulnerable_coalitions,
    winning_coalitions,
)
from whipcount.power.game import MultiGame, VectorGame, WeightedGame
from whipcount.power.indices import (
    PowerIndex,
    TooManyCoalitions,
    Value,
    banzhaf,
    banzhaf_swings,
    coleman_initiate,
    coleman_prevent,
    deegan_packel,
    get_index,
    holler_packel,
    johnston,
    penrose,
    power_index,
    registered,
    shapley_shubik,
    swings_by_size,
)

__all__ = [
    "COALITION_KINDS",
    "MultiGame",
    "PowerIndex",
    "TooManyCoalitions",
    "Value",
    "VectorGame",
    "WeightedGame",
    "banzhaf",
    "banzhaf_swings",
    "coalitions",
    "coleman_initiate",
    "coleman_prevent",
    "connected_winning_coalitions",
    "deegan_packel",
    "get_index",
    "holler_packel",
    "johnston",
    "minimal_winning_coalitions",
    "minimum_winning_coalitions",
    "penrose",
    "power_index",
    "registered",
    "shapley_shubik",
    "swings_by_size",
    "vulnerable_coalitions",
    "winning_coalitions",
]
