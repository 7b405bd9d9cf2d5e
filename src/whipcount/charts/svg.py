"""Small, safe SVG building blocks shared by every chart: escaping, numbers, the document shell.

Every text that reaches the markup goes through :func:`esc` (element text) or :func:`attr` (attribute
values), so a party called ``<b>&Co</b>`` is drawn as those characters and never as markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["BACKGROUND", "FONT", "attr", "describe_by", "document", "esc", "isolate_rtl", "num", "slug", "text"]

#: Every chart paints its own page: its dark text and seats were chosen for contrast against white, so a
#: chart shown on a dark page (a site in dark mode, a feed, a slide) must not let that page through.
BACKGROUND = "#ffffff"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_RTL = frozenset(("R", "AL"))
_IN_RTL = frozenset(("R", "AL", "AN", "NSM"))  # letters, Arabic digits and marks that end a right-to-left run
_BREAKS = (", ", "; ", ": ", " · ", " → ")  # between the names of a list, never inside one


def isolate_rtl(line: str) -> str:
    """``line`` with each right-to-left run (a Hebrew or Arabic name, from its first letter to its last,
    brackets it opens closed) between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so that in a
    left-to-right sentence the digits and punctuation beside it keep their places: without them a Hebrew name
    followed by ``#88ccee`` is drawn as ``#88``, the name, ``ccee``, and an Arabic chamber's name followed
    by ``, 15 January`` as ``15 ,``, the name, ``January``. A line with no right-to-left letter is returned
    as it is, and so is a name on its own."""
    if not any(unicodedata.bidirectional(c) in _RTL for c in line):
        return line
    out, i = [], 0
    while i < len(line):
        if unicodedata.bidirectional(line[i]) not in _RTL:
            out.append(line[i])
            i += 1
            continue
        j = end = i
        while j < len(line) and unicodedata.bidirectional(line[j]) != "L" and not line.startswith(_BREAKS, j):
            end = j if unicodedata.bidirectional(line[j]) in _IN_RTL else end
            j += 1
        while end + 1 < len(line) and line[end + 1] in ")]" and _unclosed(line[i:end + 1]):
            end += 1
        out.append("\u2068" + line[i:end + 1] + "\u2069")
        i = end + 1
    return line if len(out) == 1 else "".join(out)  # a name on its own needs no isolate


def _unclosed(run: str) -> bool:
    """True when ``run`` opens more brackets than it closes."""
    return run.count("(") + run.count("[") > run.count(")") + run.count("]")


def esc(value: object) -> str:
    """Element text, escaped (control characters XML 1.0 forbids are dropped): ``&``, ``<`` and ``>`` as
    ``xml.sax.saxutils.escape`` writes them (that module is not imported: it brings in ``urllib`` and
    ``http``, about 20 ms of every chart command's start)."""
    return _CONTROL.sub("", str(value)).replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def attr(value: object) -> str:
    """An attribute value, escaped and quoted (``"..."`` included), as ``xml.sax.saxutils.quoteattr``
    writes it: line breaks and tabs as character references, in single quotes when the value holds a
    double quote and no single one, else in double quotes with ``&quot;``."""
    data = esc(value).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"' + data.replace('"', "&quot;") + '"'


def num(x: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros (small files, stable output)."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def scale_num(k: float) -> str:
    """A scale factor with four decimals and no trailing zeros: two would move the far seats of a large
    chamber shrunk into a phone's width (a scale of 0.3217 written 0.32) a unit and a half from where the chart
    measured them, under a label kept off them. Lay the chart out at ``float(scale_num(k))``, the scale drawn."""
    s = f"{k:.4f}".rstrip("0").rstrip(".")
    return s or "0"


def slug(value: str) -> str:
    """An id- and class-safe token: letters, digits, ``-`` and ``_`` only."""
    s = re.sub(r"[^A-Za-z0-9_-]+", "-", value).strip("-")
    return s or "x"


def text(x: float, y: float, body: str, *, cls: str = "", anchor: str = "start", extra: str = "") -> str:
    """A ``<text>`` element; ``body`` is escaped here, its right-to-left names isolated (:func:`isolate_rtl`)."""
    c = f" class={attr(cls)}" if cls else ""
    a = f' text-anchor="{anchor}"' if anchor != "start" else ""
    return f'<text x="{num(x)}" y="{num(y)}"{c}{a}{extra}>{esc(isolate_rtl(body))}</text>'


def document(
    *,
    chart_id: str,
    kind: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    style: str,
    body: Iterable[str],
    describedby: str | None = None,
) -> str:
    """The whole ``<svg>``: responsive (a ``viewBox``, no fixed size), titled and described for readers,
    on an opaque :data:`BACKGROUND` of its own (the contrast of every text and mark is measured against it).

    ``chart_id`` prefixes every id in the chart so several charts can sit in one HTML page.
    ``describedby`` names an element of the page that holds the chart's data (a table).
    """
    cid = slug(chart_id)
    described = f" aria-describedby={attr(describedby)}" if describedby else ""
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {num(width)} {num(height)}" '
        f'role="img" aria-labelledby="{cid}-title {cid}-desc"{described} class="whipcount-chart {esc(kind)}" '
        f'id="{cid}" preserveAspectRatio="xMidYMid meet" font-family={attr(FONT)}>'
    )
    parts = [
        head,
        f'<title id="{cid}-title">{esc(title)}</title>',
        f'<desc id="{cid}-desc">{esc(desc)}</desc>',
        f"<style>{style}</style>",
        f'<rect class="background" x="0" y="0" width="{num(width)}" height="{num(height)}" fill="{BACKGROUND}"/>',
        *body,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def describe_by(svg: str, element_id: str) -> str:
    """``svg`` (one chart) with ``aria-describedby`` pointing at ``element_id``: a table in the page that
    gives the chart's data to readers who cannot hover or see it."""
    if not svg.startswith("<svg ") or "aria-describedby=" in svg.split(">", 1)[0]:
        raise ValueError("describe_by: expected one <svg> element without aria-describedby")
    return f"<svg aria-describedby={attr(element_id)} " + svg[len("<svg "):]
