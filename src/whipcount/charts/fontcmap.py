"""Which characters a bundled font has: the code points its ``cmap`` table maps to a glyph.

Read from the font file itself, as the OpenType specification lays the table out (a format 12 subtable
where the font has one, else format 4), so the PNG renderer knows which characters the chart's own face
sets and which another face must (:mod:`whipcount.charts.fontruns`).
"""

from __future__ import annotations

import struct
from functools import cache
from importlib import resources

__all__ = ["bundled_chars"]


@cache
def bundled_chars(name: str) -> frozenset[int]:
    """The code points the bundled font file ``name`` (under ``whipcount/data/fonts``) has a glyph for."""
    data = (resources.files("whipcount") / "data" / "fonts" / name).read_bytes()
    (count,) = struct.unpack_from(">H", data, 4)
    tables = {}
    for i in range(count):
        tag, _, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        tables[tag] = offset
    return frozenset(c for c, glyph in _cmap(data, tables[b"cmap"]).items() if glyph)


def _cmap(data: bytes, at: int) -> dict[int, int]:
    """Code point -> glyph, from the best Unicode subtable (format 12, else format 4)."""
    (n,) = struct.unpack_from(">H", data, at + 2)
    found: dict[int, int] = {}
    for i in range(n):
        platform, encoding, offset = struct.unpack_from(">HHI", data, at + 4 + 8 * i)
        (fmt,) = struct.unpack_from(">H", data, at + offset)
        if fmt == 12 and (platform, encoding) in ((3, 10), (0, 4), (0, 6)):
            found[12] = at + offset
        elif fmt == 4 and (platform, encoding) in ((3, 1), (0, 3), (0, 1), (0, 0)):
            found.setdefault(4, at + offset)
    return _format12(data, found[12]) if 12 in found else _format4(data, found[4])


def _format12(data: bytes, at: int) -> dict[int, int]:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    out = {}
    for i in range(groups):
        start, end, glyph = struct.unpack_from(">III", data, at + 16 + 12 * i)
        out.update({c: glyph + c - start for c in range(start, end + 1)})
    return out


def _format4(data: bytes, at: int) -> dict[int, int]:
    (seg2,) = struct.unpack_from(">H", data, at + 6)
    ends, starts = at + 14, at + 16 + seg2
    deltas, ranges = starts + seg2, starts + 2 * seg2
    out = {}
    for s in range(seg2 // 2):
        end, start = struct.unpack_from(">H", data, ends + 2 * s)[0], struct.unpack_from(">H", data, starts + 2 * s)[0]
        (delta,) = struct.unpack_from(">h", data, deltas + 2 * s)
        (offset,) = struct.unpack_from(">H", data, ranges + 2 * s)
        for c in range(start, min(end, 0xFFFE) + 1):
            if offset == 0:
                out[c] = (c + delta) & 0xFFFF
            else:
                (glyph,) = struct.unpack_from(">H", data, ranges + 2 * s + offset + 2 * (c - start))
                out[c] = (glyph + delta) & 0xFFFF if glyph else 0
    return out
