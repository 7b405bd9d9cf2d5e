"""A division's counts as the judgement reads them, and the words its reason gives them: the tally ("331 in
favour"), and who was there but is left out of a basis of the votes."""

from __future__ import annotations

from dataclasses import dataclass

from whipcount.rules.core import Threshold

__all__ = ["Counts", "left_out", "tally_words"]


@dataclass(frozen=True, slots=True)
class Counts:
    """A division's counts once candidates are read: yes (the leader's votes in an election) and the rest."""

    yes: int
    no: int | None
    abstain: int | None
    absent: int | None
    present_not_voting: int | None
    leader: str | None = None
    invalid: int | None = None

    @property
    def no_valid_vote(self) -> int:
        """Those present who cast no valid vote: declared present without voting, or an invalid ballot."""
        return (self.present_not_voting or 0) + (self.invalid or 0)


def left_out(th: Threshold, of: str, counts: Counts, abstain: int) -> str:
    """The basis in words (``of``), saying who was there but is not in it: on a basis of the votes for and
    against, those who abstained (a report often counts them among those who voted: of Spain's 29 October
    2016, "De los 349 diputados que han votado", beside the 281 for and against); on any basis of turnout,
    those present but not voting and the invalid votes, which count toward a quorum only ("the 281 votes cast
    (the 68 abstaining left out)", "the 381 votes cast (the 84 invalid votes left out)")."""
    if not th.depends_on_turnout:
        return of
    out = [f"the {abstain} abstaining"] if abstain and th.basis in ("votes-cast", "present-and-voting") else []
    out += [f"the {counts.present_not_voting} present but not voting"] if counts.present_not_voting else []
    out += [f"the {counts.invalid} invalid vote{'' if counts.invalid == 1 else 's'}"] if counts.invalid else []
    if not out:
        return of
    note = " and ".join(out) + " left out"
    return f"{of[:-1]}; {note})" if of.endswith(")") else f"{of} ({note})"


def tally_words(counts: Counts, counted_yes: int, round: int, among: int = 2, plurality: bool = False) -> str:
    """The counts as the reason opens with them: ``"174 in favour, 0 against"``, an election's leader (and in a
    run-off the runner-up), those abstaining, present not voting and the invalid votes."""
    if counts.leader is not None:
        rest = (f", runner-up {counts.no or 0}" if among <= 2 or plurality
                else f", the other {among - 1} together {counts.no or 0}")
        return f"{counts.leader} {counted_yes}" + (rest if round == 2 else "") + _invalid_words(counts)
    return (f"{counted_yes} in favour" + (f", {counts.no} against" if counts.no is not None else "")
            + (f", {counts.abstain} abstaining" if counts.abstain else "")
            + (f", {counts.present_not_voting} present not voting" if counts.present_not_voting else "")
            + _invalid_words(counts))


def _invalid_words(counts: Counts) -> str:
    return f", {counts.invalid} invalid vote{'' if counts.invalid == 1 else 's'}" if counts.invalid else ""
