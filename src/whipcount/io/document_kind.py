"""A file of one format handed where another is read, said as such, with the command that reads it.

A constitution named as a scenario (``whipcount tally my-parliament.yaml``), a scenario named as a
constitution (``--rules case.yaml``, ``chamber.rules: case.yaml``), a Popolo bundle or an Open Civic Data
vote event named as either: each had been refused by its first field the reader did not know
(``name: unknown field``, ``title: unknown field``), as if one field were misspelt.
"""

from __future__ import annotations

from typing import Any

__all__ = ["other_document"]


def _kind(data: dict[Any, Any]) -> str | None:
    """What a mapping read from a file is, by the fields only its format has; None when none tells."""
    keys = set(data)
    if "chamber" in keys:
        return "scenario"
    if {"persons", "memberships"} & keys:
        return "popolo"
    if "motion_text" in keys or {"counts", "votes"} <= keys:
        return "ocd"
    motions = data.get("motions")
    if isinstance(motions, list) and any(isinstance(m, dict) and "threshold" in m for m in motions):
        return "constitution"
    return None


def other_document(data: dict[Any, Any], expected: str, name: str) -> str | None:
    """The words for a file ``name`` holding ``data`` that is another format than ``expected`` (``scenario``
    or ``constitution``): ``"expected ..., got a constitution (...): ..."``; None when it may be the one
    expected (its own reader then names its first problem)."""
    kind = _kind(data)
    if kind is None or kind == expected:
        return None
    what = {"scenario": "a scenario (chamber, parties, events)",
            "constitution": "a constitution (id, name, motions with thresholds)",
            "popolo": "a Popolo bundle (persons, organizations, memberships)",
            "ocd": "an Open Civic Data vote event (motion_text, counts, votes)"}
    then = {("scenario", "constitution"): f"name it in a scenario's chamber.rules ({name}), or give it to --rules",
            ("scenario", "popolo"): f"convert it with `whipcount import popolo {name} -o SCENARIO.yaml`",
            ("scenario", "ocd"): f"attach it to a scenario with `whipcount import ocd {name} --scenario SCENARIO "
                                 "-o OUT.yaml`",
            ("constitution", "scenario"): "a scenario names its constitution in chamber.rules (a built-in "
                                          "profile's id, `whipcount rules list`, or a constitution file)"}
    advice = then.get((expected, kind), "a constitution file has id, name and motions (`whipcount schema "
                                        "constitution`)")
    return f"expected {what[expected]}, got {what[kind]}: {advice}"
