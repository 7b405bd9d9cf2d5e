"""``whipcount count`` and ``forecast`` on a chamber with a quorum where abstainers are present: Belgium's
Chamber on a question of confidence, a majority of the votes cast with a majority of its 150 members present
(Art. 53 of the Constitution: 76). Abstainers are in the chamber, so they count toward the quorum."""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult


def _scenario(write_scenario: Callable[..., Path], abstaining: int, undecided: int, away: int,
              extra: str = "") -> Path:
    und = f"  - {{id: und, name: Undecided, seats: {undecided}, side: other}}\n" if undecided else ""
    und_stance = "  - {date: 2020-01-20, party: und, stance: undecided, source: 'https://example.org/a'}\n"
    return write_scenario(
        "chamber: {name: Chamber, rules: be-ch, seats: 150, as_of: 2020-01-01}\n"
        "parties:\n"
        "  - {id: gov, name: Government, seats: 40, side: government}\n"
        "  - {id: opp, name: Opposition, seats: 30, side: opposition}\n"
        f"  - {{id: abs, name: Abstainers, seats: {abstaining}, side: other}}\n"
        f"{und}"
        f"  - {{id: away, name: Away, seats: {away}, side: other}}\n"
        "motion: {kind: confidence, moved: 2020-02-01, vote: 2020-02-03}\n"
        "stances:\n"
        f"  - {{date: 2020-01-20, party: abs, stance: abstain, {extra}source: 'https://example.org/a'}}\n"
        f"{und_stance if undecided else ''}"
        "  - {date: 2020-01-20, party: away, stance: absent, source: 'https://example.org/a'}\n")


def test_members_expected_present_include_the_abstainers(write_scenario: Callable[..., Path],
                                                         run_cli: Callable[..., CliResult]) -> None:
    """40 for, 30 against and 4 abstaining: 74 in the chamber, two short of 76."""
    done = run_cli("count", str(_scenario(write_scenario, 4, 0, 76)))
    assert done.code == 0, done.err
    text = " ".join(done.out.split())
    assert "at most 74 members are expected to be present, 2 short of the quorum of 76" in text


def test_committed_abstainers_help_the_committed_votes_make_the_quorum(
        write_scenario: Callable[..., Path], run_cli: Callable[..., CliResult]) -> None:
    """40 for, 30 against, 6 abstaining: the committed alone are 76 present, the quorum, and 40 of 70 votes
    cast carry it; nothing is short of the quorum."""
    done = run_cli("count", str(_scenario(write_scenario, 6, 4, 70)))
    assert done.code == 0, done.err
    text = " ".join(done.out.split())
    assert "committed yes 40 against committed no 30: carried if the other 4 do not vote" in text
    assert "short of the quorum" not in text


def test_abstainers_who_may_vote_yes_under_the_quorum_are_weighed(
        write_scenario: Callable[..., Path], run_cli: Callable[..., CliResult]) -> None:
    """40 for (each lost with 2 %), 30 against (each 1 % for), 6 abstaining who may each vote yes (30 %), 74
    away; every member on their own (the default cohesion of those stances is 0). Summed by hand over
    binomials: an abstainer who votes yes is present either way, a government member lost is not, and the
    motion needs more yes than no with 76 present."""
    done = run_cli("forecast", str(_scenario(write_scenario, 6, 0, 74, "p_yes: 0.3, ")), "--json")
    assert done.code == 0, done.err
    want = 0.0
    for gov, opp, abst in itertools.product(range(41), range(31), range(7)):
        p = _binom(40, gov, 0.98) * _binom(30, opp, 0.01) * _binom(6, abst, 0.3)
        if gov + 30 + 6 >= 76 and gov + opp + abst > 30 - opp:
            want += p
    assert 0.05 < want < 0.95
    assert json.loads(done.out)["p_pass"] == pytest.approx(want, abs=1e-12)


def _binom(n: int, k: int, p: float) -> float:
    return math.comb(n, k) * p**k * (1 - p) ** (n - k)
