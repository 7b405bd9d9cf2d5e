"""A plain bar of seats by stance (yes → no), for when the hemicycle cannot be drawn. Labels escaped."""

from __future__ import annotations

from html import escape
from typing import Any

from whipcount.model import STANCES

__all__ = ["bar_svg"]

_ORDER = {s: i for i, s in enumerate(STANCES)}


def _units(board: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(stance, label, seats) in yes → no order."""
    units = [(p["stance"], p["label"], p["seats"]) for p in board["positions"] if p["seats"] > 0]
    units.sort(key=lambda u: _ORDER.get(u[0], 99))
    return units


def bar_svg(board: dict[str, Any], colours: dict[str, str], labels: dict[str, str]) -> str:
    """An inline SVG of the seats by stance, with the magic number marked."""
    seats = int(board["chamber"]["seats"])
    width, height, top = 600.0, 70.0, 18.0
    scale = width / seats  # a chamber has a seat at least (the readers refuse 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
        f'class="seats" aria-label="{escape(str(board["chamber"]["name"]))}: seats by stance">'
    ]
    x = 0.0
    for stance, label, n in _units(board):
        w = n * scale
        parts.append(
            f'<rect x="{x:.2f}" y="{top}" width="{w:.2f}" height="30" fill="{escape(colours.get(stance, "#999"))}" '
            f'stroke="#fff" stroke-width="0.5"><title>{escape(label)}: {n} · {escape(labels.get(stance, stance))}'
            "</title></rect>"
        )
        x += w
    vac = int(board.get("vacancies") or 0)
    if vac:
        parts.append(f'<rect x="{x:.2f}" y="{top}" width="{vac * scale:.2f}" height="30" fill="#fff" '
                     f'stroke="#999" stroke-dasharray="2 2"><title>vacant: {vac}</title></rect>')
    magic = board.get("magic_number")
    if magic:
        mx = magic * scale
        parts.append(f'<line x1="{mx:.2f}" x2="{mx:.2f}" y1="10" y2="{top + 38}" stroke="#000" stroke-width="1.5"/>')
        parts.append(f'<text x="{mx:.2f}" y="9" text-anchor="middle" font-size="10">{int(magic)} needed</text>')
    parts.append("</svg>")
    return "".join(parts)
