"""How wide a line of chart text is: one table of character widths, one function.

A pure SVG writer has no font metrics, and the reader's browser picks the face (``system-ui``, else
``sans-serif``). The table holds the advance widths of DejaVu Sans and DejaVu Sans Bold, the widest of the
usual sans-serif faces, in hundredths of an em, rounded up: printable ASCII and the symbols the charts
write. A letter with an accent is as wide as its base letter (``é`` as ``e``, as in DejaVu Sans), the few
that are wider have their own entries; any other character (a CJK ideograph, an emoji) counts 1.1 em.
A line of Latin or Greek text measured here is never narrower than DejaVu Sans sets it (the digraph letters
such as ``ǅ`` aside), so a label placed by it runs into no other, no seat and not the picture's edge in
that face, and has room to spare in the narrower ones; some bold Cyrillic letters are wider than 1.1 em.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["text_width"]

_CHARS = (" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~"
          "·†‡–—‘’“”…→×−≥≤•€£°§¶ľďťĽĎŤơưƠƯÆæŒœ")
_REGULAR = (
    32, 41, 46, 84, 64, 96, 78, 28, 40, 40, 50, 84, 32, 37, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64,  # " " to 9
    34, 34, 84, 84, 84, 54, 100, 69, 69, 70, 78, 64, 58, 78, 76, 30, 30, 66, 56, 87, 75, 79, 61, 79, 70, 64,  # : to S
    62, 74, 69, 99, 69, 62, 69, 40, 34, 40, 84, 50, 50, 62, 64, 55, 64, 62, 36, 64, 64, 28, 28, 58, 28, 98,  # T to m
    64, 62, 64, 64, 42, 53, 40, 64, 60, 82, 60, 60, 53, 64, 34, 64, 84,  # n to ~
    32, 50, 50, 50, 100, 32, 32, 52, 52, 100, 84, 84, 84, 84, 84, 59, 64, 64, 50, 50, 64,  # · to ¶
    38, 64, 40, 56, 78, 62, 62, 64, 92, 86, 98, 99, 107, 103,  # ľ to œ
)
_BOLD = (
    35, 46, 53, 84, 70, 101, 88, 31, 46, 46, 53, 84, 38, 42, 38, 37, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70,
    40, 40, 84, 84, 84, 59, 100, 78, 77, 74, 84, 69, 69, 83, 84, 38, 38, 78, 64, 100, 84, 86, 74, 86, 78, 73,
    69, 82, 78, 111, 78, 73, 73, 46, 37, 46, 84, 50, 50, 68, 72, 60, 72, 68, 44, 72, 72, 35, 35, 67, 35, 105,
    72, 69, 72, 72, 50, 60, 48, 72, 66, 93, 65, 66, 59, 72, 37, 72, 84,
    38, 50, 50, 50, 100, 38, 38, 66, 66, 100, 84, 84, 84, 84, 84, 64, 70, 70, 50, 50, 64,
    48, 72, 48, 64, 84, 69, 69, 72, 88, 84, 109, 105, 117, 110,
)
_WIDTHS = {c: (r / 100, b / 100) for c, r, b in zip(_CHARS, _REGULAR, _BOLD, strict=True)}
"""Each character's width in ems: (regular, bold)."""
_OTHER = (1.1, 1.1)
"""A character the table does not hold: an ideograph is an em wide, DejaVu's widest letters 1.1."""


@lru_cache(maxsize=4096)
def _em(c: str) -> tuple[float, float]:
    """The width of ``c`` in ems, regular and bold: from the table, else its base letter's, else an em."""
    if c in _WIDTHS:
        return _WIDTHS[c]
    parts = unicodedata.normalize("NFD", c)
    base = parts[0] + ("\u031b" if "\u031b" in parts else "")  # a horn (Vietnamese ơ, ư) widens its letter
    return _WIDTHS.get(unicodedata.normalize("NFC", base), _OTHER)


def text_width(text: str, font: float, *, bold: bool = False) -> float:
    """The width of ``text`` at ``font`` units, set in DejaVu Sans (``bold``: DejaVu Sans Bold, also for a
    semi-bold label), rounded up a character at a time (see the module docstring)."""
    weight = 1 if bold else 0
    return font * sum(_em(c)[weight] for c in text)
