"""The report's power table: exact Banzhaf values, checked by brute force over every coalition."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from itertools import combinations

from whipcount.model import Scenario
from whipcount.report import build_report
from whipcount.report.engines import PowerView, power_view


def _banzhaf_brute(weights: list[int], quota: int) -> list[Fraction]:
    n = len(weights)
    swings = [0] * n
    for r in range(n + 1):
        for coalition in combinations(range(n), r):
            total = sum(weights[i] for i in coalition)
            if total >= quota:
                for i in coalition:
                    if total - weights[i] < quota:
                        swings[i] += 1
    return [Fraction(s, sum(swings)) for s in swings]


def test_power_table_matches_brute_force_on_the_day_of_the_vote(pakistan: Scenario) -> None:
    pv = power_view(pakistan, dt.date(2022, 4, 10))
    assert isinstance(pv, PowerView)
    assert pv.quota == 172
    weights = [r.seats for r in pv.rows]
    assert sum(weights) == 342 - 1 - 1  # less the vacancy and Ayaz Sadiq, who presided and could not vote
    expected = _banzhaf_brute(weights, 172)
    got = [dict(r.indices)["Banzhaf"] for r in pv.rows]
    assert got == expected
    assert sum(dict(r.indices)["Shapley-Shubik"] for r in pv.rows) == 1


def test_the_report_shows_the_power_table(pakistan: Scenario) -> None:
    html = build_report(pakistan)
    assert 'id="power"' in html and "Shapley-Shubik" in html and "quota 172" in html


def _power_text(html: str) -> str:
    import re

    section = re.search(r'<section id="power".*?</section>', html, re.S)
    assert section is not None
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section.group(0))).replace("&#x27;", "'")


def test_the_power_table_says_why_its_votes_are_not_the_seat_charts(pakistan: Scenario) -> None:
    """The seat table and the hemicycle give the PML-N 84 seats on 10 April 2022; the power table gave it 83
    under the heading "Seats", and did not say that Ayaz Sadiq (PML-N) presided and could not vote: the
    game has 340 votes (342 seats, less the vacancy and his), as `whipcount power` says."""
    text = _power_text(build_report(pakistan))
    assert "Votes" in text and " Seats " not in text
    assert "quota 172 of 340 votes" in text
    assert "1 seat cannot vote by office (presiding over the vote after the Speaker resigned" in text
    assert "PML-N 83 " in text
