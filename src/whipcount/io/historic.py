"""The bundled dataset of historic confidence-type votes (``whipcount/data/historic_votes.yaml``).

``historic_votes()`` gives every entry as a :class:`HistoricVote`: the counts, the recorded outcome,
the bar as reported at the time (where a source reports it) and the sources. ``HistoricVote.judge()``
judges the entry under its rules profile through the public rules API, so a test (or a user) can check
that whipcount agrees with the record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from whipcount.errors import InputError
from whipcount.io.input_base import Count, Day, empty_list
from whipcount.io.plain_words import and_more, problem_words
from whipcount.io.scenario_divisions import division_yes_problem
from whipcount.io.schema_fields import reported_error
from whipcount.io.yamlsource import Located, load_yaml_text
from whipcount.model.division import Division
from whipcount.model.frozen import read_only
from whipcount.model.ids import ID_MAX, ID_PATTERN
from whipcount.rules import Outcome, judge

__all__ = ["HistoricVote", "historic_votes", "parse_historic"]

DATA_FILE = "historic_votes.yaml"


@dataclass(frozen=True, slots=True)
class HistoricVote:
    """One recorded vote and what the record says happened."""

    id: str
    rules: str
    motion: str
    date: dt.date
    yes: int
    passed: bool
    outcome: str
    sources: tuple[str, ...]
    no: int | None = None
    abstain: int | None = None
    seats: int | None = None
    vacancies: int = 0
    needed: int | None = None
    reject_at: int | None = None
    target: str | None = None
    successor: str | None = None
    candidates: tuple[tuple[str, int], ...] = ()
    verified: bool = True
    note: str | None = None
    extras: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "extras", read_only(self.extras))  # frozen as the rest of the record

    def judge(self) -> Outcome:
        """This vote judged under its rules profile as they stood on its date."""
        return judge(
            self.rules,
            self.motion,
            yes=self.yes,
            no=self.no,
            abstain=self.abstain,
            seats=self.seats,
            vacancies=self.vacancies,
            on=self.date,
            candidates=dict(self.candidates) or None,
        )


class _VoteIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    id: str = Field(pattern=ID_PATTERN, max_length=ID_MAX)
    rules: str
    motion: Literal["no-confidence", "constructive-no-confidence", "confidence", "investiture", "pm-election"]
    date: Day
    target: str | None = None
    successor: str | None = None
    yes: Count = Field(ge=0)
    no: Count | None = Field(default=None, ge=0)
    abstain: Count | None = Field(default=None, ge=0)
    seats: Count | None = Field(default=None, gt=0)
    seats_note: str | None = None
    vacancies: Count = Field(default=0, ge=0)
    candidates: dict[str, Count] | None = None
    passed: bool
    needed: Count | None = Field(default=None, ge=0)
    reject_at: Count | None = Field(default=None, ge=0)
    outcome: str = Field(min_length=1)
    source: str | None = None
    sources: list[str] = Field(default_factory=empty_list)
    verified: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _has_source(self) -> _VoteIn:
        if not self.source and not self.sources:
            raise ValueError("every vote needs a source (source or sources)")
        return self


class _FileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    version: int
    votes: list[_VoteIn] = Field(min_length=1)


def parse_historic(located: Located) -> tuple[HistoricVote, ...]:
    """Validate the dataset; one InputError naming the file, line and field on the first problem."""
    try:
        f = _FileIn.model_validate(located.data)
    except ValidationError as exc:
        err = reported_error(exc.errors())
        problem = f"{problem_words(err, 'historic votes', model=_FileIn)}{and_more(exc, err)}"
        raise InputError(f"{located.where(tuple(err['loc']))}: {problem}") from None
    seen: set[str] = set()
    out: list[HistoricVote] = []
    for i, v in enumerate(f.votes):
        if v.id in seen:
            raise InputError(f"{located.where(('votes', i, 'id'))}: id {v.id!r} is used twice")
        seen.add(v.id)
        declared = Division(yes=v.yes, candidates=tuple((v.candidates or {}).items()))
        wrong = division_yes_problem(declared, v.successor)
        if wrong is not None:  # an election's yes is its successor's votes, as in a scenario's division
            raise InputError(f"{located.where(('votes', i, *wrong[0]))}: {wrong[1]}")
        extras: dict[str, Any] = {"seats_note": v.seats_note} if v.seats_note else {}
        out.append(
            HistoricVote(
                id=v.id, rules=v.rules, motion=v.motion, date=v.date, yes=v.yes, passed=v.passed,
                outcome=v.outcome, sources=tuple(([v.source] if v.source else []) + v.sources),
                no=v.no, abstain=v.abstain, seats=v.seats, vacancies=v.vacancies, needed=v.needed,
                reject_at=v.reject_at, target=v.target, successor=v.successor,
                candidates=tuple((v.candidates or {}).items()), verified=v.verified, note=v.note,
                extras=extras,
            )
        )
    return tuple(out)


def historic_votes() -> tuple[HistoricVote, ...]:
    """Every vote in the bundled dataset, in file order."""
    text = (resources.files("whipcount") / "data" / DATA_FILE).read_text(encoding="utf-8")
    return parse_historic(load_yaml_text(text, DATA_FILE))
