"""The party table's colour swatches are the key to the seat charts: each stands out from the page by
3:1 or more (WCAG 1.4.11) through its fill or its ring, as the seats do."""

from __future__ import annotations

import re

import pytest

from whipcount.charts.colours import PAGE_BACKGROUND, contrast
from whipcount.io.scenario import load_scenario
from whipcount.report import build_report

SWATCH = re.compile(r'<span class="sw" style="([^"]*)"')


@pytest.mark.parametrize("sid", ["ro-parl-2009", "il-knesset-2021"])
def test_every_swatch_stands_out_from_the_page(sid: str) -> None:
    styles = SWATCH.findall(build_report(load_scenario(sid)))
    assert styles
    for style in styles:
        props = dict(p.split(":", 1) for p in style.split(";"))
        visible = [props["background"], *([props["border"].split()[-1]] if "border" in props else [])]
        assert max(min(contrast(c, "#ffffff"), contrast(c, PAGE_BACKGROUND)) for c in visible) >= 3.0, style
