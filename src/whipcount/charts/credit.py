"""The credit line at the foot of every seat chart and timeline: where the figures come from, by outlet,
and what drew the chart ("Source: The News, Pakistan Observer · whipcount").

A chart travels without its page (a PNG in a feed, a screenshot), so its sources must be in the picture,
not only in hover titles. The outlets are the scenario's own: the chamber's sources (where the seat
counts come from), then the scenario's ``sources`` list; a scenario that gives neither is credited with
the sources of its parties and events. Each outlet is named once, by the ``outlet`` its source gives,
else the host of its address (``dawn.com``), else the citation in words. Nothing is invented: a
chart whose data names no source says "Source: not given".

The line is wrapped to the picture's width, two lines at most; outlets that do not fit are counted
("and 3 more"), so a phone-width chart keeps a short credit at its readable size.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from whipcount.charts.seatstyle import wrap
from whipcount.charts.svg import text
from whipcount.model import Scenario
from whipcount.model.sources import Source, url_host

__all__ = ["CREDIT_LINES", "credit_lines", "credit_marks", "credit_text", "outlets", "scenario_credit"]

#: The most lines the credit takes.
CREDIT_LINES = 2
_BY = "whipcount"


def outlets(sources: Iterable[Source]) -> list[str]:
    """The outlets of ``sources`` in order, each once (see the module docstring)."""
    names = (s.outlet or url_host(s.url) or " ".join(s.url.split()) for s in sources)
    return list(dict.fromkeys(n for n in names if n))


def scenario_credit(scenario: Scenario) -> list[str]:
    """The outlets a chart of ``scenario`` credits: the chamber's and the scenario's sources, else those of
    its parties and events."""
    own = outlets([*scenario.chamber.sources, *scenario.sources])
    if own:
        return own
    return outlets([*(s for p in scenario.parties for s in p.sources),
                    *(s for e in sorted(scenario.events, key=lambda e: e.date) for s in e.sources)])


def credit_text(names: Sequence[str], shown: int | None = None) -> str:
    """The credit in one line, naming the first ``shown`` outlets (default: all) and counting the rest."""
    if not names:
        return f"Source: not given · {_BY}"
    shown = len(names) if shown is None else shown
    rest = len(names) - shown
    listed = ", ".join(names[:shown]) + (f" and {rest} more" if rest else "")
    return f"Source{'s' if len(names) > 1 else ''}: {listed} · {_BY}"


def credit_lines(names: Sequence[str], width: float, font: float) -> list[str]:
    """The credit for ``names`` wrapped to ``width`` units at ``font`` units: as many outlets as fit in
    :data:`CREDIT_LINES` lines, the rest counted."""
    lines = wrap(credit_text(names), width, font)
    for shown in range(len(names) - 1, 0, -1):
        if len(lines) <= CREDIT_LINES:
            return lines
        lines = wrap(credit_text(names, shown), width, font)
    if len(lines) <= CREDIT_LINES:
        return lines
    # one outlet too long for the lines: cut, and the chart still says who drew it
    head = lines[:CREDIT_LINES]
    head[-1] = head[-1][:max(0, len(head[-1]) - len(_BY) - 4)].rstrip(" ,·") + f"… · {_BY}"
    return head


def credit_marks(names: Sequence[str], x: float, y: float, width: float, font: float) -> tuple[list[str], float]:
    """The credit as SVG text from baseline ``y`` down, and the y below it."""
    out = []
    for line in credit_lines(names, width, font):
        out.append(text(x, y, line, cls="credit"))
        y += font + 5
    return out, y
