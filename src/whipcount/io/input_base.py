"""The base of every input model (scenario and constitution files) and the whole number they count with."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

__all__ = ["Count", "InputModel"]


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
