"""Casting votes by convention: on a tie the chair votes as the chamber's convention says, the explanation
says which way and why, and ``--casting-vote`` overrides it. Westminster's rule (Erskine May, "casting vote
of the Chair"): Speaker Denison's rule, never to make a final decision a majority has not made."""

from __future__ import annotations

import json

import pytest

from whipcount.rules import all_constitutions, judge

CONVENTIONS = [(c.id, m.kind) for c in all_constitutions() if c.origin == "built-in" for m in c.motions
               if m.threshold.tie == "casting-vote" and m.threshold.tie_convention is not None]


def test_every_convention_says_why() -> None:
    assert {"gb-hc", "ca-hc", "in-ls"} <= {rid for rid, _ in CONVENTIONS}
    for rid, kind in CONVENTIONS:
        c = next(c for c in all_constitutions() if c.id == rid)
        th = next(m for m in c.motions if m.kind == kind).threshold
        assert th.tie_note and th.tie_source is not None, (rid, kind)


@pytest.mark.parametrize("rid,kind", CONVENTIONS)
def test_a_tie_goes_by_the_convention_and_says_why(rid: str, kind: str) -> None:
    o = judge(rid, kind, yes=300, no=300, seats=650)
    assert o.tie and o.passed is False  # Denison: against the motion
    assert "by convention" in o.explanation and "Denison" in o.explanation
    assert "against the motion" in o.explanation
    given = judge(rid, kind, yes=300, no=300, seats=650, casting_vote="yes")
    assert given.passed is True and "as given" in given.explanation and "for the motion" in given.explanation
    assert "by convention" not in given.explanation
    assert judge(rid, kind, yes=301, no=300, seats=650).tie is False


def test_the_casting_vote_option_on_the_command_line(run_cli) -> None:  # type: ignore[no-untyped-def]
    base = ["outcome", "--rules", "gb-hc", "--motion", "no-confidence", "--yes", "310", "--no", "310", "--json"]
    assert json.loads(run_cli(*base).out)["passed"] is False
    assert json.loads(run_cli(*base, "--casting-vote", "yes").out)["passed"] is True
