"""A name as a reader types it: what finding a name by text compares (:func:`folded`).

A name copied from the web into a scenario file, and a name typed into a search box or on the command line,
differ in what the reader cannot see or does not type: case (``GROSS``, ``Groß``), accents and marks (``Rene``
for ``René``, Arabic written without its vowel marks), Unicode's two ways of writing one letter (``é`` as one
character, or as ``e`` and a combining accent, as a file saved on a Mac may hold it), compatibility forms (a
full-width ``Ｚ``) and invisible characters (a left-to-right mark, a soft hyphen, a zero-width space, which
Wikipedia's names often carry). Every comparison of a typed name with a stored one folds both.
"""

from __future__ import annotations

import unicodedata

__all__ = ["folded"]


def folded(text: str) -> str:
    """``text`` as names are compared: compatibility forms decomposed, marks and invisible format characters
    dropped, case folded, runs of whitespace as one space, the ends stripped."""
    parts = unicodedata.normalize("NFKD", text)
    kept = "".join(c for c in parts if unicodedata.category(c) not in ("Mn", "Me", "Cf"))
    return " ".join(unicodedata.normalize("NFKC", kept.casefold()).split())
