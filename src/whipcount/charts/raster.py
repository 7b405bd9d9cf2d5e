"""SVG to PNG, for pages and feeds that take no SVG: bytes out, no file I/O.

The rasteriser is ``resvg`` (through ``resvg-py``, the ``png`` extra): a self-contained renderer with
no system library to install, close to the SVG specification (CSS in ``<style>``, text with the
system's fonts). The chart names its faces (``system-ui``, ..., ``Arial``, ``sans-serif``); resvg takes the
first installed and, for the generic ``sans-serif``, looks for Arial, so on a machine with none of them (a
Linux server) it drew no text at all. The generic family is DejaVu Sans, bundled (``whipcount/data/fonts``):
the face the charts measure their text with, so a label fits where it was placed. A line that mixes
scripts is first cut into runs, each set in a face that has it (:mod:`whipcount.charts.fontruns`): resvg
alone sets a whole line in a CJK face once one character needs it, Latin letters and digits too. Without the extra,
:func:`to_png` raises ``ModuleNotFoundError`` naming ``resvg_py``, which the command line turns into one line
saying how to install it. A character no font has (the bundled face, the chart's named faces, every font
installed) is drawn as an empty box: resvg reports it, and a :class:`MissingGlyphsWarning` names it
(:mod:`whipcount.charts.glyphs`).

- :func:`to_png` renders the chart at its own size times ``scale``;
- :func:`social_card` renders it into a fixed card (1200 x 675, the size news feeds show), centred on a
  white ground, scaled so that the whole chart fits. A hemicycle drawn for the card (``legend_beside``) is
  laid out to be shown with no text under 10 pixels (:mod:`whipcount.charts.card`); a chart whose smallest
  text still comes out under 10 pixels is rendered all the same, with a
  :class:`~whipcount.charts.card.CardFitWarning` saying so.
"""

from __future__ import annotations

import math
import re
import warnings
from importlib import resources

from whipcount.charts.card import CARDS, LEAST_PX, CardFitWarning, card_scale
from whipcount.charts.fontruns import per_run
from whipcount.charts.glyphs import missing_glyph_text, rendered_reporting_missing
from whipcount.errors import ChartError
from whipcount.model.arguments import check_option

__all__ = ["PRESETS", "CardFitWarning", "MissingGlyphsWarning", "card_svg", "png_size", "social_card", "to_png"]


class MissingGlyphsWarning(UserWarning):
    """A PNG has characters no font on the machine has: drawn as empty boxes (the message names them, the
    chart's texts that hold them and what to do). The command line prints it as a warning."""

