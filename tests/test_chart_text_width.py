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


# Greek and Cyrillic letters as DejaVu Sans 2.37 (Bold) sets them, in font units, 2048 to the em, read from
# the fonts' hmtx tables: a party's name in these alphabets is measured as the face sets it
DEJAVU_LETTERS = {"С": (1430, 1503), "л": (1309, 1500), "у": (1212, 1335), "г": (1076, 1070), "а": (1255, 1382),
                  "н": (1339, 1415), "р": (1300, 1466), "о": (1253, 1407), "д": (1416, 1654), " ": (651, 713),
                  "Ν": (1532, 1714), "έ": (1107, 1140), "α": (1350, 1407), "Δ": (1401, 1585), "η": (1298, 1458),
                  "μ": (1303, 1507), "ο": (1253, 1407), "κ": (1207, 1455), "ρ": (1300, 1466), "τ": (1233, 1307),
                  "ί": (693, 798)}


@pytest.mark.parametrize("bold", [False, True])
@pytest.mark.parametrize("name", ["Слуга народу", "Νέα Δημοκρατία"])
def test_a_greek_or_cyrillic_name_is_measured_as_dejavu_sets_it(name: str, bold: bool) -> None:
    """Each of these letters had counted 1.1 em (the face's widest), so "Слуга народу" took 12.4 em where
    DejaVu Sans sets it in 7.2, and its label was left out of charts it fits in."""
    size = 13
    font = size * sum(DEJAVU_LETTERS[c][bold] for c in name) / 2048
    assert font <= text_width(name, size, bold=bold) <= font + size * len(name) / 100


@pytest.mark.parametrize("bold", [False, True])
def test_every_greek_cyrillic_armenian_hebrew_arabic_and_georgian_letter_is_measured_within_rounding(bold: bool) -> None:
    """Against the font file itself: every letter of those blocks the face has is measured at its own width,
    rounded up to a hundredth of an em, and the table is the one the font gives."""
    from font_metrics import joining_forms, letter_blocks
    from whipcount.charts.letter_widths import BLOCKS, SPANS

    font = find_font("DejaVu Sans", bold=bold)
    other = find_font("DejaVu Sans", bold=not bold)
    if font is None or other is None:
        pytest.skip("DejaVu Sans is not installed (matplotlib bundles it)")
    regular, heavy = (other, font) if bold else (font, other)
    assert [(f, tuple(r), tuple(b)) for f, r, b in letter_blocks(regular, heavy)] == list(BLOCKS)
    letters = [chr(c) for first, last in SPANS for c in range(first, last + 1)
               if font.em(chr(c)) is not None and other.em(chr(c)) is not None]
    assert len(letters) > 500
    forms = joining_forms()  # an Arabic letter is set in one of its contextual forms: the widest counts

    def em(c: str) -> float:
        return max(w for f in [c, *forms.get(c, [])] if (w := font.em(f)) is not None)

    off = [(c, em(c), text_width(c, 1, bold=bold)) for c in letters if not 0 <= text_width(c, 1, bold=bold) - em(c) < 0.01]
    assert off == []


def test_a_combining_mark_adds_no_width() -> None:
    """A name typed with a separate accent (NFD, as macOS files hold it) is set as the composed one: DejaVu
    Sans gives the combining acute no advance (its hmtx: 0), where it counted 1.1 em, the widest letter."""
    font = find_font("DejaVu Sans")
    if font is not None:
        assert font.em("\u0301") == 0
    assert text_width(unicodedata.normalize("NFD", "José Müller"), 13) == pytest.approx(text_width("José Müller", 13))
    assert text_width("a\u200db\u200e", 10) == pytest.approx(text_width("ab", 10))  # a joiner, a direction mark


@pytest.mark.parametrize("sequence", ["\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466",  # family
                                      "\U0001F44D\U0001F3FD", "\U0001F1EF\U0001F1F5", "\u2764\ufe0f"])
def test_an_emoji_sequence_is_one_emoji_wide(sequence: str) -> None:
    """Unicode's emoji sequences (a family joined by zero-width joiners, a skin tone, a flag's two letters, a
    symbol in emoji presentation) are drawn as one glyph, 1.245 em in Noto Color Emoji: measured as one emoji,
    where the family counted 9.3 em and was cut from labels that had room; and never under that glyph."""
    assert text_width(sequence, 10) == pytest.approx(text_width("\U0001F468", 10))
    assert text_width(sequence, 10) >= 10 * 2550 / 2048
    assert text_width("\U0001F1EF\U0001F1F5\U0001F1EB\U0001F1F7", 10) == pytest.approx(2 * text_width("\U0001F468", 10))
