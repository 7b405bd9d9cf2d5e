"""When a motion passes: the rules engine's one decision, as every forecast asks it.

Nothing is decided here. :class:`whipcount.rules.PassRule` (built by :func:`whipcount.rules.pass_rule`) is
the only pass/fail rule in whipcount, used by ``judge`` for a recorded division and by every forecast
method for whole arrays of counts; this module keeps the names the tally has always imported.
"""

from __future__ import annotations

from whipcount.rules.decide import FIXED_BASES, TURNOUT_BASES, PassRule, pass_rule

__all__ = ["FIXED_BASES", "TURNOUT_BASES", "PassRule", "pass_rule"]
