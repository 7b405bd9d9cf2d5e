"""The dashboard's stylesheet agrees with the seat chart it shows. The desktop chart is shown at its own size
where there is room (the figure as wide as the chart is drawn, so its smallest text is shown at its own size), and
only in a figure wide enough that its smallest text stays 10 CSS pixels or more; a narrower figure shows the phone's
chart. The widths are written into the stylesheet (a container query cannot read a variable): should the chart be
drawn wider, or its notes smaller, these numbers would go stale and the text shrink under 10 pixels unseen.

The truths are the charts the dashboard draws for every bundled case, read from their SVG: the viewBox's width and
the font sizes of their text."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

import whipcount.web
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.web.board import compute_board

CSS = (Path(whipcount.web.__file__).parent / "static" / "app.css").read_text(encoding="utf-8")
LEAST = 10.0  # CSS pixels: the smallest text the pages show anywhere


@cache
def wide_chart(name: str) -> str:
    """The desktop seat chart of case ``name``'s dashboard, as the page holds it."""
    sc = load_scenario(name)
    _, draw = compute_board(sc, list(sc.stances), [], [], revision=1)
    found = re.search(r'<div class="wide">(.*?)</div><div class="narrow">', draw(), flags=re.DOTALL)
    assert found, f"{name}: the dashboard drew no desktop seat chart"
    return found.group(1)


def drawn_width(svg: str) -> float:
    x, y, w, h = map(float, re.search(r'viewBox="([^"]+)"', svg).group(1).split())  # type: ignore[union-attr]
    return w


def smallest_text(svg: str) -> float:
    return min(float(s) for s in re.findall(r'font-size[:=]"?([\d.]+)', svg))


def css_number(pattern: str) -> float:
    found = re.search(pattern, CSS, flags=re.DOTALL)
    assert found, f"app.css: no rule matches {pattern!r}"
    return float(found.group(1))


FIGURE_WIDTH = r"figure\.hemicycle\s*\{[^}]*?max-width:\s*([\d.]+)px"
SHOWS_PHONE_CHART_BELOW = r"@container\s*\(max-width:\s*([\d.]+)px\)\s*\{\s*figure\.hemicycle \.wide\s*\{\s*display:\s*none"


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_the_figure_is_as_wide_as_the_desktop_chart_is_drawn(name: str) -> None:
    assert css_number(FIGURE_WIDTH) == drawn_width(wide_chart(name))


@pytest.mark.parametrize("name", sorted(bundled_scenarios()))
def test_the_desktop_chart_shows_only_where_its_smallest_text_is_readable(name: str) -> None:
    svg = wide_chart(name)
    narrowest = css_number(SHOWS_PHONE_CHART_BELOW)  # the figure's narrowest width (less a rounding) that shows it
    assert narrowest < css_number(FIGURE_WIDTH)
    shown = smallest_text(svg) * round(narrowest) / drawn_width(svg)
    assert shown >= LEAST, f"{name}: at {round(narrowest)} pixels the chart's smallest text is {shown:.2f} pixels"

