"""A chart's text set a run of characters at a time, for the PNG renderer.

resvg shapes a line of text (an SVG text chunk) with its first face, DejaVu Sans here; where that face
lacks a character it shapes the whole line again with a face that has it and, when that face has every
character of the line, keeps it for all of them. A CJK face has Latin letters and digits too, so a line
such as "Komeito 公明党 123" came out wholly in the CJK face (a serif, where it was the first found): its
Latin letters and digits changed typeface between one label and the next. Each line whose characters need
more than one face is therefore cut, before rendering, into runs, each a text chunk of its own (a
``<tspan>`` with its own ``x``), which resvg shapes on its own:

- a character DejaVu Sans has (Latin, digits, Greek, Cyrillic, Hebrew, Arabic, ...) stays in the chart's
  faces; one it lacks goes in a run of its script (CJK, Devanagari, emoji, ...) set in the faces of
  :data:`FACES` first (the Noto Sans face of the script), then the chart's own, then any face that has it;
- a combining mark, a joiner or a variation selector stays in the run of the character before it, and a
  space between two runs of one script stays in that script's run (a Hindi name of three words is one run,
  shaped whole);
- a right-to-left name isolated in the line (``svg.isolate_rtl``) is one run; a line with right-to-left
  letters outside an isolate is left whole, as the bidirectional order is the renderer's to make.

Each run starts where the ones before it end by :func:`~whipcount.charts.textwidth.text_width`, the widths
the charts were laid out with, so the line takes the room it was given (a ``middle`` or ``end`` anchored
line is placed by its whole measured width) and no run overlaps the next. A line all in one script other
than the chart's is only given that script's faces. The SVG a browser shows is not touched: a browser
falls back a character at a time.
"""

from __future__ import annotations

import re
import unicodedata
from html import unescape

from whipcount.charts.fontcmap import bundled_chars
from whipcount.charts.svg import FONT, attr, esc, num
from whipcount.charts.textwidth import text_width

__all__ = ["FACES", "per_run"]

FACES: dict[str, str] = {
    "emoji": "'Noto Color Emoji'",
    "DEVANAGARI": "'Noto Sans Devanagari'",
}
"""The faces a run of a script is set in first (then the chart's own and any face that has it); a CJK run
is set in Noto Sans CJK (its Japanese, Korean or Simplified Chinese forms by the letters in the line), any
other script in the Noto Sans face named for it (``'Noto Sans Thai'``)."""
_CJK_NAMES = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL", "IDEOGRAPHIC", "BOPOMOFO", "FULLWIDTH", "HALFWIDTH")
_BASE, _JOIN = "", "join"
_ISOLATES = "\u2066\u2067\u2068"
_POP = "\u2069"
_TEXT = re.compile(r"<text\b([^>]*)>(.*?)</text>", re.S)
_PIECE = re.compile(r"<tspan\b([^>]*)>(.*?)</tspan>|([^<]+)", re.S)
_RULE = re.compile(r"\.([A-Za-z0-9_-]+)\s*\{([^}]*)\}")
_ATTR = re.compile(r'\s([a-z-]+)=("[^"]*"|\'[^\']*\')')
_DEFAULT_SIZE = 12.0  # resvg's, for a text no class or attribute sizes


def per_run(svg: str) -> str:
    """``svg`` with each ``<text>`` whose characters need more than one face cut into runs (see above)."""
    styles = {name: body for name, body in _RULE.findall("".join(re.findall(r"<style>(.*?)</style>", svg, re.S)))}
    return _TEXT.sub(lambda m: _text(m.group(1), m.group(2), styles), svg)


def _text(attrs: str, body: str, styles: dict[str, str]) -> str:
    """One ``<text>`` element, cut into runs where it needs more than one face."""
    own = {k: v[1:-1] for k, v in _ATTR.findall(attrs)}
    pieces = [(unescape(m.group(2) if m.group(1) is not None else m.group(3)), m.group(1))
              for m in _PIECE.finditer(body)]
    line = "".join(t for t, _ in pieces)
    bold = _bold(own, styles)
    runs = _classes(line, bold)
    kinds = set(runs) - {_BASE}
    if not kinds or "x" not in own:
        return f"<text{attrs}>{body}</text>"
    if set(runs) == kinds and len(kinds) == 1 and "font-family" not in own:
        return f"<text{attrs} font-family={attr(_faces(runs[0], line))}>{body}</text>"
    if len(set(runs)) == 1:
        return f"<text{attrs}>{body}</text>"
    return _cut(attrs, own, pieces, runs, styles, line)


