"""The marks of a seat chart: one disc per seat, the majority and two-thirds lines and their labels.

Seats come in as anything with the attributes of :class:`whipcount.charts.hemicycle.Seat` (a protocol
here, so that this module does not import the one that builds seats), placed by
:mod:`whipcount.charts.geometry`, shifted and scaled into the picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from whipcount.charts.colours import edge_colour
from whipcount.charts.describe import two_thirds_of
from whipcount.charts.geometry import Placement
from whipcount.charts.seatstyle import edge_class
from whipcount.charts.svg import attr, esc, num, text
from whipcount.model import ChamberState

__all__ = ["SeatLike", "seat_marks", "threshold_marks"]


class SeatLike(Protocol):
    """What drawing a seat needs to know of it."""

    @property
    def key(self) -> str: ...
    @property
    def colour(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def party(self) -> str | None: ...
    @property
    def side(self) -> str | None: ...
    @property
    def stance(self) -> str | None: ...
    @property
    def vacant(self) -> bool: ...
    @property
    def speaker(self) -> bool: ...
    @property
    def verified(self) -> bool: ...


def seat_marks(
    cid: str, drawn: Sequence[SeatLike], speaker_seat: SeatLike | None, pl: Placement,
    x_off: float, top: float, k: float,
) -> list[str]:
    """One circle per seat in a group shifted to (``x_off``, ``top``) and scaled by ``k``."""
    scale = f" scale({num(k)})" if k != 1 else ""
    body = [f'<g class="seats" transform="translate({num(x_off)} {num(top)}){scale}">']
    centres = list(pl.centres)
    drawn_all = drawn
    if speaker_seat is not None and pl.speaker is not None:
        drawn_all = [*drawn, speaker_seat]
        centres.append(pl.speaker)
    r = pl.radius
    edges: dict[str, str | None] = {}
    for i, (s, (x, y)) in enumerate(zip(drawn_all, centres, strict=True), start=1):
        classes = ["seat", s.key]
        if s.colour not in edges:
            edges[s.colour] = edge_colour(s.colour)
        if s.vacant:
            classes.append("vacant")
        elif edge := edges[s.colour]:
            classes.append(edge_class(edge))
        if s.speaker:
            classes.append("speaker")
        if not s.verified:
            classes.append("unverified")
        data = ""
        if s.party:
            data += f" data-party={attr(s.party)}"
        if s.side:
            data += f" data-side={attr(s.side)}"
        if s.stance:
            data += f" data-stance={attr(s.stance)}"
        body.append(
            f'<circle id="{cid}-seat-{i}" class={attr(" ".join(classes))} cx="{num(x)}" cy="{num(y)}" '
            f'r="{num(r)}" fill="{s.colour}"{data}><title>{esc(s.title)}</title></circle>'
        )
    body.append("</g>")
    if speaker_seat is not None and pl.speaker is not None:
        sx, sy = pl.speaker
        body.append(text(x_off + k * sx, top + k * (sy + r) + 14, "Speaker", cls="note", anchor="middle"))
    return body


def threshold_marks(
    state: ChamberState, pl: Placement, needed: int | None, needed_label: str, two_thirds: bool,
    x_off: float, top: float, k: float, width: float,
) -> list[str]:
    """The majority (and two-thirds) lines among the seats, and their labels kept inside the picture."""
    lines: list[tuple[int, str, str]] = []
    if needed is not None:
        lines.append((needed, "majority", f"{needed} {needed_label}"))
    if two_thirds:
        n = two_thirds_of(state.seats)
        lines.append((n, "two-thirds", f"two thirds: {n}"))
    scale = f" scale({num(k)})" if k != 1 else ""
    paths = [f'<g class="thresholds" transform="translate({num(x_off)} {num(top)}){scale}">']
    labels: list[str] = []
    placed: list[tuple[float, float]] = []
    for n, cls, label in lines:
        paths.append(f'<path class="threshold {cls}" d="{pl.divider(n)}"><title>{esc(label)}</title></path>')
        lx, ly, anchor = pl.label_at(n)
        lx, anchor = _inside(x_off + k * lx, anchor, _text_width(label), 0.0, width)
        ly = top + k * ly
        while any(abs(lx - px) < 130 and abs(ly - py) < 15 for px, py in placed):
            ly += 16  # two labels at one place (both lines past the end of a bench): stack them
        placed.append((lx, ly))
        labels.append(text(lx, ly, label, cls="tlabel", anchor=anchor))
    paths.append("</g>")
    return [*paths, *labels] if lines else []


def _text_width(label: str) -> float:
    """The width of a 13px semi-bold label, generously estimated (no font metrics in a pure SVG writer)."""
    return sum(10.0 if c.isupper() else 9.0 for c in label)


def _inside(x: float, anchor: str, w: float, x_off: float, width: float) -> tuple[float, str]:
    """Move a label of width ``w`` anchored at ``x`` (inside a group shifted by ``x_off``) into the chart."""
    left = x - {"start": 0.0, "middle": w / 2, "end": w}[anchor]
    shift = max(0.0, 4 - (x_off + left)) - max(0.0, x_off + left + w - (width - 4))
    return x + shift, anchor
