"""A user's constitution file as written (its pydantic schema, at this edge only): each part of a motion's
rule as the file gives it, checked field by field, and built into the rules' own value
(:meth:`MotionIn.build`). :mod:`whipcount.io.constitution` reads a file against it and checks the whole."""

from __future__ import annotations

import datetime as dt
import math
import re
from fractions import Fraction
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from whipcount.io.input_base import Count, Day, InputModel, Within, empty_list
from whipcount.io.limits import MAX_MOTIONS, MAX_NOTES, MAX_SEATS, MAX_WINDOW_DAYS, check_source_url
from whipcount.model.ids import ID_MAX, ID_PATTERN
from whipcount.rules import (
    Bar,
    DefectionPeriod,
    Floor,
    LegalSource,
    MotionRule,
    Movers,
    Quorum,
    Runoff,
    Threshold,
    Window,
)
from whipcount.rules.core import MOTION_LOST
from whipcount.rules.terms import floor_problem, plurality_problem, recorded_problem, shape_problem

__all__ = ["ConstitutionFile", "MotionIn", "SeatsIn", "SourceIn"]

_SHARE = re.compile(r"\s*\d{1,9}\s*/\s*\d{1,9}\s*|\s*\d{0,9}\.\d{1,12}\s*|\s*\d{1,9}\s*")


def _fraction(v: str | int | float) -> Fraction:
    if isinstance(v, float) and not math.isfinite(v):
        raise ValueError(f"expected a fraction such as \"1/2\" or \"2/3\", got {v!r}")
    if isinstance(v, str) and not _SHARE.fullmatch(v):
        # "1e-999999999" would make Fraction build a number with a billion digits
        raise ValueError(f"expected a fraction such as \"1/2\", \"2/3\" or 0.6, got {v[:40]!r}")
    try:
        # a float is read as the decimal written (repr gives it back: 0.6667 is 6667/10000, never 2/3)
        f = Fraction(repr(v) if isinstance(v, float) else str(v))
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"expected a fraction such as \"1/2\" or \"2/3\", got {v!r}") from None
    if not (0 < f < 1):
        raise ValueError(f"expected a fraction above 0 and below 1 (neither 0 nor all of the basis), got {v!r}")
    return f


def _checked(v: str | int | float) -> str | int | float:
    _fraction(v)
    return v


# A share written as "1/2", "2/3", 0.5 ...: checked when read, turned into a Fraction by _fraction().
FractionText = Annotated[str | int | float, AfterValidator(_checked)]


_In = InputModel


class SourceIn(_In):
    article: str = Field(min_length=1, description="Article or standing order, e.g. 'Art. 95(4)'.")
    url: Annotated[str, AfterValidator(check_source_url)] = Field(min_length=1, description="A URL to the text.")
    document: str = ""
    quote: str | None = None

    def build(self) -> LegalSource:
        return LegalSource(self.article, self.url, self.document, self.quote)


def _share_or_count(fraction: object, count: int | None) -> None:
    if fraction is not None and count is not None:
        raise ValueError(f"give fraction (a share of the members) or count (a number of them), not both: got "
                         f"fraction {fraction!r} and count {count}")
    if fraction is None and count is None:
        raise ValueError("give fraction (a share of the members) or count (a number of them)")


class _ShareOrCountIn(_In):
    """A number of members given as a share of them (``fraction``) or as a count, never both."""

    fraction: FractionText | None = None
    count: Count | None = Field(default=None, ge=1)
    source: SourceIn | None = None

    @model_validator(mode="after")
    def _one(self) -> _ShareOrCountIn:
        _share_or_count(self.fraction, self.count)
        return self

    def _share(self) -> Fraction | None:
        return _fraction(self.fraction) if self.fraction is not None else None


class QuorumIn(_ShareOrCountIn):
    fraction: FractionText | None = Field(default=None, description="Share of the total membership, e.g. '1/3'.")
    strict: bool = Field(default=False, description="More than the fraction ('a majority of its members') "
                                                    "rather than at least it ('at least one third').")

    @field_validator("strict")
    @classmethod
    def _strict_of_a_share(cls, v: bool, info: ValidationInfo) -> bool:
        count = info.data.get("count")
        if count is not None:  # "more than" or "at least" a share: a count is the number itself
            raise ValueError(f"strict is about a share (more than it, or at least it), but this quorum is a count "
                             f"of {count} members, got strict: {str(v).lower()}; leave it out")
        return v

    def build(self) -> Quorum:
        return Quorum(self._share(), self.count, self.source.build() if self.source else None, self.strict)


