"""The base of every input model (scenario and constitution files) and the whole number they count with."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError

__all__ = ["Count", "InputModel", "and_more"]


def _not_a_boolean(value: Any) -> Any:
    """``seats: true`` is not 1: YAML reads true/false as booleans, and a count given as one is refused."""
    if isinstance(value, bool):
        raise ValueError("expected a whole number, got a boolean (true/false)")
    return value


Count = Annotated[int, BeforeValidator(_not_a_boolean)]
"""A whole number in an input file: an int, never a boolean."""


class InputModel(BaseModel):
    """The base of every input model (scenario and constitution files): unknown fields are refused and text
    is stripped; counts are :data:`Count` (never a boolean)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def and_more(exc: ValidationError) -> str:
    """What an error message adds after the first of a file's problems: `` (and 2 more)``, or nothing."""
    return f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
