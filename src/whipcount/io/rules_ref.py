"""A rules reference as the command line and scenarios give it: a registered profile's id, or the path of
a constitution file. Kept apart from the constitution file's schema so that a built-in id resolves without
building it."""

from __future__ import annotations

import os
from pathlib import Path

from whipcount.errors import ConstitutionFileError
from whipcount.rules import Constitution, get_constitution

__all__ = ["looks_like_path", "resolve_rules"]


def looks_like_path(ref: str) -> bool:
    """True when ``ref`` names a file (a YAML or JSON suffix, or a folder separator) rather than an id."""
    return ref.lower().endswith((".yaml", ".yml", ".json")) or "/" in ref or "\\" in ref


def resolve_rules(ref: str | Constitution, base: str | Path | None = None) -> Constitution:
    """A registered profile by id, or a constitution file by path (relative to ``base`` when given)."""
    if isinstance(ref, Constitution):
        return ref
    if looks_like_path(ref):
        from whipcount.io.constitution import load_constitution_file

        p = Path(ref)
        if not p.is_absolute() and base is not None:
            p = Path(base) / p
        if not os.path.lexists(p):  # a link that loops or dangles exists: the reader says what is wrong with it
            raise ConstitutionFileError(f"{ref}: no such constitution file")
        return load_constitution_file(p)
    return get_constitution(ref)
