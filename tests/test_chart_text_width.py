"""One estimate of how wide chart text is (charts/textwidth.py), held to the face it is made for: DejaVu
Sans, the widest of the usual sans-serif faces. The widths below are the font's own advance widths (its
``hmtx`` table, 2048 units to the em, DejaVu Sans 2.37 and DejaVu Sans Bold 2.37), not the table's."""

from __future__ import annotations

import re
import unicodedata

import pytest

from font_metrics import find_font
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


@pytest.mark.parametrize("bold", [False, True])
def test_no_character_dejavu_sans_has_is_measured_narrower_than_it_sets_it(bold: bool) -> None:
    """Every glyph of DejaVu Sans (Bold), read from the font file's own tables: wide ones too (the digraphs
    DŽ, the long arrows, bold Ш, the ligature ﬗ, the face's emoji), which the flat 1.1 em set too narrow."""
    font = find_font("DejaVu Sans", bold=bold)
    if font is None:
        pytest.skip("DejaVu Sans is not installed (matplotlib bundles it)")
    assert font.em("W") == DEJAVU["W"][bold] / 2048  # the file is the face the table above was read from
    short = [(c, font.em(c), text_width(c, 1, bold=bold)) for c in font.chars()
             if (font.em(c) or 0.0) > text_width(c, 1, bold=bold) + 1e-9]
    assert short == []
    assert len(font.chars()) > 5000


@pytest.mark.parametrize(("family", "char"), [("Noto Sans CJK JP", "漢"), ("Noto Color Emoji", "😀")])
def test_wide_characters_are_never_measured_narrower_than_a_face_that_has_them(family: str, char: str) -> None:
    """East Asian wide and fullwidth characters (and emoji) DejaVu Sans lacks, against the face a browser
    falls back to, where one is installed: Noto Sans CJK sets them at an em, Noto Color Emoji at 1.245."""
    font = find_font(family, char=char)
    if font is None:
        pytest.skip(f"{family} is not installed")
    dejavu_has = find_font("DejaVu Sans")
    wide = [c for c in font.chars() if unicodedata.east_asian_width(c) in ("W", "F")
            and (dejavu_has is None or dejavu_has.em(c) is None)]
    assert len(wide) > 1000
    short = [(c, font.em(c)) for c in wide if (font.em(c) or 0.0) > text_width(c, 1) + 1e-9]
    assert short == []
    assert text_width(char, 10) >= 10 * (font.em(char) or 0.0) > 0


def test_a_wide_character_is_measured_by_its_kind_without_any_font() -> None:
    """By the Unicode data alone: an ideograph (Wide) an em, a fullwidth letter an em, an emoji (Wide, a
    symbol) 1.5 em, where the flat 1.1 em set an emoji narrower than Noto Color Emoji's 1.245 (2550 of
    its 2048 units)."""
    assert unicodedata.east_asian_width("漢") == "W" and unicodedata.east_asian_width("Ａ") == "F"
    assert text_width("漢字", 10) == pytest.approx(20)
    assert text_width("Ａ", 10) == pytest.approx(10)
    assert text_width("🫶", 10) >= 10 * 2550 / 2048
    assert text_width("日本維新の会", 13, bold=True) == pytest.approx(6 * 13)
