"""Reading a chart's texts back out of its SVG for the tests: each text's fill and font size as its
stylesheet and attributes give them, and a generous box around it (the charts' own width estimate)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass

from whipcount.charts.colours import contrast
from whipcount.charts.textwidth import text_width

SVG = "{http://www.w3.org/2000/svg}"
_RULE = re.compile(r"#[\w-]+\s+((?:\.[\w-]+)+)\{([^}]*)\}")


@dataclass(frozen=True)
class Text:
    words: str
    cls: str
    fill: str
    size: float
    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Text) -> bool:
        return min(self.x1, other.x1) - max(self.x0, other.x0) > 0.5 and \
            min(self.y1, other.y1) - max(self.y0, other.y0) > 0.5


def _rules(root: ET.Element) -> list[tuple[set[str], dict[str, str]]]:
    style = "".join(s.text or "" for s in root.iter(f"{SVG}style"))
    out = []
    for classes, body in _RULE.findall(style):
        if ":" in classes.split(".")[-1]:
            continue  # :hover
        props = dict(p.split(":", 1) for p in body.split(";") if ":" in p)
        out.append((set(classes.strip(".").split(".")), props))
    return out


def texts(root: ET.Element) -> list[Text]:
    """Every ``<text>`` of the chart (``<tspan>`` words included), with its fill and size (the last style
    rule that matches wins, an attribute over both) and its box: a line of ``size`` from the baseline up to
    its cap height, width as the charts estimate it."""
    rules = _rules(root)
    out = []
    for t in root.iter(f"{SVG}text"):
        cls = set((t.get("class") or "").split())
        props: dict[str, str] = {}
        for classes, p in rules:
            if classes <= cls:
                props.update(p)
        fill = t.get("fill") or props.get("fill", "#000000")
        size = float(props.get("font-size", "16px").removesuffix("px"))
        words = "".join(t.itertext())
        bold = props.get("font-weight", "400") in ("600", "700", "bold")
        w = text_width(words, size, bold=bold)
        x, y = float(t.get("x") or 0), float(t.get("y") or 0)
        anchor = t.get("text-anchor") or "start"
        x0 = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
        out.append(Text(words, " ".join(sorted(cls)), fill, size, x0, y - 0.75 * size, x0 + w, y + 0.2 * size))
    return out


def backdrop(root: ET.Element, page: str) -> str:
    """The colour the chart's texts are seen against when it is shown on ``page``: the fill of a rectangle
    drawn before any text that covers the whole picture, else the page itself."""
    _, _, w, h = (float(v) for v in (root.get("viewBox") or "0 0 0 0").split())
    for el in root:
        if el.tag == f"{SVG}text":
            break
        if el.tag == f"{SVG}rect" and float(el.get("x") or 0) <= 0 and float(el.get("y") or 0) <= 0 \
                and float(el.get("width") or 0) >= w and float(el.get("height") or 0) >= h \
                and el.get("fill", "none") not in ("none", "transparent") and el.get("opacity") is None:
            return el.get("fill") or page
    return page


def worst_contrast(root: ET.Element, page: str) -> tuple[float, str]:
    """The lowest contrast of a text of the chart against what it is seen on, and that text."""
    ground = backdrop(root, page)
    return min(((contrast(t.fill, ground), t.words) for t in texts(root) if t.words.strip()), default=(21.0, ""))
