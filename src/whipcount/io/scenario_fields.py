"""The field types a scenario file's models share (:mod:`whipcount.io.scenario_schema`): identifiers, a
Wikidata item, a rules reference, a party colour, the motions' kinds, and the base of every model that cites
its sources."""

# No ``from __future__ import annotations`` here, as in :mod:`whipcount.io.scenario_schema`: pydantic reads
# the annotations as objects.
from typing import Annotated

from pydantic import AfterValidator, Field, WithJsonSchema

from whipcount.io.input_base import InputModel
from whipcount.io.input_text import Note
from whipcount.io.limits import MAX_SOURCES, shorten
from whipcount.io.rules_ref import PATH_MAX, PATH_PATTERN, rules_ref_problem
from whipcount.io.scenario_sources import SourceLike, sources_of
from whipcount.model import Source
from whipcount.model.colournames import COLOUR_WORDS, CSS_NAMED_COLOURS, colour_hint, is_colour
from whipcount.model.ids import ID_MAX, ID_PATTERN

__all__ = ["ID", "MOTION_KINDS", "Colour", "RulesRef", "Sourced", "Wikidata"]


ID = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX)]
QID_MAX = 20  # a Wikidata id: Q and a number (Q130000000 has 10 characters)
Wikidata = Annotated[str, Field(pattern=r"^Q[1-9][0-9]*$", max_length=QID_MAX)]
"""A Wikidata item's id: ``Q`` and a number."""


def _rules_ref(value: str) -> str:
    problem = rules_ref_problem(value)
    if problem is not None:
        raise ValueError(problem)
    return value


# chamber.rules and a motion's rules: a profile's id, or a constitution file's path (read relative to the scenario)
RulesRef = Annotated[
    str,
    AfterValidator(_rules_ref),
    WithJsonSchema({
        "type": "string",
        "anyOf": [{"pattern": ID_PATTERN, "maxLength": ID_MAX}, {"pattern": PATH_PATTERN, "maxLength": PATH_MAX}],
        "description": "a rules profile id (pk-na; `whipcount rules list`), the id of a constitution under "
                       "constitutions:, or the path of a constitution file relative to the scenario file",
    }),
]
MOTION_KINDS = ("no-confidence", "constructive-no-confidence", "confidence", "investiture", "pm-election")
HEX_PATTERN = r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$"
# a JSON Schema pattern has no flag for case: each letter of a name is written in both cases
NAME_PATTERN = "^(?:" + "|".join("".join(f"[{c}{c.upper()}]" for c in name)
                                 for name in sorted(CSS_NAMED_COLOURS)) + ")$"


def _check_colour(v: str) -> str:
    """A party colour is ``#rgb``, ``#rrggbb`` or a CSS colour name in any case, as the charts draw them:
    nothing else reaches a page's style."""
    if not is_colour(v):
        raise ValueError(f"expected {COLOUR_WORDS}, got {shorten(repr(v), 60)}{colour_hint(v)}")
    return v


Colour = Annotated[str, AfterValidator(_check_colour), WithJsonSchema({
    "type": "string", "maxLength": max(map(len, CSS_NAMED_COLOURS)),
    "anyOf": [{"pattern": HEX_PATTERN}, {"pattern": NAME_PATTERN}],
    "description": "#rgb, #rrggbb or a CSS colour name (any case), such as darkgreen"})]


class Sourced(InputModel):
    source: SourceLike | None = None
    sources: list[SourceLike] | None = Field(default=None, max_length=MAX_SOURCES)
    verified: bool = True
    note: Note | None = None

    def all_sources(self) -> tuple[Source, ...]:
        return sources_of(self.source, self.sources)
