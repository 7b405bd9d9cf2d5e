"""Hebrew and Arabic labels are measured as the PNG renderer sets them: resvg shapes Arabic into its joined
forms in the bundled DejaVu Sans, and the estimate (each letter at its widest form) is never narrower than
the ink the renderer draws, and not far wider, so a name that fits stays on one line. A right-to-left name
that does wrap is set flush right, as it is read."""

from __future__ import annotations

import re

import pytest

from test_chart_png_text import grey_rows
from whipcount.charts.legend import LegendEntry, render_legend, right_to_left
from whipcount.charts.textwidth import text_width

NAMES = ["حزب العدالة والتنمية", "الحزب الديمقراطي الكردستاني", "مسلم لیگ (ن)", "הליכוד", "יש עתיד",
         "הבית היהודי"]


def ink_width(name: str, size: float, bold: bool) -> float:
    """The width of the ink resvg draws for ``name`` at ``size`` pixels, from the PNG's own pixels."""
    from whipcount.charts.raster import to_png

    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {40 * size:g} {2 * size:g}">'
           f'<text x="{size:g}" y="{1.4 * size:g}" font-family="sans-serif" font-size="{size:g}" '
           f'font-weight="{700 if bold else 400}">{name}</text></svg>')
    rows = grey_rows(to_png(svg, scale=1))
    xs = [x for row in rows for x, v in enumerate(row) if v < 160]
    return max(xs) - min(xs) + 1


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("name", NAMES)
def test_a_right_to_left_name_is_measured_at_least_as_wide_as_drawn_and_not_half_again(name: str, bold: bool) -> None:
    pytest.importorskip("resvg_py")
    drawn = ink_width(name, 50, bold)
    measured = text_width(name, 50, bold=bold)
    assert drawn <= measured <= 1.5 * drawn + 50, (drawn, measured)  # one em of side bearings and rounding


def test_an_arabic_name_with_room_for_it_stays_on_one_line() -> None:
    # drawn 8.4 em wide at most (the ink of the test above, 13 units: 109): a column with 160 units for a label
    entry = LegendEntry("akp", NAMES[0], "#e4572e", 30)
    svg, _ = render_legend([("", [entry])], 24 + 20 + 160 + 40, 0, 5.0)
    labels = [m for line in svg for m in re.findall(r'<text[^>]*class="lg"[^>]*>([^<]*)</text>', line)]
    assert labels == [NAMES[0]]


def test_a_right_to_left_name_that_wraps_is_set_flush_right() -> None:
    entry = LegendEntry("kdp", NAMES[1] + " " + NAMES[0], "#e4572e", 30)
    svg, _ = render_legend([("A", [entry]), ("B", [])], 2 * (170 + 24), 0, 5.0)
    lines = [re.search(r'x="([0-9.]+)"', line) and line for line in svg if 'class="lg"' in line]
    assert len(lines) >= 2
    ends = {re.search(r'x="([0-9.]+)"', line).group(1) for line in lines}  # type: ignore[union-attr]
    assert all('text-anchor="end"' in line for line in lines) and len(ends) == 1


@pytest.mark.parametrize(("label", "rtl"), [("הליכוד", True), ("حزب", True), ("Likud", False),
                                             ("(ن) مسلم", True), ("12 الحزب", True), ("PTI (ن)", False)])
def test_the_direction_is_that_of_the_first_strong_letter(label: str, rtl: bool) -> None:
    assert right_to_left(label) is rtl
