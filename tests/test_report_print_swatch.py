"""Printed, the party table still shows each party's colour. Browsers print without background colours
unless the reader asks for them, and the swatch is a background: printed as is, the key to the charts was
blank. Measured in Chromium's own PDF: the swatch's colour is painted."""

from __future__ import annotations

import re
import zlib

import pytest

from browser import chromium_browser
from whipcount.report.style import CSS

pytestmark = pytest.mark.browser


def _painted_colours(pdf: bytes) -> set[tuple[float, ...]]:
    out = set()
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            content = zlib.decompress(m.group(1))
        except zlib.error:
            continue
        for rgb in re.findall(rb"([0-9.]+) ([0-9.]+) ([0-9.]+) rg", content):
            out.add(tuple(round(float(v), 2) for v in rgb))
    return out


def test_the_swatches_print_without_background_graphics() -> None:
    page = f"<!doctype html><style>{CSS}</style><p><span class='sw' style='background:#123456'></span>Party</p>"
    with chromium_browser() as browser:
        tab = browser.new_page()
        tab.set_content(page)
        pdf = tab.pdf(print_background=False)  # the browser's default: no background graphics
    assert (round(0x12 / 255, 2), round(0x34 / 255, 2), round(0x56 / 255, 2)) in _painted_colours(pdf)