def _cut(attrs: str, own: dict[str, str], pieces: list[tuple[str, str | None]], runs: list[str],
         styles: dict[str, str], line: str) -> str:
    """The element with one chunk (an ``x``-placed ``<tspan>``) a run, placed by the measured widths."""
    parts: list[tuple[str, str | None, str, float]] = []  # text, tspan attributes, run, width
    at = 0
    for text, tattrs in pieces:
        town = {k: v[1:-1] for k, v in _ATTR.findall(tattrs or "")}
        size, bold = _size(own, styles, town), _bold(own, styles, town)
        start = at
        for i in range(at, at + len(text) + 1):
            if i == at + len(text) or (i > start and runs[i] != runs[i - 1]):
                chunk = text[start - at:i - at]
                if chunk:
                    parts.append((chunk, tattrs, runs[start], text_width(chunk, size, bold=bold)))
                start = i
        at += len(text)
    total = sum(w for *_, w in parts)
    anchor = own.get("text-anchor", "start")
    x = float(own["x"]) - total * {"middle": 0.5, "end": 1.0}.get(anchor, 0.0)
    kept = re.sub(r'\stext-anchor=("[^"]*"|\'[^\']*\')', "", attrs)
    out, previous = [], None
    for chunk, tattrs, run, width in parts:
        place = f' x="{num(x)}"' if run != previous else ""
        face = f" font-family={attr(_faces(run, line))}" if run != _BASE else ""
        out.append(f"<tspan{tattrs or ''}{place}{face}>{esc(chunk)}</tspan>")
        previous, x = run, x + width
    return f"<text{kept}>{''.join(out)}</text>"


def _classes(line: str, bold: bool) -> list[str]:
    """Each character's run: ``""`` for the chart's face, else its script (see the module docstring)."""
    has = bundled_chars("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    out: list[str] = []
    depth, isolate = 0, _BASE
    for i, c in enumerate(line):
        if c in _ISOLATES and depth == 0:
            inside = line[i + 1:line.find(_POP, i) % (len(line) + 1)]  # to its pop, or the line's end
            isolate = next((k for k in (_kind(d, has) for d in inside) if k not in (_BASE, _JOIN)), _BASE)
        if c in _ISOLATES:
            depth += 1
        kind = isolate if depth else _kind(c, has)
        if c == _POP and depth:
            depth -= 1
        if depth == 0 and c != _POP and unicodedata.bidirectional(c) in ("R", "AL"):
            return [_BASE] * len(line)  # right-to-left letters outside an isolate: the renderer orders the line
        out.append(out[-1] if kind == _JOIN and out else _BASE if kind == _JOIN else kind)
    return _spaces_joined(line, out)


def _kind(c: str, has: frozenset[int]) -> str:
    if unicodedata.category(c) in ("Mn", "Me", "Cf") or 0xFE00 <= ord(c) <= 0xFE0F or 0x1F3FB <= ord(c) <= 0x1F3FF:
        return _JOIN
    if ord(c) in has:
        return _BASE
    if 0x1F000 <= ord(c) <= 0x1FAFF or unicodedata.category(c) in ("So", "Sk"):
        return "emoji"
    name = unicodedata.name(c, "")
    if name.startswith(_CJK_NAMES) or unicodedata.east_asian_width(c) in ("W", "F"):
        return "cjk"
    return name.split(" ")[0] or "other"


def _spaces_joined(line: str, runs: list[str]) -> list[str]:
    """Spaces between two runs of one script go in that script's run."""
    out = list(runs)
    i = 0
    while i < len(line):
        j = i
        while j < len(line) and line[j] == " " and out[j] == _BASE:
            j += 1
        if j > i and 0 < i and j < len(line) and out[i - 1] == out[j] != _BASE:
            out[i:j] = [out[j]] * (j - i)
        i = max(j, i + 1)
    return out


def _faces(kind: str, line: str) -> str:
    """The ``font-family`` of a run of ``kind``: its script's faces first, then the chart's."""
    if kind == "cjk":
        order = ["JP", "SC", "TC", "KR"]
        if any("HANGUL" in unicodedata.name(c, "") for c in line):
            order = ["KR", "JP", "SC", "TC"]
        elif not any(unicodedata.name(c, "").startswith(("HIRAGANA", "KATAKANA")) for c in line):
            order = ["SC", "TC", "JP", "KR"]
        first = ", ".join(f"'Noto Sans CJK {o}'" for o in order)
    else:
        first = FACES.get(kind, f"'Noto Sans {kind.title()}'")
    return f"{first}, {FONT}"


def _style(own: dict[str, str], styles: dict[str, str], prop: str, inner: dict[str, str] | None = None) -> str | None:
    """``prop`` as set on the element (an attribute, else its classes' rules), a ``<tspan>``'s own first."""
    for source in (inner or {}, own):
        if prop in source:
            return source[prop]
        for cls in reversed(source.get("class", "").split()):
            m = re.search(rf"(?:^|;)\s*{prop}\s*:\s*([^;]+)", styles.get(cls, ""))
            if m:
                return m.group(1).strip()
    return None


def _size(own: dict[str, str], styles: dict[str, str], inner: dict[str, str] | None = None) -> float:
    value = _style(own, styles, "font-size", inner)
    m = re.match(r"[0-9.]+", value or "")
    return float(m.group(0)) if m else _DEFAULT_SIZE


def _bold(own: dict[str, str], styles: dict[str, str], inner: dict[str, str] | None = None) -> bool:
    weight = _style(own, styles, "font-weight", inner) or "400"
    return weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
