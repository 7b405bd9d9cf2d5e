"""Plain YAML scalars as :mod:`whipcount.io.yamlbuild` reads them: the YAML 1.2 core schema, plus dates.
``true``/``false`` are booleans but ``yes``/``no`` stay text (a division has ``yes:`` and ``no:`` keys);
``2022-04-10`` is a date, and a date that does not exist (``2022-13-01``) stays text so validation can name
its field."""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import Any

import yaml

__all__ = ["STD_TAGS", "numberish", "plain_value", "reads_as_text"]

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9_]*)")
# a digit before the point or right after it (YAML 1.1, as PyYAML reads it): '.', '-.' and '._' are text
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*\.[0-9_]*|\.[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)?"
                    r"|[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}")
_TIMESTAMP = re.compile(r"[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}.*")
_NUMBERISH = re.compile(r"[-+]?[0-9_.eE+-]+")
_SPECIAL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False,
            "null": None, "Null": None, "NULL": None, "~": None, "": None,
            ".inf": math.inf, ".Inf": math.inf, ".INF": math.inf, "+.inf": math.inf, "+.Inf": math.inf,
            "+.INF": math.inf, "-.inf": -math.inf, "-.Inf": -math.inf, "-.INF": -math.inf,
            ".nan": math.nan, ".NaN": math.nan, ".NAN": math.nan}
STD_TAGS = {"tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
             "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
             "tag:yaml.org,2002:seq", "tag:yaml.org,2002:timestamp", "!"}



def numberish(text: str) -> bool:
    """Whether ``text`` is made of a number's characters only (digits, signs, points, exponents, ``_``)."""
    return _NUMBERISH.fullmatch(text) is not None


def plain_value(text: str) -> Any:
    """A plain (unquoted, untagged) scalar's value: a boolean, null, an infinity or NaN, an integer, a float, a
    date or a timestamp where the core schema says so, else the text itself."""
    if text in _SPECIAL:
        return _SPECIAL[text]
    first = text[0]
    if first.isdigit() or first in "+-.":
        if _INT.fullmatch(text):
            return int(text.replace("_", ""))
        if _FLOAT.fullmatch(text):
            return float(text.replace("_", ""))
        if _DATE.fullmatch(text):
            try:
                y, m, d = (int(x) for x in text.split("-"))
                return dt.date(y, m, d)
            except ValueError:
                return text
        if _TIMESTAMP.fullmatch(text):
            node = yaml.ScalarNode("tag:yaml.org,2002:timestamp", text)
            try:
                return yaml.constructor.SafeConstructor().construct_yaml_timestamp(node)
            except ValueError:
                return text
    return text


def reads_as_text(text: str) -> bool:
    """True when ``text`` written as a plain scalar reads back as the same string (not a number, a
    boolean, null or a date under the YAML 1.2 core schema this module reads)."""
    if text in _SPECIAL or text == "" or text.strip() != text:
        return False
    return not any(p.fullmatch(text) for p in (_INT, _FLOAT, _DATE, _TIMESTAMP))
