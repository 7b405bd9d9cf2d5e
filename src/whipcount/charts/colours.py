"""Colours a chart may use: validation, a fixed palette, and the colours of stances and sides.

A party's colour comes from its scenario file. It must be a CSS colour a browser and an SVG viewer both
understand without guessing: ``#rgb``, ``#rrggbb`` or one of the 148 CSS named colours. Anything else is a
:class:`~whipcount.errors.ChartError` naming the party and the value, so a typo never turns into a black
seat on a published graphic. Parties without a colour get one from :data:`PALETTE`, in a fixed order, so
the same scenario always draws the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from whipcount.errors import ChartError

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
    "text_colour_on",
    "to_rgb",
]

_HEX = re.compile(r"^#(?:[0-9a-f]{3}|[0-9a-f]{6})$")

# CSS Color Module Level 4, named colours (lower case), with their sRGB values.
_NAMED_HEX: dict[str, str] = dict(
    pair.split(":")
    for pair in """
aliceblue:f0f8ff antiquewhite:faebd7 aqua:00ffff aquamarine:7fffd4 azure:f0ffff beige:f5f5dc bisque:ffe4c4
black:000000 blanchedalmond:ffebcd blue:0000ff blueviolet:8a2be2 brown:a52a2a burlywood:deb887
cadetblue:5f9ea0 chartreuse:7fff00 chocolate:d2691e coral:ff7f50 cornflowerblue:6495ed cornsilk:fff8dc
crimson:dc143c cyan:00ffff darkblue:00008b darkcyan:008b8b darkgoldenrod:b8860b darkgray:a9a9a9
darkgreen:006400 darkgrey:a9a9a9 darkkhaki:bdb76b darkmagenta:8b008b darkolivegreen:556b2f
darkorange:ff8c00 darkorchid:9932cc darkred:8b0000 darksalmon:e9967a darkseagreen:8fbc8f
darkslateblue:483d8b darkslategray:2f4f4f darkslategrey:2f4f4f darkturquoise:00ced1 darkviolet:9400d3
deeppink:ff1493 deepskyblue:00bfff dimgray:696969 dimgrey:696969 dodgerblue:1e90ff firebrick:b22222
floralwhite:fffaf0 forestgreen:228b22 fuchsia:ff00ff gainsboro:dcdcdc ghostwhite:f8f8ff gold:ffd700
goldenrod:daa520 gray:808080 green:008000 greenyellow:adff2f grey:808080 honeydew:f0fff0 hotpink:ff69b4
indianred:cd5c5c indigo:4b0082 ivory:fffff0 khaki:f0e68c lavender:e6e6fa lavenderblush:fff0f5
lawngreen:7cfc00 lemonchiffon:fffacd lightblue:add8e6 lightcoral:f08080 lightcyan:e0ffff
lightgoldenrodyellow:fafad2 lightgray:d3d3d3 lightgreen:90ee90 lightgrey:d3d3d3 lightpink:ffb6c1
lightsalmon:ffa07a lightseagreen:20b2aa lightskyblue:87cefa lightslategray:778899 lightslategrey:778899
lightsteelblue:b0c4de lightyellow:ffffe0 lime:00ff00 limegreen:32cd32 linen:faf0e6 magenta:ff00ff
maroon:800000 mediumaquamarine:66cdaa mediumblue:0000cd mediumorchid:ba55d3 mediumpurple:9370db
mediumseagreen:3cb371 mediumslateblue:7b68ee mediumspringgreen:00fa9a mediumturquoise:48d1cc
mediumvioletred:c71585 midnightblue:191970 mintcream:f5fffa mistyrose:ffe4e1 moccasin:ffe4b5
navajowhite:ffdead navy:000080 oldlace:fdf5e6 olive:808000 olivedrab:6b8e23 orange:ffa500
orangered:ff4500 orchid:da70d6 palegoldenrod:eee8aa palegreen:98fb98 paleturquoise:afeeee
palevioletred:db7093 papayawhip:ffefd5 peachpuff:ffdab9 peru:cd853f pink:ffc0cb plum:dda0dd
powderblue:b0e0e6 purple:800080 rebeccapurple:663399 red:ff0000 rosybrown:bc8f8f royalblue:4169e1
saddlebrown:8b4513 salmon:fa8072 sandybrown:f4a460 seagreen:2e8b57 seashell:fff5ee sienna:a0522d
silver:c0c0c0 skyblue:87ceeb slateblue:6a5acd slategray:708090 slategrey:708090 snow:fffafa
springgreen:00ff7f steelblue:4682b4 tan:d2b48c teal:008080 thistle:d8bfd8 tomato:ff6347
turquoise:40e0d0 violet:ee82ee wheat:f5deb3 white:ffffff whitesmoke:f5f5f5 yellow:ffff00
yellowgreen:9acd32
""".split()
)
CSS_NAMED_COLOURS: frozenset[str] = frozenset(_NAMED_HEX)

#: Colours for parties that have none, in the order they are handed out (colour-blind-aware, after
#: Paul Tol's "muted" and "bright" schemes), chosen to stay legible as small discs on white.
PALETTE: tuple[str, ...] = (
    "#4477aa", "#ee6677", "#228833", "#ccbb44", "#66ccee", "#aa3377", "#332288", "#88ccee",
    "#44aa99", "#117733", "#999933", "#ddcc77", "#cc6677", "#882255", "#aa4499", "#bbbbbb",
)

#: Whip-count stances, from yes to absent (the order of :data:`whipcount.model.STANCES`), on a diverging
#: blue-red scale (ColorBrewer RdBu and RdYlBu): yes and no dark, the leaners lighter, the undecided a
#: neutral grey, the absent a pale cool grey; with :data:`NO_STANCE_COLOUR` every two of them are at least
#: 20 apart (CIEDE2000 and CIE76) for normal, deuteranopic, protanopic and tritanopic vision (the paler blue,
#: salmon and grey used before came within 6.4 of each other; ColorBrewer's grey #e0e0e0 and pale yellow
#: #ffffb2 for the absent and the unrecorded are 7.5 apart for tritanopes, its red #b2182b 19.8 from the
#: orange). The web dashboard uses the same palette.
STANCE_COLOURS: dict[str, str] = {
    "yes": "#2166ac",
    "lean-yes": "#67a9cf",
    "undecided": "#737373",
    "lean-no": "#f46d43",
    "no": "#b01828",
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
    "absent": "Absent",
}
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


def is_colour(value: object) -> bool:
    """True for ``#rgb``, ``#rrggbb`` (any case) and CSS named colours."""
    if not isinstance(value, str):
        return False
    v = value.strip().lower()
    return bool(_HEX.fullmatch(v)) or v in CSS_NAMED_COLOURS


def check_colour(value: object, *, where: str) -> str:
    """``value`` normalised to lower case, or a ChartError naming ``where`` (e.g. ``party 'pti'``)."""
    if not is_colour(value):
        raise ChartError(
            f"{where}: colour {value!r} is not a colour "
            "(expected #rgb, #rrggbb or a CSS colour name such as 'darkgreen')"
        )
    assert isinstance(value, str)
    return value.strip().lower()


def to_rgb(colour: str) -> tuple[int, int, int]:
    """The sRGB triple of a valid colour (``#rgb``, ``#rrggbb`` or a CSS name)."""
    v = check_colour(colour, where="colour")
    if not v.startswith("#"):
        v = "#" + _NAMED_HEX[v]
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
