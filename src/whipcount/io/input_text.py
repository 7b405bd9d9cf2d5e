"""Free text in an input model (a scenario file, a web request), each kind with its cap from
:mod:`whipcount.io.limits`, so that no field takes text without bound."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from whipcount.io.limits import MAX_EXTRA_KEY, MAX_NAME, MAX_NOTE

__all__ = ["MAX_EXTRA_NUMBER", "Extra", "ExtraKey", "GivenName", "Name", "Note"]

Note = Annotated[str, Field(max_length=MAX_NOTE)]
"""A note (why), a summary, a quote, an item of ``unverified``."""
Name = Annotated[str, Field(max_length=MAX_NAME)]
"""A name, a title, a constituency, who decided, a key date's label."""
GivenName = Annotated[str, Field(min_length=1, max_length=MAX_NAME)]
"""A name that cannot be empty."""

MAX_EXTRA_NUMBER = 10**15
"""The largest whole number (either way) an event's extra may be: 15 digits."""


def _extra_value(value: str | int | float | bool) -> str | int | float | bool:
    """An event's extra: text of at most :data:`~whipcount.io.limits.MAX_NOTE` characters, a number (a whole
    one of at most 15 digits) or true/false. Checked on the value, so that an error names the extra, not a
    branch of its type."""
    if isinstance(value, str) and len(value) > MAX_NOTE:
        raise ValueError(f"expected at most {MAX_NOTE:,} characters, got {len(value):,}")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > MAX_EXTRA_NUMBER:
        raise ValueError(f"expected a whole number of at most 15 digits (at most {MAX_EXTRA_NUMBER:,} either "
                         "way), got a larger one")
    return value


Extra = Annotated[
    str | int | float | bool,
    AfterValidator(_extra_value),
    WithJsonSchema({"anyOf": [{"type": "string", "maxLength": MAX_NOTE},
                              {"type": "integer", "minimum": -MAX_EXTRA_NUMBER, "maximum": MAX_EXTRA_NUMBER},
                              {"type": "number"}, {"type": "boolean"}]}),
]
"""The value of one of an event's extras."""
ExtraKey = Annotated[str, Field(min_length=1, max_length=MAX_EXTRA_KEY)]
"""The name of one of an event's extras."""
