"""What the first part of a file shows of its format: its top-level fields (YAML or JSON) or its CSV header.

Read where a file has been refused by the reader of one format (or, before a JSON reader, where the file
does not start as JSON), to say which other format it is (:mod:`whipcount.io.document_kind`). At most
:data:`HEAD` bytes are read, once, from a regular file (:func:`whipcount.io.limits.opened_input`): a file
of any size costs the same, and none is parsed whole a second time. A field past the head is not seen;
a file whose head tells nothing is left to its reader's own words.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass
from pathlib import Path

from whipcount.errors import InputError
from whipcount.io.limits import default_limits, opened_input

__all__ = ["HEAD", "Head", "csv_shape", "read_head"]

HEAD = 64 * 1024
"""How many bytes of a file are read to tell its format."""

_YAML_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?=[ \t\r\n]|$)", re.MULTILINE)
_THRESHOLD = re.compile(r"""^[ \t-]*["']?threshold["']?[ \t]*:""", re.MULTILINE)
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:]')


@dataclass(frozen=True, slots=True)
class Head:
    """What a file's head shows: ``syntax`` (``json``, ``yaml`` or ``csv``), the top-level ``keys`` (of a
    mapping) or the header's columns (of a CSV), and whether a ``threshold`` field is written under them."""

    syntax: str
    keys: frozenset[str]
    thresholds: bool = False


def csv_shape(header: list[str]) -> str | None:
    """Which CSV whipcount reads a header is: ``term`` (EveryPolitician's), ``seats`` (a seat table) or
    ``parlgov``; None for none of them."""
    cols = set(header)
    if "party_name_short" in cols and "party_id" in cols:
        return "parlgov"
    if {"id", "name"} <= cols and ({"group_id", "group"} & cols):
        return "term"
    if {"party", "seats"} <= cols:
        return "seats"
    return None


def read_head(path: str | Path, *, json_keys: bool = True) -> Head | None:
    """What the first :data:`HEAD` bytes of the file at ``path`` show; None where it cannot be read (not a
    regular file, too large, gone) or is not text. Without ``json_keys``, a JSON head's keys are not looked
    for (a JSON reader's check before it reads a JSON file: 3 ms of a 64 KiB head)."""
    try:
        with opened_input(path, "file", default_limits()) as (fd, _):
            raw = os.read(fd, HEAD)
    except (InputError, OSError):
        return None
    if b"\x00" in raw:
        return None
    return head_of(raw.decode("utf-8", "replace").removeprefix("\ufeff"), json_keys=json_keys)


def head_of(text: str, *, json_keys: bool = True) -> Head | None:
    """:func:`read_head` of the head ``text``."""
    body = text.lstrip()
    if body[:1] in ("{", "["):
        if body[:1] == "[" or not json_keys:
            return Head("json", frozenset()) if body[:1] == "{" else None
        return Head("json", _json_keys(body), '"threshold"' in body)
    first = body.split("\n", 1)[0].strip()
    if "," in first and ":" not in first:
        header = next(csv.reader([first]), [])
        columns = [c.strip().lower() for c in header]  # a spreadsheet's capitals: read as the CSV reader does
        return Head("csv", frozenset(columns)) if csv_shape(columns) else None
    keys = frozenset(_YAML_KEY.findall(body))
    return Head("yaml", keys, bool(_THRESHOLD.search(body))) if keys else None


def _json_keys(body: str) -> frozenset[str]:
    """The keys of the JSON object ``body`` starts, as far as ``body`` goes (strings skipped whole)."""
    keys: set[str] = set()
    depth = 0
    last = ""
    for match in _JSON_TOKEN.finditer(body):
        token = match.group()
        if token in ("{", "["):
            depth += 1
        elif token in ("}", "]"):
            depth -= 1
            if depth == 0:
                break
        elif token == ":" and depth == 1 and last.startswith('"'):
            keys.add(last[1:-1])
        last = token
    return frozenset(keys)
