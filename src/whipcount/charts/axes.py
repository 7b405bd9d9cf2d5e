"""What the timeline and the forecast share: their style sheet and the step of a value axis."""

from __future__ import annotations

import math

__all__ = ["chart_style", "nice_step"]

_STYLE = """
#{cid} .axis{{stroke:#888888;stroke-width:1}}
#{cid} .grid{{stroke:#e3e3e3;stroke-width:1}}
#{cid} .tick{{font-size:12px;fill:#555555}}
#{cid} .heading{{font-size:20px;font-weight:700;fill:#111111}}
#{cid} .sub{{font-size:13px;fill:#444444}}
#{cid} .series{{fill:none;stroke-width:3;stroke-linejoin:round}}
#{cid} .end{{font-size:13px;font-weight:700}}
#{cid} .endsub{{font-size:12px}}
#{cid} .leader{{stroke:#9a9a9a;stroke-width:1;stroke-dasharray:2 2}}
#{cid} .elabel{{font-size:11px;fill:#222222}}
#{cid} .threshold{{stroke:#111111;stroke-width:1.5;stroke-dasharray:6 4;fill:none}}
#{cid} .tlabel{{font-size:12px;font-weight:600;fill:#111111}}
#{cid} .event{{stroke:#333333;stroke-width:1.2}}
#{cid} .event.procedural{{fill:#ffffff}}
#{cid} .event.seats{{fill:#333333}}
#{cid} .event.unverified{{stroke-dasharray:2 1.5}}
#{cid} .event:hover{{stroke-width:2.5}}
#{cid} .bar{{stroke:none}}
#{cid} .bar.pass{{fill:#1a9850}}
#{cid} .bar.fail{{fill:#bdbdbd}}
#{cid} .bar:hover{{fill:#111111}}
#{cid} .note{{font-size:11px;fill:#555555}}
"""


def chart_style(cid: str) -> str:
    """The style sheet of the timeline and the forecast, scoped to the chart's id."""
    return _STYLE.format(cid=cid)


def nice_step(span: float) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if span / step <= 8:
            return step
    return 1000 * math.ceil(span / 8000)
