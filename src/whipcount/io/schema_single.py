"""What validation expects of a value that may only be one value (text, a number, a day, one of some words), read
from a format's JSON Schema: the words :mod:`whipcount.io.yamlbuild` refuses a list or mapping there with, as it
opens, the same as validation's for it (:func:`whipcount.io.plain_words.problem_words`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = ["single_words"]

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
