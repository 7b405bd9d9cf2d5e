"""A rules reference as the command line and scenarios give it: a registered profile's id, or the path of
a constitution file. Kept apart from the constitution file's schema so that a built-in id resolves without
building it."""

from __future__ import annotations

import os
from pathlib import Path

from whipcount.errors import ConstitutionFileError, NotFound
from whipcount.io.limits import shorten
from whipcount.model.ids import is_id
from whipcount.rules import Constitution, get_constitution

__all__ = ["PATH_MAX", "PATH_PATTERN", "constitution_path", "looks_like_path", "resolve_rules", "rules_ref_problem"]

PATH_MAX = 1000
"""The longest constitution file path a rules reference may give, in characters."""
PATH_PATTERN = r"\.([yY][aA]?[mM][lL]|[jJ][sS][oO][nN])$|[/\\]"
"""What makes a reference a path, for schemas (JSON Schema's regular expressions have no ``(?i)``)."""
EXPECTED = ("expected a rules profile id (lower-case letters, digits, '.', '_' and '-', such as pk-na; "
            "`whipcount rules list` lists them) or the path of a constitution file (ending .yaml, .yml or .json)")


def looks_like_path(ref: str) -> bool:
    """True when ``ref`` names a file (a YAML or JSON suffix, or a folder separator) rather than an id."""
    return ref.lower().endswith((".yaml", ".yml", ".json")) or "/" in ref or "\\" in ref


def rules_ref_problem(ref: str) -> str | None:
    """What is wrong with a rules reference as written, as the end of an error message (``expected ...,
    got ...``); None for an id's shape or a path's (whether the profile or the file exists is not checked)."""
    if is_id(ref):
        return None
    if looks_like_path(ref) and ref == ref.strip() and ref.isprintable() and len(ref) <= PATH_MAX:
        return None
    return f"{EXPECTED}, got {shorten(repr(ref), 80)}"


def constitution_path(ref: str, base: str | Path | None = None) -> Path:
    """The file a path reference names, relative to ``base`` when given. A reference written on Windows
    (``rules\\my-parliament.yaml``) names, on a system whose folders are split by ``/`` only, a file whose name
    holds backslashes: where no such file is there, its backslashes are read as folder separators, so a
    scenario written on Windows reads its constitution anywhere (before: no constitution file)."""
    path = _joined(ref, base)
    if "\\" in ref and os.sep == "/" and not os.path.lexists(path):
        return _joined(ref.replace("\\", "/"), base)
    return path


def _joined(ref: str, base: str | Path | None) -> Path:
    path = Path(ref)
    return Path(base) / path if base is not None and not path.is_absolute() else path


def resolve_rules(ref: str | Constitution, base: str | Path | None = None) -> Constitution:
    """A registered profile by id, or a constitution file by path (relative to ``base`` when given)."""
    if isinstance(ref, Constitution):
        return ref
    if looks_like_path(ref):
        from whipcount.io.constitution import load_constitution_file

        p = constitution_path(ref, base)
        if not os.path.lexists(p):  # a link that loops or dangles exists: the reader says what is wrong with it
            raise ConstitutionFileError(f"{ref}: no such constitution file")
        return load_constitution_file(p)
    try:
        return get_constitution(ref)
    except NotFound as exc:
        here = Path(base) / ref if base is not None else Path(ref)
        if os.path.lexists(here):  # a file or folder of that name: the id was meant as a path, perhaps
            kind = "a directory" if here.is_dir() else "a file"
            raise NotFound(f"{exc}; {ref} is {kind} here, but a constitution file is named with its .yaml or "
                           f"a path (./{ref})") from None
        raise

