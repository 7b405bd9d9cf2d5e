"""Hypothesis strategies for the interchange tests: a motion's recorded division, with the later decisions on
it, that a loader takes (counts within the members sitting, a roll within its counts, decisions that change
something)."""

from __future__ import annotations

import dataclasses

from hypothesis import strategies as st

from strategies_text import dates, line, maybe_text, sources
from whipcount.model import VOTE_OPTIONS, Adjudication, Division


@st.composite
def adjudications(draw: st.DrawFn, yes: int, sitting: int) -> tuple[Adjudication, ...]:
    """Later decisions on a division: each changes something (excluded yes votes, or restated counts)."""
    out = []
    for _ in range(draw(st.integers(0, 2))):
        excluded = draw(st.integers(0, yes))
        restated = None if excluded else draw(st.none() | st.integers(0, sitting))
        no = draw(st.none() | st.integers(0, sitting))
        candidates = tuple(draw(st.dictionaries(line, st.integers(0, sitting // 2), max_size=2)).items())
        if not excluded and restated is None and no is None and not candidates:
            restated = yes
        out.append(Adjudication(date=draw(dates), by=draw(line), summary=draw(st.just("") | line),
                                excluded=excluded, yes=restated, no=no, candidates=candidates,
                                sources=draw(sources), note=draw(maybe_text),
                                invalid=draw(st.none() | st.integers(0, sitting))))
    return tuple(out)


@st.composite
def divisions(draw: st.DrawFn, sitting: int, always_seated: list[str], polls: list[int], seats: int) -> Division:
    """A division of at most ``sitting`` members, its roll naming some of ``always_seated`` (members who sit
    on every day), in one of the rounds ``polls`` the motion's rule has, its candidates' votes within ``seats``
    and, with its other counts, within ``sitting`` (the roll is cut to its counts once the counts are final:
    :func:`within_counts`)."""
    counts = draw(st.lists(st.none() | st.integers(0, sitting), min_size=3, max_size=3))
    yes = draw(st.integers(0, sitting))
    total = yes + sum(c or 0 for c in counts)
    if total > sitting:
        counts = [None, None, None]
    voters = (draw(st.lists(st.sampled_from(always_seated), unique=True, max_size=3))
              if always_seated else [])
    total = yes + sum(c or 0 for c in counts)
    present_not_voting = draw(st.none() | st.integers(0, sitting - total))
    invalid = draw(st.none() | st.integers(0, sitting - total - (present_not_voting or 0)))
    # the candidates' votes hold the yes and no: with the other counts they fit the members sitting (a loader
    # refuses more), so they add up to at most the yes and no and what the other counts leave
    budget = sitting - total - (present_not_voting or 0) - (invalid or 0) + yes + (counts[0] or 0)
    candidates = draw(st.dictionaries(line, st.integers(0, min(seats, budget) // 2), max_size=2))
    if candidates and max(candidates.values()) < yes:
        # an election's yes is one candidate's votes: at most the most a candidate has (a loader refuses more)
        first = next(iter(candidates))
        candidates[first] = yes
        if sum(candidates.values()) > min(seats, budget):
            candidates = {first: yes}
    division = Division(
        yes=yes, no=counts[0], abstain=counts[1], absent=counts[2], date=draw(st.none() | dates),
        present_not_voting=present_not_voting,
        invalid=invalid,
        round=draw(st.sampled_from(polls)), adjudications=draw(adjudications(yes, sitting)),
        votes=tuple((v, draw(st.sampled_from(VOTE_OPTIONS))) for v in voters),
        sources=draw(sources), verified=draw(st.booleans()), note=draw(maybe_text),
        candidates=tuple(candidates.items()),
    )
    return within_decisions(division)


def within_decisions(division: Division) -> Division:
    """``division`` with each decision, in date order, fitted to the counts as the decisions before it left
    them (a loader refuses what does not fit: :meth:`Division.restated`). Votes it excludes are at most the yes
    before it (cut to that yes; a yes of 0 is restated instead). Votes excluded from an election come off the
    one candidate whose votes are the yes: where none, or several, have that many, the decision restates the
    candidates as it found them. A decision that leaves its yes above the most votes a candidate has restates
    the candidates, the first with its yes. The motion drawn for it names no candidate as its successor, so
    no yes is held to one candidate's votes."""
    adjudications = list(division.adjudications)
    before = division
    for i in sorted(range(len(adjudications)), key=lambda k: adjudications[k].date):
        a = adjudications[i]
        if a.excluded > before.yes:
            a = dataclasses.replace(a, excluded=before.yes, yes=None if before.yes else 0)
        if (a.excluded and not a.candidates and before.candidates
                and sum(v == before.yes for _, v in before.candidates) != 1):
            a = dataclasses.replace(a, candidates=before.candidates)
        after = dataclasses.replace(before, adjudications=(a,)).as_adjudicated()
        assert after is not None
        if after.candidates and after.yes > max(v for _, v in after.candidates):
            first = after.candidates[0][0]
            a = dataclasses.replace(a, candidates=tuple(
                (name, after.yes if name == first else votes) for name, votes in after.candidates))
            after = dataclasses.replace(before, adjudications=(a,)).as_adjudicated()
            assert after is not None
        adjudications[i] = a
        before = after
    return dataclasses.replace(division, adjudications=tuple(adjudications))


def within_counts(division: Division, sitting: int) -> Division:
    """``division`` with its roll cut to name no more members one way than the counts that hold them, and no
    more whom no count given holds than the ``sitting`` members on its day (the chamber's seats, undated) less
    those counted (a loader refuses more: :meth:`Division.overnamed`, :meth:`Division.unseated`)."""
    kept: tuple[tuple[str, str], ...] = ()
    for vote in division.votes:
        trial = dataclasses.replace(division, votes=(*kept, vote))
        if not trial.overnamed() and trial.unseated(sitting) is None:
            kept = (*kept, vote)
    return dataclasses.replace(division, votes=kept)