#: Named output sizes in pixels (width, height).
PRESETS: dict[str, tuple[int, int]] = CARDS
_VIEWBOX = re.compile(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"')
_FONT_SIZE = re.compile(r'font-size(?::|=")\s*([0-9.]+)')  # in a style rule (px) or an attribute
MAX_PIXELS = 25_000_000
"""The most pixels a PNG is rendered at (5,000 x 5,000; an A3 page at 300 dots an inch is 17.4 million): the
renderer holds about 8 bytes a pixel, so 25 million keep a render near 260 MB of memory, where the largest
the options allowed (82.6 million) took 713 MB. SVG prints at any size."""
SANS_SERIF = "DejaVu Sans"
"""The face resvg sets the generic ``sans-serif`` family in (bundled: :data:`FONT_FILES`)."""
FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf")
"""The bundled font files, under ``whipcount/data/fonts``: DejaVu Sans, and Noto Sans Devanagari for the
Hindi, Marathi and Nepali names DejaVu Sans has no letters for (resvg shapes it with rustybuzz, a port of
HarfBuzz, so its conjuncts and vowel signs are joined as they are written)."""


def _size(svg: str) -> tuple[float, float]:
    m = _VIEWBOX.search(svg)
    if m is None:
        raise ChartError("PNG: the chart has no viewBox to size it by")
    return float(m.group(1)), float(m.group(2))


def png_size(svg: str, scale: float) -> tuple[int, int]:
    """The pixel size :func:`to_png` gives ``svg`` at ``scale``: the viewBox times the scale, rounded."""
    if not 0.1 <= scale <= 10:
        raise ChartError(f"--scale: expected 0.1 to 10, got {scale:g}")
    w, h = _size(svg)
    width, height = max(1, round(w * scale)), max(1, round(h * scale))
    if width * height > MAX_PIXELS:
        fits = math.floor(scale * math.sqrt(MAX_PIXELS / (width * height)) * 10) / 10
        raise ChartError(f"PNG: {width:,} x {height:,} pixels at --scale {scale:g} is {width * height / 1e6:.1f} "
                         f"million, more than the {MAX_PIXELS / 1e6:g} million a PNG is rendered at (about 8 bytes "
                         f"of memory each); expected --scale {fits:g} or less for this chart, or write SVG, which "
                         "prints at any size")
    return width, height


def _render(svg: str, width: int, height: int) -> bytes:
    import resvg_py  # the png extra: imported only when a PNG is asked for

    if width * height > MAX_PIXELS:  # pragma: no cover - png_size and the presets keep within it
        raise ChartError(f"PNG: {width:,} x {height:,} pixels is more than the {MAX_PIXELS / 1e6:g} million a PNG "
                         "is rendered at")

    runs = per_run(svg)

    def render(log: bool) -> bytes:
        return bytes(resvg_py.svg_to_bytes(svg_string=runs, width=width, height=height, background="#ffffff",
                                           font_files=_font_files(), sans_serif_family=SANS_SERIF,
                                           log_information=log))

    data, missing = rendered_reporting_missing(render)
    if missing:
        warnings.warn(MissingGlyphsWarning(missing_glyph_text(missing, svg)), stacklevel=3)
    return data


def _font_files() -> list[str]:
    """The bundled faces' files (each regular and bold), as paths resvg can read."""
    fonts = resources.files("whipcount") / "data" / "fonts"
    return [str(fonts / name) for name in FONT_FILES]


def to_png(svg: str, *, scale: float = 2.0) -> bytes:
    """The chart as PNG bytes, ``scale`` pixels per SVG unit (2 by default: sharp on high-density screens)."""
    width, height = png_size(svg, scale)
    return _render(svg, width, height)


def social_card(svg: str, preset: str = "social") -> bytes:
    """The chart centred on a card of the preset's size (1200 x 675 for ``social``), white around it; a
    :class:`~whipcount.charts.card.CardFitWarning` when its smallest text comes out under 10 pixels."""
    card = card_svg(svg, preset)
    card_w, card_h = PRESETS[preset]
    return _render(card, card_w, card_h)


def card_svg(svg: str, preset: str = "social") -> str:
    """The card :func:`social_card` renders, as SVG: the chart nested in it at
    :func:`~whipcount.charts.card.card_scale`."""
    check_option(preset, PRESETS, "preset", ChartError)
    card_w, card_h = PRESETS[preset]
    w, h = _size(svg)
    scale = card_scale(w, h, preset)
    smallest = min((float(v) for v in _FONT_SIZE.findall(svg)), default=None)
    if smallest is not None and smallest * scale < LEAST_PX - 0.005:
        warnings.warn(CardFitWarning(
            f"{preset} card: the chart ({w:g} x {h:g} units) is shown at {scale:.2f} pixels a unit, so its "
            f"{smallest:g}-unit text comes out at {smallest * scale:.1f} pixels, under {LEAST_PX:g}: draw it "
            "with less in it (a shorter span of dates) or as a PNG of its own size (--scale)"), stacklevel=3)
    dx, dy = (card_w - w * scale) / 2, (card_h - h * scale) / 2
    inner = re.sub(r"^<\?xml[^>]*>\s*", "", svg)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{card_w}" height="{card_h}" '
        f'viewBox="0 0 {card_w} {card_h}"><rect width="{card_w}" height="{card_h}" fill="#ffffff"/>'
        f'<g transform="translate({dx:.2f} {dy:.2f}) scale({scale:.5f})">'
        f"{_sized(inner, w, h)}</g></svg>"
    )


def _sized(svg: str, w: float, h: float) -> str:
    """The chart's root element given an explicit size, so it nests inside the card at that size."""
    return svg.replace("<svg ", f'<svg width="{w:g}" height="{h:g}" ', 1)
