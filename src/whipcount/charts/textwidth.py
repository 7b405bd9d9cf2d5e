"""How wide a line of chart text is: one table of character widths, one function.

A pure SVG writer has no font metrics, and the reader's browser picks the face (``system-ui``, else
``sans-serif``). The table holds the advance widths of DejaVu Sans and DejaVu Sans Bold, the widest of the
usual sans-serif faces, in hundredths of an em, rounded up: printable ASCII and the symbols the charts
write, and the Greek, Cyrillic, Armenian, Hebrew, Arabic and Georgian alphabets
(:mod:`~whipcount.charts.letter_widths`; an Arabic letter at the widest of the joined forms the renderer
shapes it into, so an Arabic name is measured a little wide, never narrow), and Devanagari as the bundled
Noto Sans Devanagari sets it letter by letter (:mod:`~whipcount.charts.devanagari_widths`). A
letter with an accent is as wide as its base letter (``é`` as ``e``, as in DejaVu Sans), the few that are
wider have their own entries. Every other character DejaVu Sans sets wider than the rules below would
measure it (the digraphs ``Ǆ``, the long arrows, ligatures such as ``ﬗ``, Greek capitals with breathings,
the Canadian syllabics, its few emoji) is in :data:`_WIDE`, a range at a time, read from the fonts'
``hmtx`` tables (DejaVu Sans 2.37; ``tests/font_metrics.py`` prints the ranges from a font file). Characters
DejaVu Sans lacks are set by the browser in another face: East Asian wide and fullwidth characters
(``unicodedata.east_asian_width``) count an em, as every CJK face sets them (Noto Sans CJK: at most 1.0),
emoji and other wide symbols 1.5 em (Noto Color Emoji sets them at 1.245 em, Symbola at up to 1.5), and
anything else 1.1 em. A combining mark, a variation selector or an invisible format character (a
zero-width joiner, a direction mark) adds nothing, as in every face, and an emoji sequence (a skin tone, a
family joined by zero-width joiners, a flag's two letters) counts as its first emoji, one glyph in Noto
Color Emoji; a symbol followed by the emoji variation selector (``❤️``) counts as an emoji. A line of text
measured here is never narrower than DejaVu Sans sets it, so a label placed by it runs into no other, no
seat and not the picture's edge in that face, and has room to spare in the narrower ones.
"""

from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache

from whipcount.charts.devanagari_widths import DEVANAGARI
from whipcount.charts.letter_widths import BLOCKS

__all__ = ["shortened", "text_width"]

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
_WIDTHS.update({chr(first + i): (r / 100, b / 100) for first, regular, bold in (*BLOCKS, DEVANAGARI)
                for i, (r, b) in enumerate(zip(regular, bold, strict=True)) if r >= 0})
"""Each character's width in ems: (regular, bold); Greek, Cyrillic, Armenian, Hebrew, Arabic and Georgian from
:mod:`~whipcount.charts.letter_widths`, Devanagari (in the bundled Noto Sans Devanagari) from
:mod:`~whipcount.charts.devanagari_widths`."""
_OTHER = (1.1, 1.1)
"""A character none of the rules place: DejaVu's widest usual letters are 1.1 em."""
_FULL = (1.0, 1.0)
"""An East Asian wide or fullwidth letter or mark that DejaVu Sans lacks: an em in every CJK face."""
_EMOJI = (1.5, 1.5)
"""An emoji or other wide symbol that DejaVu Sans lacks (Noto Color Emoji: 1.245 em; Symbola: up to 1.5)."""
_EMOJI_BLOCKS = (0x1F000, 0x1FAFF)
"""Mahjong tiles to Symbols and Pictographs Extended-A: emoji, whatever their East Asian width."""
_EMOJI_MARKS = "\u3030\u303d"
"""The wavy dash and the part alternation mark: wide punctuation that is also emoji."""

