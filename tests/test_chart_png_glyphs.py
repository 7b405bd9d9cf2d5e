"""A character no font on the machine has is drawn in a PNG as an empty box; it was drawn so with nothing
said (a party short-named 国民党 came out of a Linux server as three boxes). The renderer's own report of
the characters it found no font for is now a warning naming them and the chart's texts that hold them.

U+0378 and U+0379 are unassigned in every version of Unicode to date, so no font has a glyph for them,
whatever this machine has installed; the Latin, Greek and Cyrillic letters below are all in the bundled
DejaVu Sans."""

from __future__ import annotations

import subprocess
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("resvg_py")
from whipcount.charts import glyphs  # noqa: E402
from whipcount.charts.raster import MissingGlyphsWarning, social_card, to_png  # noqa: E402

NONE_HAS = "\u0378\u0379"


def _svg(*texts: str) -> str:
    body = "".join(f'<text x="10" y="{30 + 30 * i}" font-size="20">{t}</text>' for i, t in enumerate(texts))
    return f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 200">{body}</svg>'


def _rendered(render: Callable[[], bytes]) -> tuple[bytes, list[str]]:
    with warnings.catch_warnings(record=True) as told:
        warnings.simplefilter("always")
        data = render()
    ours = [w for w in told if issubclass(w.category, MissingGlyphsWarning)]
    # the warning points at the line that asked for the PNG (here, the lambda's), not into whipcount
    at = (__file__, render.__code__.co_firstlineno)
    assert all((w.filename, w.lineno) == at for w in ours), [(w.filename, w.lineno) for w in ours]
    return data, [str(w.message) for w in ours]


def test_characters_no_font_has_are_named_with_the_texts_that_hold_them() -> None:
    svg = _svg(f"Party {NONE_HAS[0]}", "Ελληνική Λύση", f"{NONE_HAS[1]}{NONE_HAS[0]} bloc", "Единая Россия")
    for render in (lambda: to_png(svg), lambda: social_card(svg)):
        data, told = _rendered(render)
        assert data.startswith(b"\x89PNG")
        assert len(told) == 1
        # the texts as Python writes them: a character no one can see is given by its number
        texts = f"{'Party ' + NONE_HAS[0]!r}, {NONE_HAS[1] + NONE_HAS[0] + ' bloc'!r}"
        assert told[0].startswith(f"PNG: no font here has \u0378 (U+0378), \u0379 (U+0379); in {texts}: "
                                  "drawn as empty boxes.")


def test_text_every_font_here_has_is_drawn_without_a_word() -> None:
    data, told = _rendered(lambda: to_png(_svg("Ελληνική Λύση", "Единая Россия", "Ærø &amp; Æblegård")))
    assert data.startswith(b"\x89PNG") and told == []


def test_standard_output_is_whole_around_a_render() -> None:
    """Descriptor 1 goes to a file for the render only: in a process whose standard output is a pipe (so
    Python holds what it prints until flushed), what was printed before, what is written to the descriptor
    after and what is printed after all reach it, in order, and resvg's log lines do not."""
    script = (
        "import os, sys, warnings\n"
        "from whipcount.charts.raster import to_png\n"
        "print('before')\n"  # still in Python's buffer when the render starts
        f"svg = {_svg('x' + NONE_HAS)!r}\n"
        "with warnings.catch_warnings(record=True) as told:\n"
        "    warnings.simplefilter('always')\n"
        "    to_png(svg)\n"
        "os.write(1, b'written\\n')\n"
        "print('after', len(told))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120)
    assert done.stdout == "before\nwritten\nafter 1\n"
    assert "No fonts" not in done.stderr


def test_without_a_descriptor_1_the_png_is_made_unchecked(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_descriptor(fd: int) -> int:
        raise OSError(9, "Bad file descriptor")

    monkeypatch.setattr(glyphs.os, "dup", no_descriptor)
    data, told = _rendered(lambda: to_png(_svg(f"x{NONE_HAS}")))
    assert data.startswith(b"\x89PNG") and told == []


def test_the_chart_command_warns_after_writing(run_cli: Callable[..., Any], write_scenario: Callable[..., Path],
                                               tmp_path: Path) -> None:
    from conftest import MINIMAL

    text = MINIMAL.replace("name: Red Party,", f"name: Red Party, short: R{NONE_HAS[0]},", 1)
    assert text != MINIMAL
    out = tmp_path / "h.png"
    result = run_cli("chart", str(write_scenario(text)), "-o", str(out))
    assert result.code == 0, result.err
    assert out.read_bytes().startswith(b"\x89PNG")
    assert f"warning: {out}: PNG: no font here has \u0378 (U+0378); in {'R' + NONE_HAS[0]!r}" in result.err


def test_the_warning_names_six_characters_and_three_texts_at_most() -> None:
    chars = [chr(0x4E00 + i) for i in range(7)]  # 一 丁 丂 七 丄 丅 丆
    texts = [f"{chars[i]} bloc" for i in range(4)] + ["plain", f"{chars[0]} bloc"]  # the last one twice
    text = glyphs.missing_glyph_text(chars, _svg(*texts))
    assert text.startswith("PNG: no font here has 一 (U+4E00), 丁 (U+4E01), 丂 (U+4E02), 七 (U+4E03), 丄 (U+4E04), "
                           "丅 (U+4E05), ...; in '一 bloc', '丁 bloc', '丂 bloc' ...: drawn as empty boxes.")
    six = glyphs.missing_glyph_text(chars[:6], _svg(*texts[:3]))
    assert "丅 (U+4E05); in '一 bloc', '丁 bloc', '丂 bloc': drawn" in six
    assert glyphs.missing_glyph_text(chars[:1], _svg("plain")).startswith(
        "PNG: no font here has 一 (U+4E00): drawn as empty boxes.")
    # each text once, and only texts that are drawn (an empty element is none)
    twice = glyphs.missing_glyph_text(chars[:1], _svg("一 a", "一 a", "", "一 b"))
    assert "; in '一 a', '一 b': drawn" in twice
