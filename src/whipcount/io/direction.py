"""Direction controls left open in a text: what turns the text after a note or a name around on a page.

Unicode's embeddings and overrides (U+202A LRE, U+202B RLE, U+202D LRO, U+202E RLO, closed by U+202C PDF) and
isolates (U+2066 LRI, U+2067 RLI, U+2068 FSI, closed by U+2069 PDI) hold until they are closed or the line
ends. Closed within their own line they set the direction of what they enclose: Urdu or Arabic in an
English note, as a newsroom writes it. Left open, the override in a note reaches past the note into the page
around it (the name of who wrote it, a date, the next column in a terminal), so ``"he says \\u202eon"`` makes
what follows it read backwards, and a party's name so ended reverses the row it is printed in.

Every text a file, a form or the API hands in is checked (:func:`direction_problem`): every control must be
closed on its line. The marks that only set the direction of one point (U+200E LRM, U+200F RLM, U+061C ALM)
carry nothing past it, and are text.
"""

from __future__ import annotations

import re

__all__ = ["direction_problem"]

_OPENS = {
    "\u202a": "left-to-right embedding",
    "\u202b": "right-to-left embedding",
    "\u202d": "left-to-right override",
    "\u202e": "right-to-left override",
    "\u2066": "left-to-right isolate",
    "\u2067": "right-to-left isolate",
    "\u2068": "first strong isolate",
}
_ISOLATES = frozenset("\u2066\u2067\u2068")
_POP_EMBEDDING, _POP_ISOLATE = "\u202c", "\u2069"
_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\n\r\u2029\u0085]")  # and the ends of a line, which close them


def direction_problem(text: str) -> str | None:
    """What is wrong with ``text``'s direction controls (one left open at the end of its line, named with its
    place, counted from 1), or None. A closing control with nothing to close is harmless and taken."""
    if not isinstance(text, str) or _CONTROLS.search(text) is None:
        return None
    stack: list[int] = []  # where each control still open was
    for m in _CONTROLS.finditer(text):
        c, at = m.group(), m.start()
        if c in _OPENS:
            stack.append(at)
        elif c == _POP_EMBEDDING:  # closes the last embedding or override, inside the last isolate
            if stack and text[stack[-1]] not in _ISOLATES:
                stack.pop()
        elif c == _POP_ISOLATE:  # closes the last isolate and whatever was opened inside it
            opened = [i for i, p in enumerate(stack) if text[p] in _ISOLATES]
            if opened:
                del stack[opened[-1]:]
        elif stack:  # the end of a line with a control open
            break
    if not stack:
        return None
    at = stack[0]
    return (f"expected every direction control closed on its line, got a {_OPENS[text[at]]} "
            f"(U+{ord(text[at]):04X}) at character {at + 1} left open: it would turn the text after it around")
