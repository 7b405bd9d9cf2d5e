"""Shared pieces for the built-in profiles: the usual thresholds, written once."""

from __future__ import annotations

from fractions import Fraction

from whipcount.rules.core import LegalSource, Threshold

HALF = Fraction(1, 2)


def majority_of_total(source: LegalSource | None = None, note: str | None = None, *,
                      vacancies_verified: bool = True) -> Threshold:
    """More than half of the total membership (vacancies included); ``source``/``note`` say why;
    ``vacancies_verified`` False where no source says whether a vacancy lowers the bar."""
    return Threshold("total", HALF, strict=True, basis_source=source, basis_note=note,
                     vacancies_verified=vacancies_verified)


def majority_of_sitting(source: LegalSource | None = None, note: str | None = None) -> Threshold:
    """More than half of the members in office (vacant seats left out); ``source``/``note`` say why."""
    return Threshold("sitting", HALF, strict=True, basis_source=source, basis_note=note)


DENISON = ("Speaker Denison's rule: the Chair votes to leave a question open for further decision and "
           "never to make a final decision a majority has not made, so against a motion of confidence or "
           "no confidence")


def simple_majority(*, casting: LegalSource | None = None, convention: str | None = "no",
                    why: str | None = DENISON) -> Threshold:
    """More yes than no among the votes cast; with ``casting``, a tie goes to the chair's casting vote,
    given by ``convention`` for the reason ``why``."""
    if casting is None:
        return Threshold("votes-cast", HALF, strict=True)
    return Threshold("votes-cast", HALF, strict=True, tie="casting-vote", tie_convention=convention,
                     tie_source=casting, tie_note=why if convention else None)