# (first, last code point, regular, bold in hundredths of an em, rounded up): the characters DejaVu Sans
# or DejaVu Sans Bold sets wider than the rules of _fallback measure them, consecutive ones in one range
# measured by its widest; generated from the fonts' hmtx tables by tests/font_metrics.py.
_WIDE: tuple[tuple[int, int, int, int], ...] = (
    (0x01c4, 0x01c6, 143, 156), (0x01ca, 0x01cb, 94, 121), (0x01f1, 0x01f3, 143, 156), (0x01f6, 0x01f6, 112, 129),
    (0x02a3, 0x02a5, 106, 122), (0x0edc, 0x0edd, 103, 137), (0x1412, 0x1415, 101, 115), (0x1417, 0x141a, 101, 115),
    (0x142b, 0x142b, 109, 122), (0x142d, 0x142e, 112, 130), (0x1440, 0x1447, 101, 115), (0x14c9, 0x14ce, 107, 125),
    (0x14dc, 0x14e9, 109, 129), (0x1513, 0x1524, 115, 144), (0x155b, 0x155c, 101, 118), (0x157e, 0x1584, 105, 124),
    (0x158e, 0x1594, 126, 160), (0x1596, 0x1596, 108, 128), (0x166f, 0x1676, 164, 202), (0x1683, 0x1685, 137, 188),
    (0x1688, 0x168a, 137, 188), (0x168d, 0x168f, 138, 181), (0x1692, 0x1694, 137, 188), (0x1698, 0x1699, 121, 156),
    (0x1e37, 0x1e37, 29, 35), (0x1e39, 0x1e39, 29, 35), (0x1f0a, 0x1f0f, 88, 105), (0x1f18, 0x1f1d, 98, 110),
    (0x1f28, 0x1f2f, 109, 126), (0x1f38, 0x1f3f, 64, 79), (0x1f48, 0x1f4d, 110, 123), (0x1f59, 0x1f59, 79, 94),
    (0x1f5b, 0x1f5b, 100, 119), (0x1f5d, 0x1f5d, 102, 120), (0x1f5f, 0x1f5f, 90, 105), (0x1f68, 0x1f6f, 110, 126),
    (0x1f75, 0x1f75, 66, 72), (0x1f8a, 0x1f8f, 88, 105), (0x1f98, 0x1f9f, 109, 126), (0x1fa8, 0x1faf, 110, 126),
    (0x1fba, 0x1fbb, 72, 88), (0x1fbe, 0x1fbe, 50, 50), (0x1fc4, 0x1fc4, 66, 72), (0x1fc8, 0x1fcb, 94, 109),
    (0x1fda, 0x1fdb, 48, 63), (0x1fea, 0x1fec, 85, 103), (0x1ff8, 0x1ffb, 95, 109), (0x2030, 0x2031, 174, 189),
    (0x20a7, 0x20a9, 128, 152), (0x20af, 0x20af, 128, 140), (0x2100, 0x2101, 102, 118), (0x2103, 0x2103, 113, 122),
    (0x2106, 0x2106, 107, 115), (0x2116, 0x2116, 105, 121), (0x2121, 0x2121, 108, 129), (0x2133, 0x2133, 107, 119),
    (0x213b, 0x213b, 120, 135), (0x2152, 0x2152, 138, 149), (0x2166, 0x2168, 132, 168), (0x216a, 0x216b, 114, 141),
    (0x2176, 0x2177, 118, 150), (0x217b, 0x217b, 101, 124), (0x2180, 0x2180, 125, 129), (0x2182, 0x2182, 125, 129),
    (0x222d, 0x222d, 106, 130), (0x2230, 0x2230, 106, 132), (0x22d8, 0x22d9, 143, 143), (0x22f2, 0x22f2, 100, 116),
    (0x22fa, 0x22fa, 100, 116), (0x2324, 0x2328, 145, 145), (0x232b, 0x232b, 142, 142), (0x2387, 0x2387, 116, 116),
    (0x25ef, 0x25ef, 112, 112), (0x260e, 0x260f, 126, 126), (0x26a4, 0x26a4, 118, 118), (0x27f4, 0x27ff, 144, 144),
    (0x2a0c, 0x2a0c, 133, 167), (0x2b24, 0x2b24, 112, 112), (0x2c72, 0x2c72, 113, 123), (0xa4ea, 0xa4ea, 99, 111),
    (0xa64c, 0xa64d, 118, 141), (0xa650, 0xa650, 103, 124), (0xa654, 0xa654, 108, 118), (0xa666, 0xa666, 118, 127),
    (0xa66c, 0xa66d, 136, 141), (0xa698, 0xa699, 136, 141), (0xa732, 0xa732, 125, 135), (0xa734, 0xa734, 121, 129),
    (0xa736, 0xa736, 115, 122), (0xa74e, 0xa74f, 136, 141), (0xa7ff, 0xa7ff, 120, 133), (0xf40a, 0xf40a, 117, 117),
    (0xfb03, 0xfb04, 97, 112), (0xfb13, 0xfb17, 153, 172), (0xfb35, 0xfb36, 41, 49), (0xfb39, 0xfb39, 34, 44),
    (0xfb6a, 0xfb6b, 104, 120), (0xfb6e, 0xfb6f, 104, 120), (0xfeb1, 0xfeb2, 128, 142), (0xfeb5, 0xfeb6, 128, 142),
    (0xfeb9, 0xfeba, 123, 137), (0xfebd, 0xfebe, 123, 137), (0xfed1, 0xfed2, 104, 120), (0xfffd, 0xfffd, 103, 112),
    (0x1030c, 0x1030c, 143, 132), (0x1d54e, 0x1d54e, 111, 109), (0x1d55e, 0x1d55e, 115, 112),
    (0x1d5ea, 0x1d5ea, 0, 111), (0x1ee0e, 0x1ee0e, 123, 0), (0x1ee11, 0x1ee11, 121, 0), (0x1ee14, 0x1ee14, 123, 0),
    (0x1ee19, 0x1ee19, 121, 0), (0x1ee68, 0x1ee68, 111, 0), (0x1ee6e, 0x1ee6e, 115, 0), (0x1ee71, 0x1ee71, 116, 0),
    (0x1ee74, 0x1ee74, 115, 0), (0x1ee79, 0x1ee7a, 116, 0), (0x1f634, 0x1f634, 161, 161),
)
_WIDE_FIRSTS = [first for first, *_ in _WIDE]


