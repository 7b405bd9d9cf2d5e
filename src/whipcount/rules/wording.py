"""Rules in words: the phrases a threshold, a basis or a period of validity is explained with.

Shared by the value types of :mod:`whipcount.rules.core` and the explanations of what a motion needs.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

__all__ = ["NOT_FOR", "VOTES_RECORDED", "basis_noun", "fraction_words", "named_effect", "not_recorded_note",
           "percent", "poll_label", "recorded_words", "seats_words", "span", "stance_words", "switch_words",
           "vacancies_counted", "vacancies_verified_for", "vacancy_basis", "vacancy_keys"]

VOTES_RECORDED: tuple[str, ...] = ("all", "yes-only")
"""Which votes a division of a motion records: every vote (``all``), or only the votes for it (``yes-only``:
France's motion de censure, Art. 49(2), "Seuls sont recensés les votes favorables"), where no member votes
no: the others do not vote for it, and the bar is a number of yes votes whatever they do."""

NOT_FOR = "not for"
"""A member who does not vote for a motion under which only the votes for it are recorded: never "no"."""

_NOT_FOR_STANCES = {"no": NOT_FOR, "lean-no": f"leaning {NOT_FOR}"}


def span(start: dt.date | None, end: dt.date | None) -> str:
    """A half-open period ``[start, end)`` in words: its first and last day ("..." and "today" when open; a
    period ending on the calendar's first day holds none)."""
    a = start.isoformat() if start else "..."
    if end == dt.date.min:
        return f"{a} to none (it ends on {end.isoformat()})"
    b = (end - dt.timedelta(days=1)).isoformat() if end else "today"
    return f"{a} to {b}"


def basis_noun(basis: str) -> str:
    """What a threshold's basis counts, as a noun phrase ("the total membership")."""
    return {
        "votes-cast": "the votes cast",
        "present-and-voting": "the members present and voting",
        "present": "the members present (abstentions count against)",
        "sitting": "the sitting members",
        "total": "the total membership",
        "plurality": "the most votes (more than the runner-up)",
    }[basis]


def vacancies_counted(basis: str | None) -> bool | None:
    """Whether a basis counts the vacant seats: True for the total membership (a vacancy does not lower the
    bar), False for the sitting members (it does), None where the bar is a share of votes or of the members
    present, which vacant seats have no part in."""
    return {"total": True, "sitting": False}.get(basis or "")


def vacancy_basis(basis: str, floor_basis: str | None = None) -> str | None:
    """The membership basis vacant seats reach a bar through: the bar's own (``total``, ``sitting``); on a
    turnout basis, its floor's, where it has one (the yes votes must reach a share of the membership too); None
    where they have no part in it (a share of the votes cast or of the members present, with no floor)."""
    if basis in ("total", "sitting"):
        return basis
    return floor_basis if floor_basis in ("total", "sitting") else None


def vacancies_verified_for(basis: str, verified: bool | None, floor_basis: str | None = None) -> bool | None:
    """A bar's ``vacancies_verified`` as every output gives it: None where vacant seats have no part in the bar
    (no membership basis, no floor on one: not applicable), else whether a source settles how they count,
    ``verified`` (None there reads as the default, settled).

    >>> vacancies_verified_for("votes-cast", True), vacancies_verified_for("total", False)
    (None, False)
    >>> vacancies_verified_for("votes-cast", False, "total"), vacancies_verified_for("sitting", None)
    (False, True)
    """
    if vacancy_basis(basis, floor_basis) is None:
        return None
    return verified is not False


def vacancy_keys(basis: str, verified: bool | None, floor_basis: str | None = None) -> dict[str, bool | None]:
    """The two keys every ``--json`` and CSV gives beside a bar, and ``rules show`` beside each poll, from this
    one place: ``vacancies_counted``, whether the vacant seats are in the membership the bar (or its floor) is a
    share of (:func:`vacancies_counted` of :func:`vacancy_basis`), and ``vacancies_verified``, whether a source
    settles that (the threshold's ``vacancies_verified``: false where the profile marks it unverified). Both are
    None where vacant seats cannot change the bar (no membership basis, no floor on one): not applicable, rather
    than settled or unsettled."""
    return {"vacancies_counted": vacancies_counted(vacancy_basis(basis, floor_basis)),
            "vacancies_verified": vacancies_verified_for(basis, verified, floor_basis)}


def seats_words(n: int, what: str = "") -> str:
    """``"1 vacant seat"``, ``"3 vacant seats"`` (``what``: the adjective, or none)."""
    return f"{n} {what + ' ' if what else ''}seat{'' if n == 1 else 's'}"


_WORDS = {
    Fraction(1, 2): "one half",
    Fraction(1, 3): "one third",
    Fraction(2, 3): "two thirds",
    Fraction(1, 4): "one quarter",
    Fraction(3, 4): "three quarters",
    Fraction(3, 5): "three fifths",
    Fraction(2, 5): "two fifths",
    Fraction(1, 5): "one fifth",
    Fraction(1, 10): "one tenth",
}


def fraction_words(f: Fraction) -> str:
    """A fraction in words ("two thirds"), or as ``n/d`` where it has no common name."""
    return _WORDS.get(f, f"{f.numerator}/{f.denominator}")


def percent(f: Fraction) -> str:
    """A fraction as a percentage ("20 %", "12.5 %")."""
    p = f * 100
    return f"{p.numerator} %" if p.denominator == 1 else f"{float(p):g} %"


def named_effect(effect: str, who: str) -> str:
    """The effect with the person elected named: "the member is elected Prime Minister" -> "Shehbaz Sharif
    is elected Prime Minister" (the profiles call the one elected the candidate, member, person or successor)."""
    for word in ("candidate", "member", "person", "successor"):
        if effect.startswith(f"the {word} is "):
            return who + effect.removeprefix(f"the {word}")
    return effect


def poll_label(kind: str, round: int, has_runoff: bool) -> str:
    """Which vote the explanation judged: an election's first poll or run-off, another motion's first or
    second vote; nothing where the motion has a single vote."""
    if round == 1 and not has_runoff:
        return ""
    if kind == "pm-election":
        return "first poll: " if round == 1 else "run-off: "
    return "first vote: " if round == 1 else "second vote: "


def stance_words(stance: str, recorded: str = "all") -> str:
    """A stance as the whip count names it: its id (``lean-no``), but where only the votes for the motion are
    recorded (``recorded`` ``yes-only``) a no is ``not for`` and a lean no ``leaning not for``."""
    return _NOT_FOR_STANCES.get(stance, stance) if recorded == "yes-only" else stance


def switch_words(to_yes: bool, recorded: str = "all", *, plural: bool = False) -> str:
    """What a bloc does when it turns: ``votes yes``, ``votes no``; ``does not vote for`` where only the votes
    for the motion are recorded (``recorded`` ``yes-only``). ``plural``: ``vote yes``, ``do not vote for``."""
    if to_yes:
        return "vote yes" if plural else "votes yes"
    if recorded == "yes-only":
        return f"{'do' if plural else 'does'} not vote for"
    return "vote no" if plural else "votes no"


def recorded_words(recorded: str) -> str:
    """Which votes a division records, in words (``rules show``)."""
    if recorded == "yes-only":
        return ("only the votes for the motion: the others do not vote for it, and no vote against, abstention "
                "or absence is recorded")
    return "every vote: for, against, abstaining"


def not_recorded_note(recorded: str, no: int | None, abstain: int | None, article: str) -> str:
    """Where only the votes for the motion are recorded, what is said of the noes and abstentions a division
    gives beside them: that they are not recorded under the rule (and so change nothing); "" elsewhere, or
    where it gives none."""
    given = [f"{n} {what if n == 1 else plural}" for n, what, plural in ((no, "no", "noes"),
                                                                          (abstain, "abstention", "abstentions")) if n]
    if recorded != "yes-only" or not given:
        return ""
    return (f"{' and '.join(given)} given beside the votes for are not recorded under {article}: only the votes "
            "for the motion are, so they do not count toward the bar")
