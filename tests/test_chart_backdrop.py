"""A chart is published on pages we do not control: a site in dark mode, a feed, a slide. Its texts are
dark and its seats chosen for contrast against white, so each chart paints its own white page; shown on
black, its every text still reads at 4.5:1 or more."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from chart_text import backdrop, texts, worst_contrast
from whipcount.charts import hemicycle, render_forecast, render_timeline
from whipcount.model import Scenario

DARK_PAGES = ["#000000", "#121212", "#1e1e1e"]


def _charts(pakistan: Scenario) -> dict[str, str]:
    pmf = np.zeros(343)
    pmf[170:175] = 0.2
    on = dt.date(2022, 4, 10)
    return {
        "hemicycle": hemicycle(pakistan, on=on).svg,
        "hemicycle narrow": hemicycle(pakistan, on=on, width=390).svg,
        "sides": hemicycle(pakistan, on=on, by="side", layout="westminster").svg,
        "timeline": render_timeline(pakistan),
        "timeline narrow": render_timeline(pakistan, width=390),
        "forecast": render_forecast(pmf, needed=172),
    }


@pytest.mark.parametrize("page", DARK_PAGES)
def test_every_chart_reads_on_a_dark_page(pakistan: Scenario, page: str) -> None:
    for name, svg in _charts(pakistan).items():
        root = ET.fromstring(svg)
        assert texts(root), name
        assert backdrop(root, page) != page, f"{name}: the page shows through the chart"
        worst, words = worst_contrast(root, page)
        assert worst >= 4.5, (name, words, round(worst, 2))