def _fallback(c: str) -> tuple[float, float]:
    """The width of ``c`` in ems by the rules alone: the table, else its base letter's, else by its East
    Asian width and kind (see the module docstring)."""
    if c in _WIDTHS:
        return _WIDTHS[c]
    parts = unicodedata.normalize("NFD", c)
    base = parts[0] + ("\u031b" if "\u031b" in parts else "")  # a horn (Vietnamese ơ, ư) widens its letter
    letter = _WIDTHS.get(unicodedata.normalize("NFC", base))
    if letter is not None:
        return letter
    if _EMOJI_BLOCKS[0] <= ord(c) <= _EMOJI_BLOCKS[1]:
        return _EMOJI
    if unicodedata.east_asian_width(c) in ("W", "F"):
        return _EMOJI if unicodedata.category(c) in ("So", "Sk") or c in _EMOJI_MARKS else _FULL
    return _OTHER


@lru_cache(maxsize=4096)
def _em(c: str) -> tuple[float, float]:
    """The width of ``c`` in ems, regular and bold: by the rules, or as DejaVu Sans sets it where wider."""
    regular, bold = _fallback(c)
    at = bisect.bisect_right(_WIDE_FIRSTS, ord(c)) - 1
    if at >= 0 and ord(c) <= _WIDE[at][1]:
        _, _, wide_regular, wide_bold = _WIDE[at]
        return max(regular, wide_regular / 100), max(bold, wide_bold / 100)
    return regular, bold


