"""How a probability is written for readers: one format for charts, report, command line and dashboard.

``98.8%`` with one decimal; ``< 0.1%`` and ``> 99.9%`` at the ends, so a probability that is small but
not zero never reads as ``0.0%`` (nor a likely one as a certain ``100.0%``); ``0%`` and ``100%`` only
for exact zero and one. A Monte Carlo standard error beside such a figure is written in percentage
points, with one decimal (``0.4 pt``, ``< 0.1 pt``).
"""

from __future__ import annotations

import math

__all__ = ["format_points", "format_probability"]


def format_probability(p: float) -> str:
    """``p`` (0 to 1) as a percentage for readers: ``"98.8%"``, ``"< 0.1%"``, ``"> 99.9%"``, ``"0%"``, ``"100%"``."""
    if math.isnan(p) or not -1e-9 <= p <= 1 + 1e-9:
        raise ValueError(f"a probability is between 0 and 1, got {p!r}")
    p = min(1.0, max(0.0, p))  # a sum of floats may land a hair outside [0, 1]
    if p == 0:
        return "0%"
    if p == 1:
        return "100%"
    if p < 0.001:
        return "< 0.1%"
    if p > 0.999:
        return "> 99.9%"
    return f"{p * 100:.1f}%"


def format_points(stderr: float) -> str:
    """A standard error of a probability in percentage points for readers: ``"0.4 pt"``, ``"< 0.1 pt"``
    (``"0 pt"`` for none)."""
    if math.isnan(stderr) or stderr < 0:
        raise ValueError(f"a standard error is 0 or more, got {stderr!r}")
    points = 100 * stderr
    if points == 0:
        return "0 pt"
    return f"{points:.1f} pt" if points >= 0.05 else "< 0.1 pt"