class FloorIn(_In):
    fraction: FractionText = Field(description="Share of the membership, e.g. '2/5': the fewest yes votes that carry.")
    basis: Literal["total", "sitting"] = Field(default="total", description="The seats (total) or the members in "
                                                                           "office (sitting).")
    strict: bool = Field(default=False, description="More than the fraction rather than at least it.")
    source: SourceIn | None = None

    def build(self) -> Floor:
        return Floor(_fraction(self.fraction), self.basis, self.strict, self.source.build() if self.source else None)


class ThresholdIn(_In):
    basis: Literal["votes-cast", "present-and-voting", "present", "sitting", "total", "plurality"]
    fraction: FractionText = "1/2"
    strict: bool = Field(default=True, description="More than the fraction (true) or at least it (false).")
    negative: bool = Field(default=False, description="The motion stands unless the noes reach the bar.")
    tie: Literal["fails", "casting-vote"] = "fails"
    tie_convention: Literal["yes", "no"] | None = None
    tie_source: SourceIn | None = None
    quorum: QuorumIn | None = None
    basis_source: SourceIn | None = Field(default=None, description="Where the text or practice says whether "
                                                                    "vacant seats count toward the basis.")
    basis_note: str | None = None
    vacancies_verified: bool = Field(default=True, description="On a membership basis (total or sitting), or of "
                                                               "a floor on one: false where no source settles "
                                                               "whether a vacant seat counts, which the bar's "
                                                               "words then say.")
    tie_note: str | None = Field(default=None, description="Why the chair's casting vote goes the way it does.")
    floor: FloorIn | None = Field(default=None, description="On a turnout basis, the fewest yes votes that carry: "
                                                             "a share of the membership the yes votes must reach too.")

    @field_validator("fraction", "strict", "negative")
    @classmethod
    def _plurality_has_none(cls, v: object, info: ValidationInfo) -> object:
        """Written on a plurality (even as its default, ``fraction: "1/2"``), each would mean nothing."""
        if info.data.get("basis") == "plurality":
            given = f"fraction {v!r}" if info.field_name == "fraction" else f"{info.field_name}: {str(v).lower()}"
            raise ValueError(plurality_problem(given))
        return v

    @model_validator(mode="after")
    def _tie(self) -> ThresholdIn:
        problem = shape_problem(self.basis, _fraction(self.fraction), self.strict, self.negative, self.tie,
                                repr(self.fraction))
        if problem is not None:
            raise ValueError(problem)
        if self.floor is not None and (problem := floor_problem(self.basis, self.negative)) is not None:
            raise ValueError(problem)
        if not self.vacancies_verified and self.basis not in ("total", "sitting") and self.floor is None:
            raise ValueError(f"vacancies_verified: false says no source settles whether a vacant seat counts toward "
                             f"the membership, but this threshold's basis is {self.basis}, where no vacant seat "
                             "counts, and it has no floor of the membership; leave vacancies_verified out")
        for given in ("tie_convention", "tie_note", "tie_source"):
            if getattr(self, given) is not None and self.tie != "casting-vote":
                raise ValueError(f"{given} is about the chair's casting vote, but this threshold has none (tie: "
                                 f"{self.tie}); give tie: casting-vote, or leave {given} out")
        return self

    def build(self) -> Threshold:
        return Threshold(self.basis, _fraction(self.fraction), self.strict, self.negative, self.tie,
                         self.tie_convention, self.tie_source.build() if self.tie_source else None,
                         self.quorum.build() if self.quorum else None,
                         self.basis_source.build() if self.basis_source else None, self.basis_note,
                         self.tie_note, self.floor.build() if self.floor else None, self.vacancies_verified)


class MoversIn(_ShareOrCountIn):
    note: str | None = None

    def build(self) -> Movers:
        return Movers(self._share(), self.count, self.source.build() if self.source else None, self.note)


class WindowIn(_In):
    min_days: Annotated[Count, Within(0, MAX_WINDOW_DAYS)] | None = None
    max_days: Annotated[Count, Within(0, MAX_WINDOW_DAYS)] | None = None
    after: Literal["motion-filed", "motion-moved"] = "motion-moved"
    source: SourceIn | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _order(self) -> WindowIn:
        if self.min_days is not None and self.max_days is not None and self.min_days > self.max_days:
            raise ValueError(f"min_days ({self.min_days}) is more than max_days ({self.max_days})")
        if self.min_days is None and self.max_days is None:
            raise ValueError("expected min_days, max_days or both: a window of neither bounds no day (leave window "
                             "out, and say the motion has no time limit in its note)")
        return self

    def build(self) -> Window:
        return Window(self.min_days, self.max_days, self.after, self.source.build() if self.source else None,
                      self.note)


class BarIn(_In):
    text: str = Field(min_length=1)
    while_: Literal["pending", "moving"] = Field(default="pending", alias="while")
    source: SourceIn | None = None

    def build(self) -> Bar:
        return Bar(self.text, self.while_, self.source.build() if self.source else None)


