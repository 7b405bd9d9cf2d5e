"""A Hebrew or Arabic name inside an English sentence of a chart keeps the sentence in order, in the browser
that draws it: the digits and letters after the name stay after it ('Colours adjusted ...: <name> #1d84ce
→ ...', '<chamber>, 15 January 2023'). The Unicode bidirectional algorithm, left alone, draws digits next
to a right-to-left name as part of it ('#1d84ce' as '#1', the name, 'd84ce'; ', 15 January' as '15 ,',
the name, 'January'). Positions are read from Chromium's own text layout (getExtentOfChar)."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from browser import chromium_browser
from whipcount.charts import hemicycle
from whipcount.io.scenario import load_scenario

HEBREW, ARABIC = "מפלגת העבודה הישראלית", "مجلس الشعب"
SCENARIO = f"""\
chamber: {{name: "{ARABIC}", rules: gb-hc, seats: 100, as_of: 2023-01-15}}
parties:
  - {{id: a, name: Alpha, seats: 60, side: government, colour: "#1d84ce"}}
  - {{id: b, name: "{HEBREW}", seats: 40, side: opposition, colour: "#1d84ce"}}
"""
EXTENTS = """svg => Array.from(svg.querySelectorAll("text")).map(t => [t.textContent,
  Array.from({length: t.getNumberOfChars()}, (_, i) => { const r = t.getExtentOfChar(i); return [r.x, r.width]; })])"""


@pytest.fixture(scope="module")
def page() -> Iterator[Any]:
    with chromium_browser() as b:
        yield b.new_page(viewport={"width": 1000, "height": 900})


def _segments(words: str, boxes: list[list[float]]) -> list[tuple[str, float, float]]:
    """The text in logical order as segments with their drawn extent: each right-to-left run (letters and the
    marks, spaces and digits between them) one segment, each left-to-right letter or digit one of its own;
    punctuation, spaces and format characters are left out (the algorithm may place them either way)."""
    out: list[tuple[str, float, float]] = []
    rtl = False
    for i, c in enumerate(words):
        kind = unicodedata.bidirectional(c)
        x0, x1 = boxes[i][0], boxes[i][0] + boxes[i][1]
        if kind in ("R", "AL"):
            if rtl:
                s, a, b = out[-1]
                out[-1] = (s + c, min(a, x0), max(b, x1))
            else:
                out.append((c, x0, x1))
            rtl = True
        elif kind in ("L", "EN"):
            out.append((c, x0, x1))
            rtl = False
    return out


@pytest.mark.browser
def test_a_right_to_left_name_keeps_the_sentence_around_it_in_order(page: Any, tmp_path: Path) -> None:
    path = tmp_path / "bidi.yaml"
    path.write_text(SCENARIO, encoding="utf-8")
    svg = hemicycle(load_scenario(path)).svg
    page.set_content(f"<!doctype html><html><body style='margin:0'>{svg}</body></html>")
    texts = page.eval_on_selector("svg", EXTENTS)
    mixed = [(w, b) for w, b in texts if any(unicodedata.bidirectional(c) in ("R", "AL") for c in w)
             and any(unicodedata.bidirectional(c) in ("L", "EN") for c in w)]
    assert any("#1d84ce" in w for w, _ in mixed) and any("15 January 2023" in w for w, _ in mixed)
    for words, boxes in mixed:
        segs = _segments(words, boxes)
        for (s, _, right), (t, left, _) in zip(segs, segs[1:], strict=False):
            assert right <= left + 0.5, f"{words!r}: {s!r} is drawn after {t!r}"


def test_a_png_warning_quotes_the_text_as_written() -> None:
    from whipcount.charts.glyphs import missing_glyph_text
    from whipcount.charts.svg import text

    svg = text(0, 0, f"{ARABIC}, 15 January 2023")
    assert "\u2068" in svg  # drawn isolated
    assert f"'{ARABIC}, 15 January 2023'" in missing_glyph_text(["م"], svg)
