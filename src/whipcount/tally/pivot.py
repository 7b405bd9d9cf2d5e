"""A pivotal bloc: how the probability that a motion passes moves when one bloc changes its vote.

:func:`whipcount.tally.forecast.pivots` finds them and words each switch
(:func:`whipcount.rules.wording.switch_words`); a :class:`~whipcount.tally.model.Forecast` lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from whipcount.model.formats import format_points, format_probability

__all__ = ["Pivot"]


@dataclass(frozen=True, slots=True)
class Pivot:
    """How P(pass) moves when one bloc changes its vote."""

    key: str
    label: str
    seats: int
    stance: str
    change: str
    p_before: float
    p_after: float
    stderr: float = 0.0
    """The Monte Carlo standard error of ``p_after`` (and of ``delta``), ``p_before`` taken as known; 0 exact."""

    @property
    def delta(self) -> float:
        """P(pass) after minus before."""
        return self.p_after - self.p_before

    def sentence(self) -> str:
        """``"if MQM-P votes no, P(pass) goes from 93.0% to 41.0%"`` (``change`` as the forecast words the switch:
        ``does not vote for`` where only the votes for the motion are recorded; the figures as
        :func:`~whipcount.model.format_probability` writes them), and by Monte Carlo the error of the second
        figure in percentage points: ``"... to 87.7% (± 0.1 pt)"``."""
        error = f" (± {format_points(self.stderr)})" if self.stderr else ""
        return (f"if {self.label} {self.change}, P(pass) goes from {format_probability(self.p_before)} to "
                f"{format_probability(self.p_after)}{error}")
