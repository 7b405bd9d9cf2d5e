"""The advance widths of Noto Sans Devanagari and Noto Sans Devanagari Bold (the faces bundled for Hindi,
Marathi and Nepali names, ``whipcount/data/fonts``), U+0900 to U+097F a code point at a time, in hundredths of
an em, rounded up, as read from the fonts' ``hmtx`` tables. A vowel sign or mark set above or below its
letter has no advance (and is counted as none: a combining mark adds nothing); a conjunct is set narrower
than its letters one by one, so a shaped name is never wider than measured."""

from __future__ import annotations

__all__ = ["DEVANAGARI"]

DEVANAGARI: tuple[int, tuple[int, ...], tuple[int, ...]] = (
    0x0900, (
        0, 0, 0, 28, 77, 77, 103, 50, 50, 55, 77, 86, 70, 56, 56, 56, 56, 103, 103, 103, 103, 77, 82, 57, 60, 65, 64,
        71, 75, 76, 75, 51, 59, 58, 57, 73, 57, 65, 52, 62, 56, 56, 57, 78, 58, 71, 60, 58, 41, 41, 68, 76, 76, 56,
        68, 58, 68, 54, 0, 26, 0, 47, 26, 26, 26, 0, 0, 0, 0, 0, 0, 0, 0, 26, 26, 26, 26, 0, 28, 26, 91, 0, 0, 0, 0,
        0, 0, 0, 77, 82, 57, 75, 58, 57, 78, 58, 86, 70, 0, 0, 38, 60, 56, 56, 56, 56, 56, 56, 56, 56, 56, 56, 43,
        32, 77, 77, 103, 103, 77, 77, 56, 75, 58, 57, 73, 47, 58, 58,
    ), (
        0, 0, 0, 29, 85, 85, 114, 52, 52, 59, 83, 92, 76, 61, 61, 61, 61, 114, 114, 114, 114, 83, 90, 61, 65, 70, 69,
        76, 82, 81, 83, 55, 62, 62, 61, 80, 63, 72, 56, 69, 62, 62, 62, 83, 62, 78, 65, 64, 44, 44, 74, 81, 81, 61,
        75, 63, 75, 57, 0, 30, 0, 53, 30, 30, 30, 0, 0, 0, 0, 0, 0, 0, 0, 30, 30, 30, 30, 0, 31, 30, 102, 0, 0, 0, 0,
        0, 0, 0, 83, 90, 61, 82, 62, 61, 83, 64, 92, 76, 0, 0, 40, 64, 57, 57, 57, 57, 57, 57, 57, 57, 57, 57, 45,
        33, 85, 85, 114, 114, 85, 85, 61, 82, 64, 61, 81, 51, 62, 62,
    ),
)
"""(first code point, regular widths, bold widths), as :data:`~whipcount.charts.letter_widths.BLOCKS` holds them."""
