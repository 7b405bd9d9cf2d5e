"""The fields an input model allows at a place of a file, for the words of an unknown field's error.

A misspelt field (``treshold:``, ``tie_convnetion:``) is named with the nearest field the place allows
(``did you mean 'threshold'?``), and a field written one level too high (``quorum:`` beside ``threshold:``
where it goes inside it) with the field it goes under. A misspelt required field is also missing: of the two
problems the unknown field is the one said (:func:`reported_error`), since the missing one follows from it.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel

from whipcount.io.limits import MAX_EXTRA_KEY
from whipcount.model.ids import did_you_mean

__all__ = ["follows_from", "reported_error", "unknown_field_hint"]

_SEQUENCES = (list, tuple, set, frozenset, Sequence)
_CLOSE = 0.75
"""How alike a field's name must be to the name written to be offered (difflib's ratio): ``treshold`` and
``threshold`` are 0.94, ``seat`` and ``seats`` 0.89, ``window`` and ``kind`` 0.6, too far to suggest."""


def _parts(annotation: Any) -> list[Any]:
    """An annotation without its Annotated, Optional and Union wrappers: the types a value may be."""
    origin = get_origin(annotation)
    if origin is Annotated:
        return _parts(get_args(annotation)[0])
    if origin is Union or origin is types.UnionType:
        return [p for arg in get_args(annotation) for p in _parts(arg)]
    return [annotation]


def _models(annotations: list[Any]) -> list[type[BaseModel]]:
    return [a for a in annotations if isinstance(a, type) and issubclass(a, BaseModel)]


def _written_names(model: type[BaseModel]) -> dict[str, Any]:
    """A model's fields by the name a file writes (the alias where there is one) → their annotations."""
    return {(f.alias or name): f.annotation for name, f in model.model_fields.items()}


def _step(annotations: list[Any], key: str | int) -> list[Any]:
    """The annotations of what is at ``key`` inside a value of one of ``annotations``."""
    out: list[Any] = []
    for a in annotations:
        origin = get_origin(a)
        if isinstance(key, int) and origin in _SEQUENCES:
            out.extend(_parts(get_args(a)[0]))
        elif isinstance(key, str) and origin is dict:
            out.extend(_parts(get_args(a)[1]))
        elif isinstance(key, str) and isinstance(a, type) and issubclass(a, BaseModel):
            field = _written_names(a).get(key)
            if field is not None:
                out.extend(_parts(field))
    return out


def _at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[type[BaseModel]]:
    """The models a value at ``loc`` in a ``model`` file may be; a step naming a branch of a union (pydantic's
    ``list[SeatsIn]`` or a model's name) is passed over."""
    here: list[Any] = [model]
    for key in loc:
        nxt = _step(here, key)
        if nxt:
            here = nxt
        elif isinstance(key, str):
            named = [m for m in _models(here) if m.__name__ == key]
            here = named or here  # a union's branch, pydantic's name for it
        else:
            return []
    return _models(here)


def _under(models: list[type[BaseModel]], key: str) -> str | None:
    """The field of ``models`` whose own model (or list of them) has a field ``key``: where ``key`` goes."""
    for m in models:
        for name, annotation in _written_names(m).items():
            inner = _step(_parts(annotation), 0) + _parts(annotation)
            if any(key in _written_names(sub) for sub in _models(inner)):
                return name
    return None


def unknown_field_hint(model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """For an unknown field at ``loc`` of a ``model`` file: ``"; did you mean 'threshold'?"``, or
    ``"; quorum goes under threshold (threshold: {quorum: ...})"``, or nothing when neither is found."""
    if not loc or not isinstance(loc[-1], str):
        return ""
    key = loc[-1]
    models = _at(model, loc[:-1])
    known = [name for m in models for name in _written_names(m)]
    near = did_you_mean(key, known, MAX_EXTRA_KEY, cutoff=_CLOSE)
    if near:
        return near
    parent = _under(models, key)
    return f"; {key} goes under {parent} ({parent}: {{{key}: ...}})" if parent is not None else ""


def follows_from(err: Any, said: Any) -> bool:
    """Whether ``err`` is a required field missing beside the unknown field ``said`` (a misspelling), or
    missing where the unknown field of its name was written at another level (``seats:`` beside ``chamber:``
    rather than inside it): one problem, said once."""
    if err.get("type") != "missing" or said.get("type") != "extra_forbidden" or not err["loc"]:
        return False
    return tuple(err["loc"][:-1]) == tuple(said["loc"][:-1]) or err["loc"][-1] == said["loc"][-1]


def reported_error(errors: list[Any]) -> Any:
    """The problem an error message says: the first, but where it is a missing field and an unknown field
    sits beside it (``treshold:`` for ``threshold:``), the unknown field, whose words say what was meant."""
    return next((e for e in errors if follows_from(errors[0], e)), errors[0])
