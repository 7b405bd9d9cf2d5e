"""Identifiers in other datasets (``{scheme: identifier}``: Wikidata, ParlGov, official ids) as the scenario
file holds them, and what makes one wrong: shared by the scenario, Popolo and CSV readers."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from whipcount.io.limits import MAX_SOURCES, shorten

__all__ = ["Identifiers", "identifier_problem", "scheme_problem"]

QID = re.compile(r"^Q[1-9][0-9]*$")
MAX_IDENTIFIER = 500  # characters of one identifier (identifier_problem)


def _numbers_as_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: str(v) if isinstance(v, int) and not isinstance(v, bool) else v for k, v in value.items()}
    return value


# ids in other datasets, {scheme: identifier}; a number is read as its digits (parlgov: 4242)
Identifiers = Annotated[
    dict[str, str],
    Field(max_length=MAX_SOURCES),
    BeforeValidator(_numbers_as_text),
    WithJsonSchema({
        "type": "object",
        "additionalProperties": {"type": ["string", "integer"], "maxLength": MAX_IDENTIFIER},
        "maxProperties": MAX_SOURCES,
        "description": "ids in other datasets, {scheme: identifier}; schemes in lower case "
                       "(wikidata, parlgov, official, parlparse, ep, ...)",
    }),
]


def scheme_problem(scheme: str) -> str | None:
    """What is wrong with an identifier's scheme (a lower-case name on one line), or None."""
    if not scheme:
        return "an identifier's scheme is empty (expected a name such as wikidata, parlgov or official)"
    if scheme != scheme.strip() or scheme != scheme.lower() or len(scheme) > 80 or not scheme.isprintable():
        return ("expected a scheme in lower case on one line (such as wikidata, parlgov or official), "
                f"got {shorten(repr(scheme), 80)}")
    return None


def identifier_problem(scheme: str, identifier: str) -> str | None:
    """What is wrong with one (scheme, identifier) pair, as an error message; None when it is fine.

    A scheme is a lower-case name (``wikidata``, ``parlgov``, ``official``, ``parlparse``, ``ep``); an
    identifier is one non-empty line; a ``wikidata`` one is Q and a number, a ``parlgov`` one a number.
    """
    problem = scheme_problem(scheme)
    if problem is not None:
        return problem
    if not identifier:
        return f"the {scheme} identifier is empty"
    if len(identifier) > MAX_IDENTIFIER or not identifier.isprintable():
        return f"expected the {scheme} identifier as printable text on one line (up to {MAX_IDENTIFIER} " \
               f"characters), got {identifier[:60]!r}"
    if scheme == "wikidata" and not QID.fullmatch(identifier):
        return f"expected a Wikidata id such as Q42, got {identifier!r}"
    if scheme == "parlgov" and not (identifier.isascii() and identifier.isdigit()):
        return f"expected a ParlGov id (a whole number), got {identifier!r}"
    return None
