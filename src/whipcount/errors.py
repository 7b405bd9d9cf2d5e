"""Every error whipcount raises on purpose.

One root, one leaf per cause; each leaf also subclasses the builtin a caller would expect,
so ``except ValueError`` keeps working::

    WhipcountError
    ├── InputError (ValueError)            bad input from a file, a form or the command line
    │   ├── ScenarioError                  a scenario file: YAML, schema, cross references
    │   ├── InterchangeError               Popolo JSON, CSV and other formats
    │   ├── ConstitutionFileError          a user's constitution written in YAML
    │   └── ArgumentError (TypeError)      a library call's argument of the wrong type (a date as text ...)
    ├── ModelError (ValueError)            a state that cannot exist
    │   ├── EventError                     an event that cannot apply (moves more seats than a party has ...)
    │   └── InvariantError                 seats held + vacancies != chamber size, negative seats ...
    ├── RulesError (ValueError)            unknown profile or motion, counts that cannot be
    ├── ForecastError (ValueError)         probabilities outside [0, 1], stances for unknown parties ...
    ├── PowerError (ValueError)            weights, quotas and games that make no sense
    │   └── TooLarge                       a count too large to run (its work or its table): other indices may
    ├── ChartError (ValueError)            colours, layouts and dates a chart cannot draw
    ├── StorageError (RuntimeError)        the database refused; nothing was written
    │   └── ConflictError                  someone else changed the record first (optimistic concurrency)
    └── NotFound (LookupError)             a bundled scenario, profile, member or party that does not exist
        └── UnknownParty (KeyError)        a party id a chamber state does not hold

Messages name the place (file and line, or field), what was expected and what was found.
The command line prints ``str(error)`` on one line and exits 1. What was found is quoted whole where it
is short; a quoted value, or a number given back unquoted, longer than ``QUOTED_WIDTH`` characters is cut
with "…" (:func:`cut_long_values`), so an error never carries a whole file or a pasted page back. Paths are
not quoted, and never cut; where click quotes one (the file it refuses), a long one keeps its end, the file's
name.
"""

from __future__ import annotations

import os
import re

__all__ = [
    "ArgumentError",
    "ChartError",
    "ConflictError",
    "ConstitutionFileError",
    "EventError",
    "ForecastError",
    "InputError",
    "InterchangeError",
    "InvariantError",
    "ModelError",
    "NotFound",
    "PowerError",
    "RulesError",
    "ScenarioError",
    "StorageError",
    "TooLarge",
    "UnknownParty",
    "WhipcountError",
    "cut_long_values",
]


QUOTED_WIDTH = 80
"""Longest quoted value an error shows whole (as the web API cuts the values it quotes)."""

# every quoted value, short ones too, so that the quotes are taken in pairs from the left ("'-', such as ...")
_QUOTED = re.compile(r"""(?<!\w)(?:'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")(?!\w)""")


# a number as a message gives it back unquoted ("got 9999...", "counts 1000... members"), longer than any count
# whipcount takes; not digits within a word, an id, a path or a file name ("/d/1234.../s.yaml", "1234....yaml")
_LONG_NUMBER = re.compile(rf"(?<![\w/\\.-])-?\d{{{QUOTED_WIDTH},}}(?!\w|[/\\.]\w)")


def cut_long_values(text: str) -> str:
    """``text`` with each quoted value (``'...'`` or ``"..."``, as ``repr`` writes it), and each number given
    back unquoted, longer than ``QUOTED_WIDTH`` characters cut to that width with "…": a quoted path keeps its
    end, which names the file."""

    def quoted(m: re.Match[str]) -> str:
        mark = m.group(0)[0]
        inner = m.group(1) if m.group(1) is not None else m.group(2)
        if len(inner) <= QUOTED_WIDTH:
            return m.group(0)
        if "/" in inner or os.sep in inner:  # a path (click quotes the file it refuses): its end names the file
            return f"{mark}…{inner[1 - QUOTED_WIDTH:]}{mark}"
        return f"{mark}{inner[: QUOTED_WIDTH - 1]}…{mark}"

    def number(m: re.Match[str]) -> str:
        digits = m.group(0)
        return digits if len(digits) <= QUOTED_WIDTH else f"{digits[: QUOTED_WIDTH - 1]}…"

    return _LONG_NUMBER.sub(number, _QUOTED.sub(quoted, text))


class WhipcountError(Exception):
    """Root of every error whipcount raises on purpose."""

    def __str__(self) -> str:  # always one line, long values cut
        text = BaseException.__str__(self)  # not KeyError's, which would quote the message
        return cut_long_values(" ".join(text.split()) if "\n" in text else text)


class InputError(WhipcountError, ValueError):
    """Bad input from a file, a form or the command line."""


class ScenarioError(InputError):
    """A scenario file is malformed: YAML, a field, or a cross reference."""


class InterchangeError(InputError):
    """A Popolo, Open Civic Data or CSV file is malformed."""


class ConstitutionFileError(InputError):
    """A user's constitution file is malformed."""


class ArgumentError(InputError, TypeError):
    """A value passed to a library function in code is of the wrong type: a date as text, a count as a
    float. Also a ``TypeError``, as Python's own would be."""


class ModelError(WhipcountError, ValueError):
    """A state of the chamber that cannot exist."""


class EventError(ModelError):
    """An event that cannot apply to the state it meets."""


class InvariantError(ModelError):
    """An invariant of the chamber is broken."""


class RulesError(WhipcountError, ValueError):
    """Unknown profile or motion kind, or counts that cannot be."""


class ForecastError(WhipcountError, ValueError):
    """A whip count or a forecast model that makes no sense."""


class PowerError(WhipcountError, ValueError):
    """A weighted voting game that makes no sense."""


class TooLarge(PowerError):
    """A count too large to run, by its work or by its table's memory: the indices of other counts may still
    apply (``power`` leaves such an index out of its default set, saying why)."""


class ChartError(WhipcountError, ValueError):
    """Something a chart cannot draw."""


class StorageError(WhipcountError, RuntimeError):
    """The database refused a change; nothing was written.

    The message is the operator's: it names the database (its URL, the password hidden) and gives the
    database's own words. ``public``, when set, says the same in words that name no file, host or account,
    for a reader of the web app; ``busy`` says that trying again in a moment may succeed."""

    def __init__(self, message: str, *, public: str | None = None, busy: bool = False) -> None:
        super().__init__(message)
        self.public = public
        self.busy = busy


class ConflictError(StorageError):
    """The record changed since it was read (optimistic concurrency), or already holds what a write adds.

    ``details``, when set, is what a client needs to write again, by name (the revision now, the entry
    already there); the web API adds it to its answer. ``said``, when set, is the database's own words for a
    constraint it enforced, for the server's log alone (the message speaks the app's)."""

    def __init__(self, message: str, *, details: dict[str, object] | None = None, said: str | None = None) -> None:
        super().__init__(message)
        self.details = details
        self.said = said


class NotFound(WhipcountError, LookupError):
    """A bundled scenario, profile, member or party that does not exist."""


class UnknownParty(NotFound, KeyError):
    """A party id that a chamber state does not hold (also a ``KeyError``, as a mapping's would be)."""