class RunoffIn(_In):
    threshold: ThresholdIn
    among: Count = Field(default=2, ge=1)
    source: SourceIn | None = None
    note: str | None = None
    effect_fail: str | None = Field(default=None, description="What follows when the further vote fails too.")
    if_tied: str | None = Field(default=None, description="What the rules do after a tied run-off (said only "
                                                          "when the run-off is tied).")

    def build(self) -> Runoff:
        return Runoff(self.threshold.build(), self.among, self.source.build() if self.source else None, self.note,
                      self.effect_fail, self.if_tied)


class DefectionIn(_In):
    start: Day | None = None
    end: Day | None = None
    counted: bool
    source: SourceIn
    note: str = ""

    @model_validator(mode="after")
    def _order(self) -> DefectionIn:
        _period_order(self.start, self.end)
        return self

    def build(self) -> DefectionPeriod:
        return DefectionPeriod(self.start, self.end, self.counted, self.source.build(), self.note)


class MotionIn(_In):
    kind: Literal["no-confidence", "constructive-no-confidence", "confidence", "investiture", "pm-election"]
    title: str = ""
    threshold: ThresholdIn
    source: SourceIn
    effect: str = "the motion is carried"
    effect_fail: str = MOTION_LOST
    movers: MoversIn | None = None
    window: WindowIn | None = None
    bars: list[BarIn] = Field(default_factory=empty_list, max_length=MAX_NOTES)
    runoff: RunoffIn | None = None
    successor: bool = False
    defection: list[DefectionIn] = Field(default_factory=empty_list, max_length=MAX_NOTES)
    start: Day | None = None
    end: Day | None = None
    verified: bool = True
    note: str | None = None
    votes_recorded: Literal["all", "yes-only"] = Field(
        default="all", description="Which votes a division records: all of them, or yes-only where only the votes "
                                   "for the motion are (France's motion de censure, Art. 49(2)); yes-only needs a "
                                   "membership basis (sitting or total).")

    @field_validator("votes_recorded")
    @classmethod
    def _recorded_on_members(cls, v: str, info: ValidationInfo) -> str:
        """Only the votes for recorded: the bar must be a number of the members, in the first poll and a run-off."""
        runoff = info.data.get("runoff")
        for th in (info.data.get("threshold"), runoff.threshold if runoff is not None else None):
            if th is not None and (problem := recorded_problem(v, th.basis, th.negative)) is not None:
                raise ValueError(problem.removeprefix("votes_recorded: "))
        return v

    @model_validator(mode="after")
    def _order(self) -> MotionIn:
        _period_order(self.start, self.end)
        return self

    def build(self) -> MotionRule:
        return MotionRule(
            kind=self.kind, threshold=self.threshold.build(), source=self.source.build(), effect=self.effect,
            effect_fail=self.effect_fail, title=self.title,
            movers=self.movers.build() if self.movers else None,
            window=self.window.build() if self.window else None,
            bars=tuple(b.build() for b in self.bars),
            runoff=self.runoff.build() if self.runoff else None,
            successor=self.successor,
            defection=tuple(d.build() for d in self.defection),
            start=self.start, end=self.end, verified=self.verified, note=self.note,
            votes_recorded=self.votes_recorded,
        )


class SeatsIn(_In):
    seats: Annotated[Count, Within(1, MAX_SEATS)]
    start: Day | None = None
    end: Day | None = None
    source: str | None = None
    verified: bool = True
    note: str | None = None

    @model_validator(mode="after")
    def _order(self) -> SeatsIn:
        _period_order(self.start, self.end)
        return self


def _period_order(start: dt.date | None, end: dt.date | None) -> None:
    if end == dt.date.min:  # a period ends on the day after its last: this one would hold no day
        raise ValueError(f"the period ends on {end.isoformat()}, the calendar's first day, so holds no day "
                         "(end is the day after the last one in force)")
    if start is not None and end is not None and end <= start:
        raise ValueError(f"the period ends ({end.isoformat()}) before it starts ({start.isoformat()})")


_SeatPeriods = Annotated[list[SeatsIn], Field(min_length=1, max_length=MAX_NOTES)]  # [] would give no size, unsaid


class ConstitutionFile(_In):
    """A constitution as a user writes it (``whipcount schema constitution`` prints its JSON Schema)."""

    id: str = Field(pattern=ID_PATTERN, max_length=ID_MAX)
    name: str = Field(min_length=1)
    country: str = ""
    seats: Annotated[Count, Within(1, MAX_SEATS)] | _SeatPeriods | None = (
        Field(default=None, description="Total membership, or periods of it."))
    note: str | None = None
    motions: list[MotionIn] = Field(min_length=1, max_length=MAX_MOTIONS)
