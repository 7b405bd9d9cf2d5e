"""The advance widths a real font gives characters, read from its own tables (OpenType ``head``, ``hhea``,
``hmtx`` and ``cmap``, as the OpenType specification lays them out), to hold the charts' estimate of text
widths to. Only a font file is needed: matplotlib's bundled DejaVu Sans where matplotlib is installed,
else whatever fontconfig finds; a test skips where neither has the face."""

from __future__ import annotations

import shutil
import struct
import subprocess
from functools import cache
from pathlib import Path


class Font:
    """A TrueType or OpenType font's advance widths, in ems, for the characters its ``cmap`` maps."""

    def __init__(self, path: Path, index: int = 0) -> None:
        self.path = path
        data = path.read_bytes()
        base = 0
        if data[:4] == b"ttcf":  # a collection: the offset of its index-th font
            (base,) = struct.unpack_from(">I", data, 12 + 4 * index)
        tables = {}
        (count,) = struct.unpack_from(">H", data, base + 4)
        for i in range(count):
            tag, _, offset, length = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
            tables[tag.decode("latin-1")] = (offset, length)
        (self.units,) = struct.unpack_from(">H", data, tables["head"][0] + 18)
        (metrics,) = struct.unpack_from(">H", data, tables["hhea"][0] + 34)
        hmtx = tables["hmtx"][0]
        advances = [struct.unpack_from(">H", data, hmtx + 4 * g)[0] for g in range(metrics)]
        self.glyphs = _cmap(data, tables["cmap"][0])
        self._advances = advances

    def advance(self, char: str) -> int | None:
        """The advance width of ``char`` in font units, or None when the font has no glyph for it."""
        glyph = self.glyphs.get(ord(char))
        if not glyph:
            return None
        return self._advances[min(glyph, len(self._advances) - 1)]  # the last advance repeats

    def em(self, char: str) -> float | None:
        """The advance width of ``char`` in ems, or None when the font has no glyph for it."""
        units = self.advance(char)
        return None if units is None else units / self.units

    def chars(self) -> list[str]:
        return [chr(c) for c, g in sorted(self.glyphs.items()) if g]


def _cmap(data: bytes, at: int) -> dict[int, int]:
    """Code point -> glyph, from the best Unicode subtable (format 12, else format 4)."""
    (n,) = struct.unpack_from(">H", data, at + 2)
    subtables = {}
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", data, at + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, at + offset)[0]
        if (platform, encoding) in ((3, 10), (0, 4), (0, 6)) and fmt == 12:
            subtables[12] = at + offset
        elif (platform, encoding) in ((3, 1), (0, 3), (0, 1), (0, 0)) and fmt == 4:
            subtables.setdefault(4, at + offset)
    if 12 in subtables:
        return _format12(data, subtables[12])
    return _format4(data, subtables[4])


def _format12(data: bytes, at: int) -> dict[int, int]:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    out = {}
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        for c in range(start, end + 1):
            out[c] = glyph + c - start
    return out


