"""Charts as PNG: the SVG drawn by resvg (the ``png`` extra: ``pip install 'whipcount[png]'``), at a scale,
or on a social-media card of a fixed size with the chart centred on a white ground.

resvg renders text with the fonts installed on the machine (the SVG asks for system-ui, then Arial or any
sans-serif); on a machine with no fonts at all, text is left out.
"""

from __future__ import annotations

import re

__all__ = ["PRESETS", "card", "png_size", "svg_to_png"]

PRESETS: dict[str, tuple[int, int]] = {"social": (1200, 675)}
"""Named output sizes in pixels: ``social`` is the 16:9 card most platforms show (1200 x 675)."""

_OPEN = re.compile(r"<svg\b[^>]*>", re.S)
_VIEWBOX = re.compile(r'viewBox="([-\d.]+) ([-\d.]+) ([\d.]+) ([\d.]+)"')
_MARGIN = 0.04


def card(svg: str, width: int, height: int) -> str:
    """``svg`` centred on a white ``width`` x ``height`` card, scaled to fill it less a small margin."""
    opening = _OPEN.search(svg)
    box = _VIEWBOX.search(opening.group(0)) if opening else None
    if opening is None or box is None:
        raise ValueError("the chart has no viewBox to fit on a card")
    inner = svg[opening.end():svg.rindex("</svg>")]
    mx, my = round(width * _MARGIN), round(height * _MARGIN)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><rect width="{width}" height="{height}" fill="#ffffff"/>'
            f'<svg x="{mx}" y="{my}" width="{width - 2 * mx}" height="{height - 2 * my}" '
            f'viewBox="{" ".join(box.groups())}" preserveAspectRatio="xMidYMid meet" '
            f'font-family="system-ui, Arial, sans-serif">{inner}</svg></svg>')


def svg_to_png(svg: str, *, scale: float = 1.0, preset: str | None = None) -> bytes:
    """PNG bytes of ``svg``: its own size times ``scale``, or the ``preset`` card's size (times ``scale``)."""
    import resvg_py  # the png extra: imported here so the rest of whipcount never needs it

    if preset is not None:
        width, height = PRESETS[preset]
        svg = card(svg, width, height)
    return bytes(resvg_py.svg_to_bytes(svg_string=svg, zoom=scale, background="#ffffff"))


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
