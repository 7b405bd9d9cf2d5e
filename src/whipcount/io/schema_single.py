"""What validation expects of a value that may only be one value (text, a number, a day, one of some words), read
from a format's JSON Schema: the words :mod:`whipcount.io.yamlbuild` refuses a list or mapping there with, as it
opens, the same as validation's for it (:func:`whipcount.io.plain_words.problem_words`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from whipcount.io.list_caps import CapTree

__all__ = ["kind_words", "kinds_table", "mark", "mark_kind", "single_table", "single_words"]

# what validation expects of a value of each JSON type (:mod:`whipcount.io.plain_words`, its first if several)
_SINGLE_WORDS = {"string": "text", "integer": "a whole number", "number": "a number", "boolean": "true or false",
                 "null": "null"}
_DAY_WORDS = "a date as YYYY-MM-DD"  # a day (:data:`whipcount.io.input_base.Day`), whatever else it is given


def _branches(node: Any, defs: Mapping[str, Any], depth: int = 0) -> list[Any]:
    """What the schema ``node`` may be: each branch of a union (of unions), references followed; a union
    under a type (text of one of two patterns) is that type."""
    ref = node.get("$ref") if isinstance(node, dict) else None
    node = defs.get(ref.rsplit("/", 1)[-1]) if isinstance(ref, str) else node
    typed = not isinstance(node, dict) or "type" in node or depth >= 40
    union = None if typed else node.get("anyOf") or node.get("oneOf")
    return [b for sub in union for b in _branches(sub, defs, depth + 1)] if union else [node]


def single_words(node: Any, defs: Mapping[str, Any]) -> str | None:
    """What validation expects of a value of the schema ``node`` (``expected text``; a choice of values in
    pydantic's words, ``Input should be 'yes' or 'no'``) when it may only be one value (text, a number, true or
    false, a day, one of some values, or a union of those: no list or mapping), else None. Where a union
    allows several, the first branch's words, as validation reports its first."""
    words = [_branch_words(b) if isinstance(b, dict) else None for b in _branches(node, defs)]
    return words[0] if words and all(words) else None


def _branch_words(node: dict[str, Any]) -> str | None:
    if isinstance(node.get("enum"), list) and node["enum"]:
        shown = [repr(v) for v in node["enum"]]
        return "Input should be " + (f"{', '.join(shown[:-1])} or {shown[-1]}" if len(shown) > 1 else shown[0])
    if node.get("format") == "date":
        return f"expected {_DAY_WORDS}"
    kinds = node.get("type")
    words = [_SINGLE_WORDS.get(k) for k in ([kinds] if isinstance(kinds, str) else kinds or [])]
    return f"expected {words[0]}" if words and all(words) else None


# what validation expects of a list or a mapping (:mod:`whipcount.io.plain_words`)
_KIND_WORDS = {"array": ("mapping", "expected a list [...]"), "object": ("list", "expected a mapping {...}")}


def kind_words(node: Any, defs: Mapping[str, Any]) -> tuple[str, str] | None:
    """Where the schema ``node`` may only be a list, or only a mapping (every branch of a union the same
    kind): the other kind, refused there (``"mapping"`` or ``"list"``), and what validation expects in its
    place (``expected a list [...]``), else None (a place of one value, or of either kind: a number or a
    list, text or a mapping); a branch of null (an optional field) aside."""
    kinds = {_kind(b) if isinstance(b, dict) else None for b in _branches(node, defs)
             if not (isinstance(b, dict) and b.get("type") == "null")}  # a field left out (null) is none
    return _KIND_WORDS[kind] if len(kinds) == 1 and (kind := kinds.pop()) is not None else None


def _kind(node: dict[str, Any]) -> str | None:
    if node.get("type") == "array":
        return "array"
    if node.get("type") == "object" or "properties" in node or "additionalProperties" in node:
        return "object"
    return None


def mark(place: CapTree, words: str | None) -> None:
    """What one schema reaching ``place`` expects there when it may only be one value (``words``), else None:
    the place holds one value only where every schema reaching it says so, in the same words."""
    if words is None or (place.single is not None and place.single != words):
        place.many, place.single = True, None
    elif not place.many:
        place.single = words


def mark_kind(place: CapTree, kind: tuple[str, str] | None) -> None:
    """As :func:`mark`, for a place that may only hold a list, or only a mapping."""
    if kind is None or (place.kind is not None and place.kind != kind):
        place.mixed, place.kind = True, None
    elif not place.mixed:
        place.kind = kind


def single_table(tree: CapTree, path: str = "") -> dict[str, str]:
    """The places of ``tree`` that may only hold one value, and what validation expects there in words, for
    :mod:`whipcount.io.caps_table`."""
    out = {path: tree.single} if tree.single is not None else {}
    for key, sub in sorted(tree.children.items()):
        out.update(single_table(sub, f"{path}/{key}" if path else key))
    return out


def kinds_table(tree: CapTree, path: str = "") -> dict[str, tuple[str, str]]:
    """The places of ``tree`` (the root aside) that may only hold a list, or only a mapping: the other kind,
    refused there, and what validation expects in its place, for :mod:`whipcount.io.caps_table`."""
    out = {path: tree.kind} if tree.kind is not None and path else {}
    for key, sub in sorted(tree.children.items()):
        out.update(kinds_table(sub, f"{path}/{key}" if path else key))
    return out
