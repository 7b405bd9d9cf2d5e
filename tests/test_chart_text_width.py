"""One estimate of how wide chart text is (charts/textwidth.py), held to the face it is made for: DejaVu
Sans, the widest of the usual sans-serif faces. The widths below are the font's own advance widths (its
``hmtx`` table, 2048 units to the em, DejaVu Sans 2.37 and DejaVu Sans Bold 2.37), not the table's."""

from __future__ import annotations

import re

import pytest

from whipcount.charts.legend import LegendEntry, render_legend
from whipcount.charts.textwidth import text_width

# character: (regular, bold) advance width in font units, 2048 to the em
DEJAVU = {"i": (569, 702), "l": (569, 702), "t": (803, 979), "r": (842, 1010), "f": (721, 891),
          "(": (799, 936), ")": (799, 936), "W": (2025, 2259), "m": (1995, 2134), "M": (1767, 2038), "w": (1675, 1892),
          "n": (1298, 1458), "e": (1260, 1389), "0": (1303, 1425), " ": (651, 713)}


def dejavu(text: str, size: float, *, bold: bool = False) -> float:
    return size * sum(DEJAVU[c][bold] for c in text) / 2048


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("text", ["Mmmw Wm", "fritt (lit)", "0000", "Wee", "tilt"])
def test_text_is_never_measured_narrower_than_dejavu_sans_sets_it(text: str, bold: bool) -> None:
    # the old estimates measured "fritt (lit)" at 0.34 em a letter and "Mmmw" at 0.6 or 0.6 + 0.1: too narrow
    assert dejavu(text, 13, bold=bold) <= text_width(text, 13, bold=bold) <= 1.05 * dejavu(text, 13, bold=bold)


def test_an_accented_letter_is_as_wide_as_its_letter() -> None:
    assert text_width("Kōmeitō El País", 13) == text_width("Komeito El Pais", 13)


def test_a_legend_count_starts_after_its_label_as_dejavu_sets_it() -> None:
    # the legend had its own estimate (7.8 units a lower-case letter at 13): "Mmmw Wm" is 68 units wide
    # in DejaVu Sans, and its count was put 56 units after the label's start, on top of it
    entry = LegendEntry("a", "Mmmw Wm", "#336699", 7)
    body, _ = render_legend([("", [entry])], 620.0, 100.0, 5.0)
    label_x = float(re.search(r'<text x="([\d.]+)"[^>]*class="lg"', "".join(body)).group(1))  # type: ignore[union-attr]
    count_x = float(re.search(r'<text x="([\d.]+)"[^>]*class="lg-n"', "".join(body)).group(1))  # type: ignore[union-attr]
    assert count_x >= label_x + dejavu("Mmmw Wm", 13)
