"""Values that mean nothing, which the readers refuse in a file but an earlier version read and ignored (and
wrote back out: ``db dump``): found and taken out of a parsed document, each named by its place, so that what
that version stored can be read again with nothing that counted lost.

* a constitution: ``seats: []``; ``fraction``, ``strict`` or ``negative`` on a ``plurality`` basis;
  ``strict`` on a quorum given as a ``count``; a ``window`` with neither ``min_days`` nor ``max_days``;
  ``tie_convention``, ``tie_note`` or ``tie_source`` without ``tie: casting-vote``;
* a member's stance: ``seats`` and ``side`` (one member holds one seat, on the side of their party).

The database's migration (``whipcount.storage.set_aside``) takes them out of stored rows;
:func:`scenario_file_set_aside` out of a scenario file (a backup ``db load`` restores).
"""

from __future__ import annotations

import json
from typing import Any

__all__ = ["SAID_MOST", "constitution_set_aside", "member_stance_set_aside", "said", "scenario_file_set_aside"]

_TIE_WORDS = ("tie_convention", "tie_note", "tie_source")


def _pop(data: dict[str, Any], key: str, path: str, out: dict[str, Any]) -> None:
    if key in data:
        out[f"{path}{key}"] = data.pop(key)


def _threshold(t: Any, path: str, out: dict[str, Any]) -> None:
    if not isinstance(t, dict):
        return
    if t.get("basis") == "plurality":
        for key in ("fraction", "strict", "negative"):
            _pop(t, key, path, out)
    if t.get("tie", "fails") != "casting-vote":
        for key in _TIE_WORDS:
            _pop(t, key, path, out)
    q = t.get("quorum")
    if isinstance(q, dict) and q.get("count") is not None:
        _pop(q, "strict", f"{path}quorum.", out)


def constitution_set_aside(data: Any) -> dict[str, Any]:
    """Take out of a constitution's mapping ``data`` (in place) each value that means nothing; return them by
    their place (``motions[0].threshold.fraction``)."""
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    if data.get("seats") == []:
        _pop(data, "seats", "", out)
    motions = data.get("motions")
    for i, m in enumerate(motions if isinstance(motions, list) else []):
        if not isinstance(m, dict):
            continue
        _threshold(m.get("threshold"), f"motions[{i}].threshold.", out)
        runoff = m.get("runoff")
        if isinstance(runoff, dict):
            _threshold(runoff.get("threshold"), f"motions[{i}].runoff.threshold.", out)
        w = m.get("window")
        if isinstance(w, dict) and w.get("min_days") is None and w.get("max_days") is None:
            _pop(m, "window", f"motions[{i}].", out)
    return out


def member_stance_set_aside(data: Any, *, drop: bool = False) -> dict[str, Any]:
    """Take ``seats`` and ``side`` out of a member's stance (its mapping ``data``, in place: set to None, or
    removed with ``drop``); return them."""
    out: dict[str, Any] = {}
    if isinstance(data, dict) and data.get("member") is not None:
        for key in ("seats", "side"):
            if data.get(key) is not None:
                out[key] = data[key]
            if key in data:
                if drop:
                    del data[key]
                else:
                    data[key] = None
    return out


def _stances_set_aside(stances: Any, path: str, out: dict[str, Any]) -> None:
    for j, s in enumerate(stances if isinstance(stances, list) else []):
        out.update({f"{path}[{j}].{k}": v for k, v in member_stance_set_aside(s, drop=True).items()})


def scenario_file_set_aside(data: Any) -> dict[str, Any]:
    """Take out of a parsed scenario file (in place) each value that means nothing: in the constitutions it
    carries and in its members' stances (the main motion's, ``motion:``'s and each further motion's). Returns
    them by their place in the file (``constitutions[0].seats``, ``motions[1].stances[0].side``); the places
    of what is left do not change, so the reader's errors still point at their lines."""
    out: dict[str, Any] = {}
    if not isinstance(data, dict):
        return out
    carried = data.get("constitutions")
    for i, c in enumerate(carried if isinstance(carried, list) else []):
        out.update({f"constitutions[{i}].{k}": v for k, v in constitution_set_aside(c).items()})
    _stances_set_aside(data.get("stances"), "stances", out)
    motion = data.get("motion")
    if isinstance(motion, dict):
        _stances_set_aside(motion.get("stances"), "motion.stances", out)
    motions = data.get("motions")
    for i, m in enumerate(motions if isinstance(motions, list) else []):
        if isinstance(m, dict):
            _stances_set_aside(m.get("stances"), f"motions[{i}].stances", out)
    kept: dict[str, Any] = json.loads(json.dumps(out, default=str))  # as the audit trail keeps them: a date as text
    return kept


SAID_MOST = 20
"""The most values a warning and an audit row's reason name one by one; the row's ``before`` keeps them all."""


def said(took: dict[str, Any]) -> str:
    """The values set aside, in words: ``seats: [], motions[0].window: {...}`` (the first :data:`SAID_MOST`)."""
    words = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False, default=str)}"
                      for k, v in list(took.items())[:SAID_MOST])
    more = len(took) - SAID_MOST
    return words + (f" and {more:,} more (the audit row keeps each under before)" if more > 0 else "")
