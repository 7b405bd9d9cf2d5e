"""``whipcount count`` and ``forecast`` on a chamber with a quorum where abstainers are present: Belgium's
Chamber on a question of confidence, a majority of the votes cast with a majority of its 150 members present
(Art. 53 of the Constitution: 76). Abstainers are in the chamber, so they count toward the quorum."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

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


def test_abstainers_who_may_vote_yes_under_the_quorum_are_refused_in_one_line(
        write_scenario: Callable[..., Path], run_cli: Callable[..., CliResult]) -> None:
    done = run_cli("forecast", str(_scenario(write_scenario, 10, 0, 70, "p_yes: 0.3, ")))
    assert done.code != 0 and "Traceback" not in done.err
    (line,) = done.err.strip().splitlines()
    assert "'abs' (Abstainers)" in line and "quorum of 76" in line and "p_yes to 0 or 1" in line
