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


CHAIR_SCENARIO = """\
chamber:
  name: A fictional Commons
  rules: {rules}
  seats: 642
  as_of: 2024-01-01
  sides: [government, opposition, other]
  speaker: {{name: Mr Speaker, party: con, source: "https://example.org/speaker"}}
parties:
  - {{id: con, name: Conservative, short: Con, seats: 320, side: government, source: "https://example.org/a"}}
  - {{id: lab, name: Labour, short: Lab, seats: 319, side: opposition, source: "https://example.org/a"}}
  - {{id: ind, name: Independents, short: Ind, seats: 3, side: other, source: "https://example.org/a"}}
motion: {{kind: no-confidence, target: The PM, filed: 2024-02-01, vote: 2024-02-05}}
stance_probabilities: {{yes: 1.0, no: 0.0}}
"""


def _p_pass_by_enumeration(no_voters: int) -> float:
    # 319 yes for certain, ``no_voters`` no for certain, three independents each yes with 1/2 (cohesion 0):
    # more yes than no passes; a tie goes to the chair's casting vote, against the motion (Denison)
    total = 0.0
    for votes in range(8):
        k = bin(votes).count("1")
        total += (319 + k > no_voters + 3 - k) / 8
    return total


@pytest.mark.parametrize(("rules", "no_voters"), [("gb-hc", 319), ("ca-hc", 319), ("nz-hr", 320)])
def test_a_chair_with_only_a_casting_vote_does_not_vote_with_the_party(  # type: ignore[no-untyped-def]
    run_cli, write_scenario, rules: str, no_voters: int
) -> None:
    """The Commons' and Canada's Speaker vote only in a tie, so the Speaker's party casts 319 noes, not 320;
    New Zealand's Speaker votes with the party (and a tie fails), so the 320 noes stand."""
    path = str(write_scenario(CHAIR_SCENARIO.format(rules=rules)))
    r = run_cli("forecast", path, "--cohesion", "0", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["p_pass"] == pytest.approx(_p_pass_by_enumeration(no_voters))
    count = json.loads(run_cli("count", path, "--json").out)
    chair = [p for p in count["positions"] if p["key"] == "chair"]
    assert count["committed_no"] == no_voters
    if no_voters == 319:
        assert len(chair) == 1 and chair[0]["stance"] == "absent" and chair[0]["seats"] == 1
        assert any("votes only to break a tie" in n for n in count["notes"])
    else:
        # no note of a chair out of the vote; only that this toy chamber is not New Zealand's size
        assert chair == [] and count["notes"] == [
            "the scenario's chamber has 642 seats where the rules profile 'nz-hr' fixes 123 on 2024-02-05: the "
            "scenario's are counted"]


def test_a_tie_with_the_chair_out_goes_to_the_casting_vote(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    # with the Speaker out, 319 noes against 319 yes and one independent: yes with 1/2 passes (320-319),
    # no with 1/2 is 319-320: P = 1/2; absent independents would tie, and Denison's rule fails a tie
    text = CHAIR_SCENARIO.format(rules="gb-hc").replace("seats: 3, side: other", "seats: 1, side: other")
    path = str(write_scenario(text.replace("seats: 642", "seats: 640")))
    assert json.loads(run_cli("forecast", path, "--json").out)["p_pass"] == pytest.approx(0.5)
    tie = text.replace("seats: 642", "seats: 640") + (
        'stances:\n  - {date: 2024-02-02, party: ind, stance: absent, source: "https://example.org/s"}\n')
    assert json.loads(run_cli("forecast", str(write_scenario(tie, "tie.yaml")), "--json").out)["p_pass"] == 0.0


def test_the_power_game_leaves_the_chair_out_too(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    """The game the Commons plays without its Speaker: 641 voters (the Conservatives 319), a majority of
    the votes cast if all vote is 321; Banzhaf swings by brute force over the three players."""
    import itertools
    from fractions import Fraction

    path = str(write_scenario(CHAIR_SCENARIO.format(rules="gb-hc")))
    data = json.loads(run_cli("power", path, "--json", "--index", "banzhaf").out)
    assert data["quota"] == 321 and "Mr Speaker presides and votes only in a tie" in data["explanation"]
    weights = dict(zip(data["players"], data["weights"], strict=True))
    assert weights["con"] == 319 and weights["lab"] == 319 and sum(weights.values()) == 641
    names, w = list(weights), list(weights.values())
    swings = dict.fromkeys(names, 0)
    for mask in itertools.product((0, 1), repeat=len(w)):
        total = sum(x * y for x, y in zip(w, mask, strict=True))
        for name, x, y in zip(names, w, mask, strict=True):
            swings[name] += bool(y) and total >= 321 > total - x
    got = dict(zip(data["players"], (Fraction(v["exact"]) for v in data["indices"]["banzhaf"]), strict=True))
    assert got == {n: Fraction(s, sum(swings.values())) for n, s in swings.items()}
    nz = json.loads(run_cli("power", str(write_scenario(CHAIR_SCENARIO.format(rules="nz-hr"), "nz.yaml")),
                            "--json").out)
    assert nz["quota"] == 322 and dict(zip(nz["players"], nz["weights"], strict=True))["con"] == 320
