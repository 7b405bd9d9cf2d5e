"""What an identifier is, in every file, table and URL: lower-case letters, digits, ``.``, ``_`` and
``-``, starting with a letter or a digit, at most :data:`ID_MAX` characters.

The readers refuse any other id (or, importing a foreign one, make one of this shape), and the database
stores ids in columns exactly this wide: an id the readers accept always fits.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

__all__ = ["ID_MAX", "ID_PATTERN", "ID_WORDS", "did_you_mean", "id_like", "is_id", "nearest"]

ID_MAX = 80
"""The longest id, in characters."""
ID_PATTERN = r"^[a-z0-9][a-z0-9._-]*$"
"""The shape of an id, for schemas (matched against the whole text; the length is checked apart)."""
_SHAPE = re.compile(r"[a-z0-9][a-z0-9._-]*")
ID_WORDS = (f"an id: lower-case letters, digits, '.', '_' or '-', a letter or digit first, at most {ID_MAX} "
            "characters")
"""What an id is, in the words of an error message."""


def is_id(text: str) -> bool:
    """Whether ``text`` is a whole id: the shape and at most :data:`ID_MAX` characters, nothing around it
    (not even a final newline)."""
    return len(text) <= ID_MAX and _SHAPE.fullmatch(text) is not None


def id_like(text: str) -> str:
    """An id made of ``text``: lower case, each run of other characters one ``-`` (``'Gov Side'`` →
    ``'gov-side'``), cut to :data:`ID_MAX`; ``""`` where nothing of it is left."""
    return re.sub(r"[^a-z0-9._-]+", "-", text.strip().lower()).strip("-._")[:ID_MAX]


def nearest(value: str, known: Iterable[str], longest: int = 100, cutoff: float = 0.6) -> str | None:
    """The one of ``known`` closest to ``value`` when one is close (a mistyped id, name or option: difflib's
    ratio at least ``cutoff``), else None; a ``value`` longer than ``longest`` is compared with nothing (no
    error spends time on a pasted page)."""
    near = difflib.get_close_matches(value, list(known), n=1, cutoff=cutoff) if len(value) <= longest else []
    return near[0] if near else None


def did_you_mean(value: str, known: Iterable[str], longest: int = 100, cutoff: float = 0.6) -> str:
    """``"; did you mean 'pti'?"`` naming :func:`nearest`, to end an error's words, or ``""``."""
    near = nearest(value, known, longest, cutoff)
    return f"; did you mean {near!r}?" if near is not None else ""