_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                       "\u2060\u2066\u2067\u2068\u2069\ufeff")
"""Zero-width spaces and joiners, direction marks and embeddings, the word joiner and the byte-order mark:
format characters no face gives an advance."""
_ZWJ = "\u200d"
_EMOJI_STYLE = "\ufe0f"
"""The variation selector that asks for a character's emoji presentation."""
_SKIN_TONES = (0x1F3FB, 0x1F3FF)
_FLAG_LETTERS = (0x1F1E6, 0x1F1FF)
_TAGS = (0xE0020, 0xE007F)


def _emoji(c: str) -> bool:
    return _fallback(c) == _EMOJI


def _joined(prev: str, c: str, flag_open: bool) -> bool:
    """True when ``c`` adds no advance after ``prev``: a combining mark or variation selector on a character
    before it (DejaVu Sans and the CJK faces set them at zero width), an invisible format character, and the
    parts of an emoji sequence after its first (a skin tone, an emoji joined by a zero-width joiner, the
    second letter of a flag, the tags of a subdivision's flag): a renderer draws each sequence as one glyph."""
    if c in _INVISIBLE or _TAGS[0] <= ord(c) <= _TAGS[1]:
        return True
    if not prev:
        return False
    if unicodedata.category(c) in ("Mn", "Me"):
        return True
    if _SKIN_TONES[0] <= ord(c) <= _SKIN_TONES[1]:
        return _emoji(prev)
    if prev == _ZWJ:
        return _emoji(c)
    return flag_open and _FLAG_LETTERS[0] <= ord(c) <= _FLAG_LETTERS[1]


def text_width(text: str, font: float, *, bold: bool = False) -> float:
    """The width of ``text`` at ``font`` units, set in DejaVu Sans (``bold``: DejaVu Sans Bold, also for a
    semi-bold label), rounded up a character at a time (see the module docstring); a character that joins
    the one before it (a combining mark, the rest of an emoji sequence: :func:`_joined`) adds nothing."""
    weight = 1 if bold else 0
    total, prev, flag_open = 0.0, "", False
    for c in text:
        if c == _EMOJI_STYLE and prev and not _emoji(prev):  # "❤️": a symbol drawn as an emoji, as wide as one
            total += max(0.0, _EMOJI[weight] - _em(prev)[weight])
        elif not _joined(prev, c, flag_open):
            total += _em(c)[weight]
            flag_open = _FLAG_LETTERS[0] <= ord(c) <= _FLAG_LETTERS[1]
        else:
            flag_open = False
        prev = c if c != _EMOJI_STYLE else prev
    return font * total



def shortened(text: str, room: float, font: float) -> str:
    """``text`` as it is where it fits ``room`` units at ``font`` units, else cut in the middle to fit, an
    ellipsis where the cut is: its start (a name) and its end (the figures: "... government (+30)") are kept,
    whole words where a word of each fits (the most characters kept, the start first among equals), else
    letters; a combining mark or joiner stays with the letter before it. At least the ellipsis is returned."""
    if text_width(text, font) <= room:
        return text
    words = text.split(" ")
    cuts = [(" ".join(words[:i]), " ".join(words[len(words) - j:])) for i in range(1, len(words))
            for j in range(1, len(words) - i + 1) if i + j < len(words)]
    for head, tail in sorted(cuts, key=lambda c: (-len(c[0]) - len(c[1]), -len(c[0]))):
        if text_width(cut := f"{head}…{tail}", font) <= room:
            return cut
    for keep in range(len(text) - 1, 0, -1):
        head, tail = _whole(text, (keep + 1) // 2), text[len(text) - keep // 2:] if keep // 2 else ""
        while tail and (unicodedata.combining(tail[0]) or tail[0] in _JOINERS):
            tail = tail[1:]
        if text_width(cut := f"{head.rstrip()}…{tail.lstrip()}", font) <= room:
            return cut
    return "…"


_JOINERS = ("\u200d", "\u200c")


def _whole(text: str, n: int) -> str:
    """The first ``n`` characters of ``text``, and any combining marks or joiners right after them."""
    while n < len(text) and (unicodedata.combining(text[n]) or text[n] in _JOINERS):
        n += 1
    return text[:n]
