"""A PNG chart has its text, on any machine: resvg looks for Arial when a chart's faces (``system-ui``,
..., ``Arial``, ``sans-serif``) are all missing, and on a Linux machine without Arial it drew the seats and
no word at all. The generic face is now the bundled DejaVu Sans. The pixels are read from the PNG's own
bytes (PNG specification, sections 7 and 9: zlib-compressed scanlines, each behind a filter type byte)."""

from __future__ import annotations

import hashlib
import re
import struct
import zlib
from importlib import resources

import pytest

from whipcount.charts import hemicycle
from whipcount.charts.textwidth import text_width
from whipcount.io.scenario import load_scenario

pytest.importorskip("resvg_py")
from whipcount.charts.raster import FONT_FILES, to_png  # noqa: E402


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def grey_rows(png: bytes) -> list[list[int]]:
    """The image's rows of pixels, each the darkest of its red, green and blue (8-bit RGB or RGBA only)."""
    at, idat, width, height, channels = 8, b"", 0, 0, 0
    while at < len(png):
        length, kind = struct.unpack(">I4s", png[at:at + 8])
        body = png[at + 8:at + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6) and body[12] == 0  # 8 bits, RGB(A), not interlaced
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        at += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * channels, [], bytearray(width * channels)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            c = prev[i - channels] if i >= channels else 0
            line[i] = (line[i] + (0, a, prev[i], (a + prev[i]) // 2, _paeth(a, prev[i], c))[kind]) & 0xFF
        rows.append([min(line[x * channels:x * channels + 3]) for x in range(width)])
        prev = line
    return rows


def _ink(rows: list[list[int]]) -> list[tuple[int, int]]:
    return [(x, y) for y, row in enumerate(rows) for x, v in enumerate(row) if v < 128]


@pytest.mark.parametrize("case", ["pk-na-2022", "gb-hc-2019"])
def test_a_png_hemicycle_has_its_heading_legend_and_notes(case: str) -> None:
    svg = hemicycle(load_scenario(case)).svg
    without = re.sub(r"<text\b[^>]*>.*?</text>", "", svg, flags=re.S)
    assert without != svg
    drawn, bare = grey_rows(to_png(svg, scale=1)), grey_rows(to_png(without, scale=1))
    differ = sum(a != b for row, other in zip(drawn, bare, strict=True) for a, b in zip(row, other, strict=True))
    assert differ > 5000  # the heading alone is some 40 letters of 20 units
    heading = int(re.search(r'<text[^>]*y="([\d.]+)"[^>]*class="heading"', svg).group(1))  # type: ignore[union-attr]
    assert any(v < 64 for v in drawn[heading - 5])  # dark letters on the heading's line


def test_text_in_faces_no_machine_has_is_set_in_the_bundled_dejavu_sans() -> None:
    size = 100
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 500 150"><text x="20" y="110" '
           f'font-family="NoSuchFace, AlsoMissing, sans-serif" font-size="{size}">WWWW</text></svg>')
    ink = _ink(grey_rows(to_png(svg, scale=1)))
    assert ink
    extent = max(x for x, _ in ink) - min(x for x, _ in ink) + 1
    # DejaVu Sans's W: 2025 units of 2048 advance, its ink nearly as wide: four of them, within 2 %
    assert 0.98 * text_width("WWWW", size) <= extent <= text_width("WWWW", size)


def test_the_bundled_fonts_are_the_files_their_readme_names() -> None:
    fonts = resources.files("whipcount") / "data" / "fonts"
    readme = (fonts / "README.md").read_text(encoding="utf-8")
    for name in FONT_FILES:
        digest = hashlib.sha256((fonts / name).read_bytes()).hexdigest()
        assert f"| `{name}` | `{digest}` |" in readme
    assert "Bitstream Vera" in (fonts / "LICENSE").read_text(encoding="utf-8")


def _box(rows: list[list[int]]) -> tuple[int, int, int, int]:
    ink = _ink(rows)
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    return min(xs), min(ys), max(xs) + 1, max(ys) + 1


@pytest.mark.parametrize(("w", "h", "box"), [
    (400, 100, (24, 194, 1176, 482)),  # wide: 1,152 wide (the card less two 24-pixel margins), 288 high, centred
    (100, 400, (522, 24, 679, 651)),  # tall: 627 high, 156.75 wide, centred
])
def test_a_social_card_fits_the_chart_within_its_margins_and_centres_it(w: int, h: int, box: tuple[int, ...]) -> None:
    from whipcount.charts.raster import social_card

    chart = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}">'
             f'<rect width="{w}" height="{h}" fill="#000000"/></svg>')
    rows = grey_rows(social_card(chart))
    assert (len(rows[0]), len(rows)) == (1200, 675)
    got = _box(rows)
    assert all(abs(a - b) <= 1 for a, b in zip(got, box, strict=True)), got


@pytest.mark.parametrize(("scale", "ok"), [(0.1, True), (10, True), (0.099, False), (10.01, False), (0, False)])
def test_the_scale_is_taken_from_a_tenth_to_ten(scale: float, ok: bool) -> None:
    from whipcount.charts.raster import png_size
    from whipcount.errors import ChartError

    chart = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50"></svg>'
    if ok:
        assert png_size(chart, scale) == (max(1, round(200 * scale)), max(1, round(50 * scale)))
    else:
        with pytest.raises(ChartError, match="--scale: expected 0.1 to 10"):
            png_size(chart, scale)