def _format4(data: bytes, at: int) -> dict[int, int]:
    (seg2,) = struct.unpack_from(">H", data, at + 6)
    ends, starts = at + 14, at + 16 + seg2
    deltas, ranges = starts + seg2, starts + 2 * seg2
    out = {}
    for s in range(seg2 // 2):
        (end,) = struct.unpack_from(">H", data, ends + 2 * s)
        (start,) = struct.unpack_from(">H", data, starts + 2 * s)
        (delta,) = struct.unpack_from(">h", data, deltas + 2 * s)
        (offset,) = struct.unpack_from(">H", data, ranges + 2 * s)
        for c in range(start, end + 1):
            if c == 0xFFFF:
                continue
            if offset == 0:
                glyph = (c + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", data, ranges + 2 * s + offset + 2 * (c - start))
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            out[c] = glyph
    return out


@cache
def find_font(family: str, *, bold: bool = False, char: str | None = None) -> Font | None:
    """``family`` (bold where asked), from matplotlib's bundle for DejaVu Sans, else as fontconfig matches
    it; None when no file of that family is found (fontconfig's nearest substitute is not taken). With
    ``char``: the font fontconfig picks for that character in ``family``."""
    if family == "DejaVu Sans" and char is None:
        try:
            import matplotlib
        except ImportError:
            pass
        else:
            name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
            path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
            if path.is_file():
                return Font(path)
    if shutil.which("fc-match") is None:
        return None
    pattern = family + (":bold" if bold else "") + (f":charset={ord(char):x}" if char else "")
    got = subprocess.run(["fc-match", "-f", "%{family}\t%{index}\t%{file}", pattern], capture_output=True,
                         text=True, check=False).stdout
    families, index, file = got.split("\t", 2)
    if family.lower() not in families.lower() or not file.endswith((".ttf", ".otf", ".ttc")):
        return None
    return Font(Path(file), int(index or 0))


def wide_ranges(regular: Font, bold: Font) -> list[tuple[int, int, int, int]]:
    """``charts.textwidth._WIDE`` as these two faces give it: the characters either sets wider than the
    estimate's rules measure them, consecutive ones in one range, each face's widest in hundredths of an
    em, rounded up."""
    from whipcount.charts.textwidth import _fallback

    def short(c: str) -> bool:
        rules = _fallback(c)
        return any((font.em(c) or 0.0) > width for font, width in zip((regular, bold), rules, strict=True))

    out: list[tuple[int, int, int, int]] = []
    for c in sorted(set(regular.chars()) | set(bold.chars())):
        if not short(c):
            continue
        r, b = hundredths(regular, c), hundredths(bold, c)
        if out and out[-1][1] == ord(c) - 1:
            first, _, r0, b0 = out[-1]
            out[-1] = (first, ord(c), max(r0, r), max(b0, b))
        else:
            out.append((ord(c), ord(c), r, b))
    return out


def hundredths(font: Font, c: str) -> int:
    """``c``'s advance width in hundredths of an em, rounded up (0 where the face has no glyph)."""
    units = font.advance(c) or 0
    return -(-units * 100 // font.units)


def joining_forms() -> dict[str, list[str]]:
    """Each Arabic letter's contextual forms (initial, medial, final, isolated), which a shaping renderer
    sets in its place: the Arabic Presentation Forms that the Unicode data decomposes to it."""
    import unicodedata

    forms: dict[str, list[str]] = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        tag, _, base = unicodedata.decomposition(chr(code)).partition(" ")
        if tag in ("<initial>", "<medial>", "<final>", "<isolated>") and " " not in base:
            forms.setdefault(chr(int(base, 16)), []).append(chr(code))
    return forms


def letter_blocks(regular: Font, bold: Font) -> list[tuple[int, list[int], list[int]]]:
    """``charts.letter_widths.BLOCKS`` as these two faces give it: for each alphabet block of
    ``charts.letter_widths.SPANS``, every code point's width in each face (hundredths of an em, rounded up;
    -1 where either face lacks the glyph, which then falls to the estimate's other rules). An Arabic
    letter counts its widest contextual form (:func:`joining_forms`): a renderer shapes it into one of them."""
    from whipcount.charts.letter_widths import SPANS

    forms = joining_forms()

    def width(font: Font, c: str) -> int:
        return max(hundredths(font, f) for f in [c, *forms.get(c, [])])

    out = []
    for first, last in SPANS:
        chars = [chr(c) for c in range(first, last + 1)]
        both = [regular.advance(c) is not None and bold.advance(c) is not None for c in chars]
        out.append((first, [width(regular, c) if has else -1 for c, has in zip(chars, both, strict=True)],
                    [width(bold, c) if has else -1 for c, has in zip(chars, both, strict=True)]))
    return out


def _wrapped(items: list[str], indent: str) -> list[str]:
    """``items`` joined by spaces in lines of at most 116 characters, each starting with ``indent``."""
    lines: list[str] = []
    line = ""
    for item in items:
        if line and len(line) + 1 + len(item) > 116:
            lines.append(line)
            line = ""
        line = f"{line} {item}" if line else indent + item
    return [*lines, line]


def _print_letters(regular: Font, bold: Font) -> None:
    for first, reg, bld in letter_blocks(regular, bold):
        print(f"    ({first:#06x}, (")
        print("\n".join(_wrapped([f"{w}," for w in reg], "        ")))
        print("    ), (")
        print("\n".join(_wrapped([f"{w}," for w in bld], "        ")))
        print("    )),")


if __name__ == "__main__":  # print the tables, from DejaVu Sans and DejaVu Sans Bold
    import sys

    faces = find_font("DejaVu Sans"), find_font("DejaVu Sans", bold=True)
    if faces[0] is None or faces[1] is None:
        raise SystemExit("DejaVu Sans and DejaVu Sans Bold: not found (install matplotlib or the fonts)")
    if sys.argv[1:] == ["--letters"]:  # charts/letter_widths.py's BLOCKS
        _print_letters(faces[0], faces[1])
    else:  # charts/textwidth.py's _WIDE
        rows = [f"({a:#06x}, {z:#06x}, {r}, {b})," for a, z, r, b in wide_ranges(faces[0], faces[1])]
        print("\n".join(_wrapped(rows, "    ")))
