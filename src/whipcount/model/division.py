"""A recorded vote (a division) and the later decisions on how it counts (adjudications)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from whipcount.model.arguments import plain_counts, plain_dates
from whipcount.model.sources import Source

__all__ = ["ROLL_COUNTS", "VOTE_OPTIONS", "Adjudication", "Division", "Overnamed", "Unseated", "sat_words"]

VOTE_OPTIONS: tuple[str, ...] = ("yes", "no", "abstain", "absent", "excused", "paired", "not-voting", "other")
"""How a member's vote on a division's roll may be recorded."""

ROLL_COUNTS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("yes",), ("yes",)),
    (("no",), ("no",)),
    (("abstain",), ("abstain",)),
    (("absent",), ("absent",)),
    (("absent", "present_not_voting"), ("absent", "excused", "paired", "not-voting")),
)
"""Each count of a division that its roll (``votes``) can name members for: the count fields (summed) and the
roll's options counted in them. A roll may name fewer members than a count (most rolls are partial), never more.
Those named absent are among the absent; those who did not vote by any other name (excused, paired, not voting)
are among the absent or the present not voting, so all four are held against the two together. A count not
given bounds nothing alone: a roll is held to a sum only where the division gives every count in it (named
excused with the absent given alone may all be present not voting). Together the counts not given hold at most
the members who sat less those counted (:meth:`Division.unseated`); in an election that leaves ``no`` out, those
named voting no are first among the other candidates' votes (:meth:`Division.others`)."""


@dataclass(frozen=True, slots=True)
class Overnamed:
    """A roll naming more members than the division counts: ``named`` members under ``options`` where the
    count fields ``fields`` add up to ``counted``."""

    fields: tuple[str, ...]
    options: tuple[str, ...]
    named: int
    counted: int


ROLL_FIELDS: dict[str, tuple[str, ...]] = {
    "yes": ("yes",), "no": ("no",), "abstain": ("abstain",), "absent": ("absent",),
    "excused": ("absent", "present_not_voting"), "paired": ("absent", "present_not_voting"),
    "not-voting": ("absent", "present_not_voting"),
}
"""The counts a member named on the roll under each option may be among (as :data:`ROLL_COUNTS`); one named
``other`` may be in any, and is held to none."""


def sat_words(seats: int, vacancies: int, day: dt.date) -> str:
    """The members who sat on ``day`` in words, as a roll held to them says it: ``"the 8 members who sat on
    2021-03-01 (9 seats, 1 vacant)"`` (``"the 9 members who sat on 2021-03-01"`` with no seat vacant)."""
    vacant = f" ({seats} seats, {vacancies} vacant)" if vacancies else ""
    return f"the {seats - vacancies} members who sat on {day.isoformat()}{vacant}"


@dataclass(frozen=True, slots=True)
class Unseated:
    """A roll naming more members than the counts a division leaves out can hold: ``room`` members at most
    (the ``sitting`` members less the ``counted`` the counts given hold), where the roll's members at
    ``named`` (indexes into the roll) fit no count given and can each be only in one of ``fields``."""

    fields: tuple[str, ...]
    room: int
    sitting: int
    counted: int
    named: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Adjudication:
    """A later decision on a recorded vote (a court's, or the chamber's own): from ``date`` the vote counts
    as the decision says. ``excluded``: votes for the motion (or its candidate) held not countable;
    ``yes``/``no``/``candidates``: the counts as the decision restated them (None or empty: unchanged);
    ``invalid``: the ballots it held invalid (0 where it counted ballots the chair had rejected; None:
    unchanged)."""

    date: dt.date
    by: str
    summary: str = ""
    excluded: int = 0
    yes: int | None = None
    no: int | None = None
    candidates: tuple[tuple[str, int], ...] = ()
    sources: tuple[Source, ...] = ()
    note: str | None = None
    invalid: int | None = None


