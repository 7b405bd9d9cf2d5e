"""Colours a chart may use: validation, a fixed palette, and the colours of stances and sides.

A party's colour comes from its scenario file. It must be a CSS colour a browser and an SVG viewer both
understand without guessing: ``#rgb``, ``#rrggbb`` or one of the 148 CSS named colours. Anything else is a
:class:`~whipcount.errors.ChartError` naming the party and the value, so a typo never turns into a black
seat on a published graphic. Parties without a colour get one from :data:`PALETTE`, in a fixed order, so
the same scenario always draws the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from whipcount.errors import ChartError
from whipcount.model.colournames import COLOUR_WORDS, CSS_NAMED_COLOURS, NAMED_HEX, colour_hint, is_colour
from whipcount.rules.wording import stance_words

__all__ = [
    "CSS_NAMED_COLOURS",
    "NO_STANCE_COLOUR",
    "PALETTE",
    "SIDE_COLOURS",
    "STANCE_COLOURS",
    "STANCE_LABELS",
    "VACANT_COLOUR",
    "assign_colours",
    "check_colour",
    "contrast",
    "edge_colour",
    "ink",
    "is_colour",
    "stance_labels",
    "text_colour_on",
    "to_rgb",
]



#: Colours for parties that have none, in the order they are handed out (colour-blind-aware, after
#: Paul Tol's "muted" and "bright" schemes), chosen to stay legible as small discs on white.
PALETTE: tuple[str, ...] = (
    "#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#332288", "#88ccee",
    "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499", "#bbbbbb",
)

#: Whip-count stances, from yes to absent (the order of :data:`whipcount.model.STANCES`), on a diverging
#: blue-red scale (ColorBrewer RdBu and RdYlBu): yes and no dark, the leaners lighter, the undecided a
#: neutral grey, the abstaining the darkest purple of ColorBrewer PuOr (on neither side; the other dark
#: purples tried came within 20 of the yes for some reader), the absent a pale cool grey; with
#: :data:`NO_STANCE_COLOUR` every two of them are at least 20 apart (CIEDE2000 and CIE76) for normal,
#: deuteranopic, protanopic and tritanopic vision (the paler blue, salmon and grey used before came within
#: 6.4 of each other; ColorBrewer's grey #e0e0e0 and pale yellow #ffffb2 for the absent and the unrecorded
#: are 7.5 apart for tritanopes, its red #b2182b 19.8 from the orange). The web dashboard uses the same
#: palette.
STANCE_COLOURS: dict[str, str] = {
    "yes": "#2166ac",
    "lean-yes": "#67a9cf",
    "undecided": "#737373",
    "lean-no": "#f46d43",
    "no": "#b01828",
    "abstain": "#2d004b",
    "absent": "#d8ecf0",
}
#: Seats whose stance nobody recorded: pale yellow (after ColorBrewer YlOrRd's #ffffb2, a little deeper so
#: that tritanopes tell it from the absent), apart from every stance above.
NO_STANCE_COLOUR = "#f8ecac"
STANCE_LABELS: dict[str, str] = {
    "yes": "Yes",
    "lean-yes": "Leaning yes",
    "undecided": "Undecided",
    "lean-no": "Leaning no",
    "no": "No",
    "abstain": "Abstaining",
    "absent": "Absent",
}


def stance_labels(recorded: str = "all") -> dict[str, str]:
    """The stances as a legend names them: :data:`STANCE_LABELS`, but where only the votes for the motion are
    recorded (``recorded`` ``yes-only``) a no is "Not for" and a lean no "Leaning not for"
    (:func:`whipcount.rules.wording.stance_words`)."""
    return {s: label if stance_words(s, recorded) == s else stance_words(s, recorded).capitalize()
            for s, label in STANCE_LABELS.items()}


SIDE_COLOURS: dict[str, str] = {
    "government": "#c0392b",
    "opposition": "#2c6fbb",
    "other": "#8e8e8e",
}
#: Vacant seats are drawn as an outline in this colour, never filled (4.5:1 against white).
VACANT_COLOUR = "#767676"
#: The lightest page a chart is drawn on (the dashboard's); shapes must stand out from it and from white.
PAGE_BACKGROUND = "#fafafa"
#: WCAG 2.1 success criterion 1.4.11: graphical objects need a contrast of 3:1 with what surrounds them.
GRAPHIC_CONTRAST = 3.0
#: WCAG 2.1 success criterion 1.4.3: text needs a contrast of 4.5:1 with its background.
TEXT_CONTRAST = 4.5


def check_colour(value: object, *, where: str) -> str:
    """``value`` normalised to lower case, or a ChartError naming ``where`` (e.g. ``party 'pti'``)."""
    if not is_colour(value):
        hint = colour_hint(value) if isinstance(value, str) else ""
        raise ChartError(f"{where}: colour {value!r} is not a colour (expected {COLOUR_WORDS}){hint}")
    assert isinstance(value, str)
    return value.strip().lower()


def to_rgb(colour: str) -> tuple[int, int, int]:
    """The sRGB triple of a valid colour (``#rgb``, ``#rrggbb`` or a CSS name)."""
    v = check_colour(colour, where="colour")
    if not v.startswith("#"):
        v = "#" + NAMED_HEX[v]
    if len(v) == 4:
        v = "#" + "".join(c * 2 for c in v[1:])
    return int(v[1:3], 16), int(v[3:5], 16), int(v[5:7], 16)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of a colour."""

    def lin(c: int) -> float:
        s = c / 255
        # no c / 255 equals 0.03928 (it would be c = 10.016), so "<=" and "<" agree
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4  # equivalent mutant "<= -> <": above

    r, g, b = (lin(c) for c in to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def text_colour_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    return "#000000" if _luminance(colour) > 0.179 else "#ffffff"


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def edge_colour(fill: str, *, least: float = GRAPHIC_CONTRAST) -> str | None:
    """An outline for a shape filled with ``fill`` that stands out from white and the page (``least``:1), or
    None when the fill does on its own. The outline is ``fill`` darkened towards black, so it keeps its hue."""
    if min(contrast(fill, "#ffffff"), contrast(fill, PAGE_BACKGROUND)) >= least:
        return None
    r, g, b = to_rgb(fill)
    # step 0 would be the fill, which failed above: its contrast with the page is the smaller of its two,
    # or under 1.05 (the page's own with white)
    for step in range(1, 21):  # equivalent mutant "1 -> 0": see above
        k = 1 - step / 20
        edge = f"#{round(r * k):02x}{round(g * k):02x}{round(b * k):02x}"
        if contrast(edge, PAGE_BACKGROUND) >= least:
            return edge
    return "#000000"


def ink(colour: str) -> str:
    """``colour`` for text: itself when it reads at :data:`TEXT_CONTRAST` on white and the page, else its
    shade darkened until it does (a line's name in its line's colour: the grey of *other* is 3.3:1)."""
    return edge_colour(colour, least=TEXT_CONTRAST) or colour


def assign_colours(
    items: Iterable[tuple[str, str | None]], *, kind: str = "party", reserved: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A colour for every ``(id, colour or None)``: the given one, checked, or the next free palette colour.

    Palette colours already used by another item are skipped while the palette lasts, so a party without a
    colour does not end up looking like one with it. ``reserved`` maps ids to colours fixed in advance.
    """
    pairs = list(items)
    out: dict[str, str] = dict(reserved or {})
    for ident, colour in pairs:
        if colour is not None:
            out[ident] = check_colour(colour, where=f"{kind} {ident!r}")
    used = {to_rgb(c) for c in out.values()}
    free = [c for c in PALETTE if to_rgb(c) not in used] or list(PALETTE)
    i = 0
    for ident, colour in pairs:
        if colour is None and ident not in out:
            out[ident] = free[i % len(free)]
            i += 1
    return out
