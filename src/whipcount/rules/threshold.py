"""Kept for callers of the first release: ``needed`` and ``Needed`` now live in :mod:`whipcount.rules.judge`."""

from whipcount.rules.judge import Needed, needed

__all__ = ["Needed", "needed"]