@dataclass(frozen=True, slots=True)
class Division:
    """A recorded vote: counts as declared on the day, the individual votes where known, and any later
    decisions (``adjudications``) that changed how it is counted. ``round``: 1 for a first poll (the
    default), 2 for a run-off. ``present_not_voting``: members who declared themselves present without voting;
    ``invalid``: ballots cast but declared invalid (a secret ballot's spoilt papers, a run-off's votes for
    someone not in it). Both count toward a quorum and toward no basis of votes. ``defectors``: how many of
    the yes votes were cast against the party's direction (judged under the defection rule of the day, as
    ``judge(defectors=...)``)."""

    yes: int
    no: int | None = None
    abstain: int | None = None
    absent: int | None = None
    date: dt.date | None = None
    votes: tuple[tuple[str, str], ...] = ()
    sources: tuple[Source, ...] = ()
    verified: bool = True
    note: str | None = None
    candidates: tuple[tuple[str, int], ...] = ()
    present_not_voting: int | None = None
    round: int = 1
    adjudications: tuple[Adjudication, ...] = ()
    invalid: int | None = None
    defectors: int | None = None

    def __post_init__(self) -> None:
        plain_counts(self, "yes", "no", "abstain", "absent", "present_not_voting", "invalid", "candidates", "round",
                     "defectors")
        plain_dates(self, "date")

    def in_words(self) -> str:
        """Every count the division has, as the record gives them: an election's ballots by candidate
        (``"Shigeru Ishiba 221, Yoshihiko Noda 160, 84 invalid"``), a motion's for and against (``"325 yes,
        289 no, 1 abstaining, 3 invalid, 12 absent"``); a count the record does not give is left out."""
        lead = [f"{name} {n}" for name, n in self.candidates] or [f"{self.yes} yes"]
        rest = ((None if self.candidates else self.no, "no"), (self.abstain, "abstaining"),
                (self.present_not_voting, "present not voting"), (self.invalid, "invalid"), (self.absent, "absent"))
        return ", ".join([*lead, *(f"{n} {words}" for n, words in rest if n is not None)])

    def overnamed(self) -> tuple[Overnamed, ...]:
        """Where the roll names more members than the count that holds them (:data:`ROLL_COUNTS`): a record
        at odds with itself. A count the division does not give bounds nothing, nor does a sum with it."""
        out = []
        for fields, options in ROLL_COUNTS:
            given = [getattr(self, f) for f in fields]
            if None in given:
                continue
            counted = sum(given)
            named = sum(1 for _, vote in self.votes if vote in options)
            if named > counted:
                out.append(Overnamed(fields, options, named, counted))
        return tuple(out)

    def counted(self) -> int:
        """The members the counts given hold, each once: the candidates' votes (an election's yes and no are
        among them) or the yes and no, with the abstaining, absent, present not voting and invalid given."""
        votes = max(sum(n for _, n in self.candidates), self.yes + (self.no or 0))
        return votes + sum(getattr(self, f) or 0 for f in ("abstain", "absent", "present_not_voting", "invalid"))

    def others(self) -> int | None:
        """An election whose ``no`` is left out: the votes of the candidates besides the yes (the candidates'
        votes less the yes), which hold those the roll names voting no; None where the division gives ``no``
        or names no candidates."""
        if not self.candidates or self.no is not None:
            return None
        return max(0, sum(n for _, n in self.candidates) - self.yes)

    def counted_words(self) -> str:
        """What an election's count of members (:meth:`counted`) is made of, in words (``"the candidates' 6
        votes and 1 abstaining"``); empty for a division with no candidates, whose count is the sum of its
        counts given."""
        if not self.candidates:
            return ""
        votes = sum(n for _, n in self.candidates)
        lead = ([f"the candidates' {votes} votes"] if votes >= self.yes + (self.no or 0)
                else [f"{self.yes} yes", *([] if self.no is None else [f"{self.no} no"])])
        parts = lead + [f"{n} {words}" for n, words in ((self.abstain, "abstaining"), (self.absent, "absent"),
                                                        (self.present_not_voting, "present not voting"),
                                                        (self.invalid, "invalid")) if n]
        return f"{', '.join(parts[:-1])} and {parts[-1]}" if len(parts) > 1 else parts[0]

    def unseated(self, sitting: int) -> Unseated | None:
        """Where the roll names more members than the counts left out can hold, with ``sitting`` members on the
        day (or the chamber's seats): together those counts are at most ``sitting`` less the counts given
        (:meth:`counted`), so a member the roll names whom no count given holds takes one of that room.
        Those named excused, paired or not voting fill what the absent (or the present not voting) given
        leaves after those named absent, and those named voting no in an election that leaves ``no`` out
        fill the other candidates' votes (:meth:`others`); the rest take room. None where the roll fits, and
        where the counts given already exceed ``sitting`` (refused as such)."""
        counted = self.counted()
        room = sitting - counted
        if room < 0:
            return None
        given = {"yes", *(f for f in ("no", "abstain", "absent", "present_not_voting") if getattr(self, f) is not None)}
        spare = self._spare()
        needing: list[int] = []
        fields: set[str] = set()
        for j, (_, vote) in enumerate(self.votes):
            ways = ROLL_FIELDS.get(vote, ())
            if set(ways) <= given:
                continue  # held by a count given alone (ROLL_COUNTS), or by none
            held = next((w for w in ways if spare.get(w, 0) > 0), None)
            if held is not None:
                spare[held] -= 1
                continue
            needing.append(j)
            fields.update(w for w in ways if w not in given)
        if len(needing) <= room:
            return None
        order = ("no", "abstain", "absent", "present_not_voting")
        return Unseated(tuple(f for f in order if f in fields), room, sitting, counted, tuple(needing))

    def _spare(self) -> dict[str, int]:
        """What a count given holds beyond those the roll names under it alone, for those named in a way it
        shares: the absent given after those named absent and the present not voting given (for those named
        excused, paired or not voting), and an election's other candidates' votes (for those named voting no
        where ``no`` is left out)."""
        spare: dict[str, int] = {}
        if self.absent is not None:
            spare["absent"] = self.absent - sum(1 for _, vote in self.votes if vote == "absent")
        if self.present_not_voting is not None:
            spare["present_not_voting"] = self.present_not_voting
        others = self.others()
        if others is not None:
            spare["no"] = others
        return spare

    def decisions(self, on: dt.date | None = None) -> tuple[Adjudication, ...]:
        """The adjudications made by ``on`` (all of them when None), oldest first."""
        return tuple(a for a in sorted(self.adjudications, key=lambda a: a.date) if on is None or a.date <= on)

    def as_adjudicated(self, on: dt.date | None = None, successor: str | None = None) -> Division | None:
        """The division as counted after the decisions made by ``on``; None when there are none. ``successor``:
        the motion's candidate, off whose votes an election's excluded votes come (:meth:`restated`)."""
        decisions = self.decisions(on)
        if not decisions:
            return None
        d = self
        for a in decisions:
            d = d._decided(a, successor)
        return d

    def restated(self, successor: str | None = None) -> tuple[tuple[int, Division, Division], ...]:
        """Each decision (its index in ``adjudications``), oldest first, with the division as counted just
        before it and once it is applied (those before it applied too): what a check of the counts as each
        decision found and left them reads. Votes a decision excludes from an election come off the motion's
        candidate, ``successor``, where it is among the candidates, else off the candidate whose votes are the
        yes before the decision (each of them, where several tie: a file is refused there)."""
        out = []
        d = self
        for i, a in sorted(enumerate(self.adjudications), key=lambda ia: ia[1].date):
            after = d._decided(a, successor)
            out.append((i, d, after))
            d = after
        return tuple(out)

    def _decided(self, a: Adjudication, successor: str | None = None) -> Division:
        """The division as counted after decision ``a``: its counts as restated, else its yes less the votes
        excluded (taken off the motion's candidate ``successor`` where it is among the candidates, else off
        the candidate whose votes are the yes)."""
        named = successor is not None and successor in dict(self.candidates)
        yes = a.yes if a.yes is not None else self.yes - a.excluded
        cands = a.candidates or tuple((n, c - a.excluded if (n == successor if named else c == self.yes) else c)
                                      for n, c in self.candidates)
        return replace(self, yes=yes, no=a.no if a.no is not None else self.no, candidates=cands, adjudications=(),
                       invalid=a.invalid if a.invalid is not None else self.invalid,
                       # a decision that excluded votes leaves no more defectors than yes votes
                       defectors=None if self.defectors is None else min(self.defectors, yes))
