"""Which characters of a chart no font could draw in a PNG, as the rasteriser itself reports them.

resvg sets each character in the first face that has it (the chart's named faces, the bundled DejaVu Sans,
then every font installed). A character none of them has is drawn as an empty box: a party named
``国民党`` came out of a Linux server as three boxes, with nothing said. resvg says so in its log ("No fonts
with a 国/U+56FD character were found"), which it writes to the process's standard output (file
descriptor 1, not Python's ``sys.stdout``) once logging is on. :func:`rendered_reporting_missing` turns
logging on, sends descriptor 1 to a temporary file for the one call, and reads the characters back, so
what is asked of the machine's fonts is answered by the renderer that uses them, not by a guess at which
fonts it found.
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator

__all__ = ["missing_glyph_text", "rendered_reporting_missing"]

_NO_FONT = re.compile(r"No fonts with a (.)/U\+[0-9A-F]+ character were found")
_LOCK = threading.Lock()  # descriptor 1 is the process's: one capture at a time


@contextlib.contextmanager
def _descriptor_1_captured() -> Iterator[list[str]]:
    """Descriptor 1 goes to a temporary file for the block; the lines written to it are in the list after.
    Where descriptor 1 cannot be duplicated (closed), nothing is captured and the list stays empty."""
    lines: list[str] = []
    with _LOCK, tempfile.TemporaryFile() as sink:
        with contextlib.suppress(AttributeError, OSError, ValueError):  # no sys.stdout, or a closed one
            sys.stdout.flush()  # what Python has buffered goes where it was meant to, before the switch
        saved = _copy_of_1()
        if saved is None:
            yield lines
            return
        try:
            os.dup2(sink.fileno(), 1)
            yield lines
        finally:
            os.dup2(saved, 1)
            os.close(saved)
            sink.seek(0)  # equivalent mutant "0 -> 1": the first byte is the "W" of "Warning", which is not read
            lines.extend(sink.read().decode("utf-8", "replace").splitlines())


def _copy_of_1() -> int | None:
    """A new descriptor for what descriptor 1 is now, or None where there is no descriptor 1."""
    try:
        return os.dup(1)
    except OSError:
        return None


def rendered_reporting_missing(render: Callable[[bool], bytes]) -> tuple[bytes, list[str]]:
    """``render(log)`` (a resvg call, logging when ``log``), and the characters no font had, in the order
    reported, each once. resvg's other log lines are dropped: they were asked for here, not by the user."""
    with _descriptor_1_captured() as lines:
        data = render(True)
    missing = [m.group(1) for m in map(_NO_FONT.search, lines) if m is not None]
    return data, list(dict.fromkeys(missing))


def missing_glyph_text(missing: list[str], svg: str) -> str:
    """A warning naming the characters no font had, the chart's texts that hold them (at most three) and
    what to do."""
    shown = ", ".join(f"{c} (U+{ord(c):04X})" for c in missing[:6]) + (", ..." if len(missing) > 6 else "")
    texts = [t for t in _texts(svg) if any(c in t for c in missing)]
    where = "; in " + ", ".join(repr(t) for t in texts[:3]) + (" ..." if len(texts) > 3 else "") if texts else ""
    return (f"PNG: no font here has {shown}{where}: drawn as empty boxes. Install a font that has them "
            "(Noto Sans CJK for Chinese, Japanese and Korean; Noto Sans for most other scripts) and draw "
            "again, or write SVG, which the reader's browser sets in its own fonts")


def _texts(svg: str) -> list[str]:
    """The chart's texts as drawn (the text of each ``<text>`` element, markup and entities resolved)."""
    from html import unescape

    out = []
    for body in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S):
        # the isolates round a right-to-left name (svg.isolate_rtl) are not part of what the chart says
        text = unescape(re.sub(r"<[^>]+>", "", body)).replace("\u2068", "").replace("\u2069", "").strip()
        if text and text not in out:
            out.append(text)
    return out
