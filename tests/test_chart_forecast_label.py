"""The forecast's "N to pass" stays inside the picture and off the bars, wherever the line falls.

Written at the top of the plot right of the line as ever, it ran out of the picture with the line near
the right edge ("51 to pass" at x = 891 of 960 when 51 was the last count shown) and over the bars when
they reached the top right of the line (every vote certain: one bar of 100% at 100, 100 needed). The
check measures the words as the charts do (the widths of DejaVu Sans Bold, the widest usual face), a
box from a full font size above the baseline to 4 units under it, against every bar drawn and the
picture's viewBox, for the line at the left edge, in the middle and at the right edge, and for the
votes piled at either end, on the line, or either side of it.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from whipcount.charts import render_forecast
from whipcount.charts.textwidth import text_width

SVG = "{http://www.w3.org/2000/svg}"
SIZE = 12  # the threshold's words: 12 units, semi-bold (measured bold)
SEATS = 100


def _pile(*at: int) -> np.ndarray:
    arr = np.zeros(SEATS + 1)
    arr[list(at)] = 1 / len(at)
    return arr


def _binomial() -> np.ndarray:
    from math import comb

    return np.array([comb(SEATS, k) / 2**SEATS for k in range(SEATS + 1)])


def _label_box(root: ET.Element, needed: int) -> tuple[float, float, float, float]:
    (el,) = [t for t in root.iter(f"{SVG}text") if "".join(t.itertext()) == f"{needed} to pass"]
    x, y = float(el.get("x", "nan")), float(el.get("y", "nan"))
    w = text_width(f"{needed} to pass", SIZE, bold=True)
    x0 = {"start": x, "middle": x - w / 2, "end": x - w}[el.get("text-anchor") or "start"]
    return x0, y - SIZE, x0 + w, y + 4


def _bars(root: ET.Element) -> list[tuple[float, float, float, float]]:
    out = []
    for r in root.iter(f"{SVG}rect"):
        if "bar" in (r.get("class") or "").split() and float(r.get("height", "0")) > 0:
            x, y = float(r.get("x", "0")), float(r.get("y", "0"))
            out.append((x, y, x + float(r.get("width", "0")), y + float(r.get("height", "0"))))
    return out


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


DISTRIBUTIONS = {
    "all at 0": lambda n: _pile(0),
    "all at 100": lambda n: _pile(SEATS),
    "all on the line": lambda n: _pile(n),
    "half either side": lambda n: _pile(max(n - 1, 0), n) if n > 0 else _pile(0, 1),
    "binomial": lambda n: _binomial(),
}


@pytest.mark.parametrize("heading", [True, False])
@pytest.mark.parametrize("needed", [0, 1, 50, 51, 99, 100])
@pytest.mark.parametrize("dist", sorted(DISTRIBUTIONS))
def test_the_threshold_label_is_inside_the_picture_and_off_every_bar(dist: str, needed: int, heading: bool) -> None:
    svg = render_forecast(DISTRIBUTIONS[dist](needed), needed=needed, heading=heading)
    root = ET.fromstring(svg)
    vx, vy, vw, vh = map(float, (root.get("viewBox") or "").split())
    box = _label_box(root, needed)
    assert vx <= box[0] and box[2] <= vx + vw and vy <= box[1] and box[3] <= vy + vh, (box, vw, vh)
    for bar in _bars(root):
        assert not _overlaps(box, bar), (box, bar)
    if heading:  # clear of the subtitle, whose baseline is 46 (its descenders reach 4 under it)
        sub = next(t for t in root.iter(f"{SVG}text") if t.get("class") == "sub")
        assert box[1] >= float(sub.get("y", "0")) + 4


def test_the_example_of_the_review_no_longer_runs_out_of_the_picture() -> None:
    # 51 needed and the votes all but certain at 49: the line is near the right end of the counts shown
    arr = np.zeros(SEATS + 1)
    arr[49] = 1.0
    svg = render_forecast(arr, needed=51)
    (x,) = re.findall(r'<text x="([\d.]+)"[^>]*>51 to pass</text>', svg)
    anchor = re.search(r'<text [^>]*text-anchor="(\w+)"[^>]*>51 to pass', svg)
    right = float(x) + (0 if anchor and anchor.group(1) == "end" else text_width("51 to pass", SIZE, bold=True))
    assert right <= 960
