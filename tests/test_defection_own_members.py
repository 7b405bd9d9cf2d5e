"""Members who did not cross the floor and may vote against their own party's direction, under Art. 63A.

The Supreme Court's opinion of 17 May 2022 (in force until its review of 3 October 2024) does not count the vote
of a member of a parliamentary party cast contrary to the party's direction: every member's, not only those who
crossed the floor. The party's direction is the stance of its largest position on its own side; a smaller
position standing otherwise (two members leaning yes in a party against the motion), and the largest position's
own chance of a contrary vote (a party leaning no: its yes; a party not to vote: any vote), have that vote set
apart (present, not voting), as crossed members' are. Where the rule counts such votes nothing changes.

Every truth below is worked out by hand (the arithmetic in each docstring), or by enumerating every way each
member can vote (yes, no or away) with the model's probabilities and, for a group acting as one, every stretch of
the shared draw; each vote against its party's direction is then left out where the rule says so.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from conftest import CliResult
from test_defection_leaning import COHESION, COUNTED, NOT_COUNTED, VOTES_CAST, _votes
from test_defection_swing import _expect, _shift
from test_defection_with_party import _stretches
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count, p_pass_exact, simulate

CHAMBER = """\
id: own-members
title: A small chamber whose members may vote against their own party
chamber: {{name: Test Chamber, rules: {rules}, seats: {seats}, vacancies: 0, as_of: 2022-01-01}}
parties:
  - {{id: gov, name: Government Party, short: Gov, seats: {gov}, side: government, source: "https://example.org/g"}}
  - {{id: opp, name: Opposition Party, short: Opp, seats: {opp}, side: opposition, source: "https://example.org/o"}}
motion: {{kind: {kind}, target: The Prime Minister, moved: {moved}, vote: {vote}}}
stances:
{stances}"""

COHESION_ALL = {**COHESION, "abstain": 0.0, "absent": 0.0}
AWAY = ("yes", "abstain", "absent")
"""Stances whose members who do not vote yes cast no vote (stay away or abstain)."""


def _entry(party: str, side: str, stance: str, p: float | None, *, seats: int | None = None,
           date: str = "2023-01-01") -> str:
    part = f", seats: {seats}" if seats is not None else ""
    chance = f", p_yes: {p}" if p is not None else ""
    return (f"  - {{date: {date}, party: {party}, side: {side}{part}, stance: {stance}{chance}, "
            f"source: \"https://example.org/s\"}}")


def _write(tmp_path: Path, *, kind: str, basis: str, counted: bool, holder: tuple[int, str, float | None],
           part: tuple[int, str, float | None] | None, opp: tuple[int, str, float | None]) -> Path:
    """gov's largest position (``holder``: seats, stance, p_yes), a smaller one of its own on its side (``part``,
    dated a day later), and the opposition (``opp``); a majority of the total membership (Pakistan's rules) or of
    the votes cast."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    gov = holder[0] + (part[0] if part else 0)
    seats = gov + opp[0]
    rules = "pk-na"
    if basis == "votes-cast":
        (tmp_path / "rules.yaml").write_text(VOTES_CAST.format(seats=seats, kind=kind, quorum=""), encoding="utf-8")
        rules = "rules.yaml"
    lines = [_entry("gov", "government", holder[1], holder[2])]
    if part:
        lines.append(_entry("gov", "government", part[1], part[2], seats=part[0], date="2023-01-02"))
    lines.append(_entry("opp", "opposition", opp[1], opp[2]))
    when = COUNTED if counted else NOT_COUNTED
    path = tmp_path / "scenario.yaml"
    path.write_text(CHAMBER.format(rules=rules, seats=seats, gov=gov, opp=opp[0], kind=kind, moved=when[0],
                                   vote=when[1], stances="\n".join(lines) + "\n"), encoding="utf-8")
    return path


def _json(r: CliResult) -> dict:  # type: ignore[type-arg]
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def _exact(path: Path) -> float:
    return p_pass_exact(model_from_count(count_scenario(load_scenario(path))))[0]


# hand-worked chambers -----------------------------------------------------------------------------------------

# No-confidence: gov's 3 certain no (no chance of a yes: nothing to set apart), 2 of gov leaning yes (3 in 4,
# acting as one half the time) against their party's direction, the opposition's 4 certain yes; 9 seats.
# Total membership, 5 of 9: their yes not counted, the opposition's 4 never reach it: 0 (counted: one of the
# two, 0.5 * 0.75 + 0.5 * (1 - 0.25 ** 2) = 0.84375). Votes cast: k of them voting yes (set apart) leaves
# 4 yes to 3 + (2 - k) no, so both must: 0.5 * 0.75 + 0.5 * 0.75 ** 2 = 0.65625 (counted: 4 + k > 5 - k needs
# one, 0.84375).
TWO_POSITIONS = {"kind": "no-confidence", "holder": (3, "no", 0.0), "part": (2, "lean-yes", None),
                 "opp": (4, "yes", 1.0)}
# No-confidence: gov's 3 leaning no (a yes 1 in 4, half the time as one) hold its direction, the opposition's
# 2 certain yes; 5 seats. Total membership, 3 of 5: their yes not counted: 0 (counted: h >= 1 of them,
# 0.5 * 0.25 + 0.5 * (1 - 0.75 ** 3) = 0.4140625). Votes cast: 2 yes to 3 - h no needs h >= 2 yes set apart:
# 0.5 * 0.25 + 0.5 * (3 * 0.25 ** 2 * 0.75 + 0.25 ** 3) = 0.203125 (counted: 2 + h > 3 - h, h >= 1, 0.4140625).
HOLDER_LEANS = {"kind": "no-confidence", "holder": (3, "lean-no", None), "part": None, "opp": (2, "yes", 1.0)}
# No-confidence: gov's direction is to abstain (4 abstain), 3 of gov lean no, the opposition's 3 certain yes;
# 10 seats. Any vote of the three is against a direction not to vote: set apart. Total membership, 6 of 10:
# 0 (counted: all three yes, 0.5 * 0.25 + 0.5 * 0.25 ** 3 = 0.1328125). Votes cast: 3 yes to no counted no: 1
# (counted: 3 + k > 3 - k needs one yes, 0.5 * 0.25 + 0.5 * (1 - 0.75 ** 3) = 0.4140625).
ABSTAIN = {"kind": "no-confidence", "holder": (4, "abstain", None), "part": (3, "lean-no", None),
           "opp": (3, "yes", 1.0)}

HAND = [
    ("two-positions", TWO_POSITIONS, "total", 0.0, 0.5 * 0.75 + 0.5 * (1 - 0.25 ** 2)),
    ("two-positions", TWO_POSITIONS, "votes-cast", 0.5 * 0.75 + 0.5 * 0.75 ** 2, 0.5 * 0.75 + 0.5 * (1 - 0.25 ** 2)),
    ("holder-leans", HOLDER_LEANS, "total", 0.0, 0.5 * 0.25 + 0.5 * (1 - 0.75 ** 3)),
    ("holder-leans", HOLDER_LEANS, "votes-cast", 0.5 * 0.25 + 0.5 * (3 * 0.25 ** 2 * 0.75 + 0.25 ** 3),
     0.5 * 0.25 + 0.5 * (1 - 0.75 ** 3)),
    ("abstain", ABSTAIN, "total", 0.0, 0.5 * 0.25 + 0.5 * 0.25 ** 3),
    ("abstain", ABSTAIN, "votes-cast", 1.0, 0.5 * 0.25 + 0.5 * (1 - 0.75 ** 3)),
]


@pytest.mark.parametrize(("name", "chamber", "basis", "apart", "counted"), HAND, ids=[f"{h[0]}-{h[2]}" for h in HAND])
def test_hand_worked_chambers(tmp_path: Path, run_cli: Callable[..., CliResult], name: str,
                              chamber: dict[str, object], basis: str, apart: float, counted: float) -> None:
    path = _write(tmp_path / "apart", basis=basis, counted=False, **chamber)  # type: ignore[arg-type]
    assert _exact(path) == pytest.approx(apart, abs=1e-12)
    sims = 200_000
    drawn = _json(run_cli("forecast", str(path), "--json", "--method", "monte-carlo", "--seed", "3", "--sims",
                          str(sims)))["p_pass"]
    assert abs(drawn - apart) <= 4 * math.sqrt(apart * (1 - apart) / sims) + 1e-12
    # where the rule counts them (after the review judgment) nothing is set apart: no line, no figure changes
    path = _write(tmp_path / "counted", basis=basis, counted=True, **chamber)  # type: ignore[arg-type]
    count = count_scenario(load_scenario(path))
    assert count.crossed is None and all(p.not_counted is None for p in count.positions)
    assert _exact(path) == pytest.approx(counted, abs=1e-12)


def test_count_says_how_many_of_the_partys_own_members_votes_would_not_count(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """The two-position chamber: the 2 leaning yes stand against gov's direction (no); the 3 certain no have no
    chance of a yes, the opposition's certain yes none of a no: nothing of theirs is set apart. A yes of the two
    cannot count, so they supply nothing; the party as a whole could (its direction changed)."""
    path = str(_write(tmp_path / "apart", basis="votes-cast", counted=False, **TWO_POSITIONS))  # type: ignore[arg-type]
    out = _json(run_cli("count", path, "--json"))
    crossed = out["crossed"]
    # no member crossed: no way of theirs; the two's yes would go for the motion
    assert (crossed["seats"], crossed["with_party"], crossed["not_crossed"], crossed["votes"],
            crossed["not_crossed_votes"]) == (0, 0, 2, None, "for")
    assert crossed["explanation"].startswith("2 members who did not cross the floor may vote against their party's "
                                             "direction: their votes for the motion are not counted (Opinion)")
    assert "2 stand against it or are undecided; a vote of theirs with it counts" in crossed["explanation"]
    part = next(p["key"] for p in out["positions"] if p["stance"] == "lean-yes")
    assert part not in {p["key"] for p in out["could_supply"]}
    assert "gov" in {p["key"] for p in out["could_supply"]}
    table = " ".join(run_cli("count", path).out.split())
    assert "leaning yes 2 (2 of them go against their party's direction: a yes of theirs is not counted)" in table
    assert "2 members who did not cross the floor may vote against their party's direction" in table


def test_a_pivot_switches_the_partys_direction_but_never_a_smaller_position_set_apart(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """gov's 3 leaning no hold its direction: switched to yes as a whole (the party's direction with them), 5 yes
    to none carries the motion; the 2 leaning yes against it are never switched (their yes cannot count)."""
    path = str(_write(tmp_path / "apart", basis="votes-cast", counted=False, **HOLDER_LEANS))  # type: ignore[arg-type]
    pivotal = _json(run_cli("forecast", path, "--json", "--method", "exact"))["pivotal"]
    gov = [p for p in pivotal if p["bloc"] == "gov"]
    assert gov and gov[0]["change"] == "votes yes" and gov[0]["p_after"] == pytest.approx(1.0, abs=1e-12)
    path = str(_write(tmp_path / "two", basis="votes-cast", counted=False, **TWO_POSITIONS))  # type: ignore[arg-type]
    keys = {p["key"]: p for p in _json(run_cli("count", path, "--json"))["positions"]}
    part = next(k for k, p in keys.items() if p["stance"] == "lean-yes")
    pivotal = _json(run_cli("forecast", path, "--json", "--method", "exact"))["pivotal"]
    assert part not in {p["bloc"] for p in pivotal}


def test_what_if_counts_the_rule_again_after_a_change(tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """The two-position chamber on the votes cast, one of the opposition away: 3 yes to 3 + (2 - k) no never
    carries it (counted: 3 + k > 5 - k needs both, 0.5 * 0.75 + 0.5 * 0.75 ** 2 = 0.65625)."""
    path = str(_write(tmp_path / "apart", basis="votes-cast", counted=False, **TWO_POSITIONS))  # type: ignore[arg-type]
    out = _json(run_cli("what-if", path, "--absent", "opp:1", "--method", "exact", "--json"))
    base, away = out["runs"]
    assert base["p_pass"] == pytest.approx(0.65625, abs=1e-12)
    assert away["p_pass"] == pytest.approx(0.0, abs=1e-12)
    assert any("2 members who did not cross the floor" in n for n in out["notes"])


# brute force over small random chambers ---------------------------------------------------------------------

STANCES = ("yes", "lean-yes", "undecided", "lean-no", "no", "abstain", "absent")


def _direction(stance: str) -> str | None:
    return {"yes": "for", "lean-yes": "for", "no": "against", "lean-no": "against", "abstain": "abstain",
            "absent": "abstain"}.get(stance)


def _keep(y: int, n: int, stance: str, direction: str | None, counted: bool) -> tuple[int, int]:
    """A bloc's yes and no as the rule counts them: where it does not count a vote against the party's
    direction, that vote is set apart (a firm stance against it has every vote set apart; where the direction
    is not to vote, every vote is against it)."""
    if counted or direction is None:
        return y, n
    if direction == "abstain" or stance == {"for": "no", "against": "yes"}[direction]:
        return 0, 0
    return (y, 0) if direction == "for" else (0, n)


def _bloc(stance: str, n: int, p: float) -> list[tuple[int, int, int, float]]:
    away = 1.0 - p if stance in AWAY else 0.0
    return list(_votes(n, p, away, COHESION_ALL[stance] if n > 1 else 0.0))


def _as_one(stance: str, n: int, p: float, u: float) -> tuple[int, int]:
    """The bloc acting as one at the shared draw ``u``: all yes below p, else all away (or abstaining) where
    the stance casts no other vote, else all no."""
    return (n, 0) if u < p else (0, 0) if stance in AWAY else (0, n)


def _brute(case: dict[str, object]) -> float:
    """P(pass) over every combination of votes of gov's two positions on its side (the larger one's stance its
    direction) and the opposition's (its own stance its direction); with ``together``, gov's two act as one that
    share of the time (one uniform draw)."""
    (hn, hs, hp), (pn, ps, pp), (on, os_, op) = case["holder"], case["part"], case["opp"]  # type: ignore[misc]
    seats, counted, basis = hn + pn + on, bool(case["counted"]), str(case["basis"])
    direction = _direction(hs)

    def passes(h: tuple[int, int], q: tuple[int, int], o: tuple[int, int]) -> bool:
        (hy, hno), (qy, qno) = _keep(*h, hs, direction, counted), _keep(*q, ps, direction, counted)
        oy, ono = _keep(*o, os_, _direction(os_), counted)
        yes, no = hy + qy + oy, hno + qno + ono
        return yes >= seats // 2 + 1 if basis == "total" else yes > no

    opp = _bloc(os_, on, op)
    alone = sum(a[3] * b[3] * c[3] * passes(a[:2], b[:2], c[:2])
                for a, b, c in itertools.product(_bloc(hs, hn, hp), _bloc(ps, pn, pp), opp))
    together = float(case["together"])  # type: ignore[arg-type]
    if not together:
        return alone
    edges = [hp, pp]
    one = sum(width * sum(c[3] * passes(_as_one(hs, hn, hp, u), _as_one(ps, pn, pp, u), c[:2]) for c in opp)
              for width, u in _stretches(edges))
    return (1 - together) * alone + together * one


def _cases() -> list[dict[str, object]]:
    """Seeded chambers: gov's largest position (2 or 3 seats) of any stance, a smaller one (1 or 2 seats)
    mostly of another stance, the opposition's (1 to 3); a fifth of them in a period that counts such votes."""
    rng = random.Random(20220517)
    out: list[dict[str, object]] = []
    while len(out) < 24:
        hn = rng.randint(2, 3)
        hs = rng.choice(STANCES)
        ps = rng.choice([s for s in STANCES if s != hs]) if rng.random() < 0.8 else hs
        case = {"holder": (hn, hs, round(rng.uniform(0.05, 0.95), 2)),
                "part": (rng.randint(1, hn - 1), ps, round(rng.uniform(0.05, 0.95), 2)),
                "opp": (rng.randint(1, 3), rng.choice(STANCES), round(rng.uniform(0.05, 0.95), 2)),
                "basis": rng.choice(("total", "votes-cast")), "counted": rng.random() < 0.2,
                "kind": rng.choice(("confidence", "no-confidence")), "together": rng.choice((0.0, 0.0, 0.6))}
        if _direction(hs) is not None or rng.random() < 0.3:  # an undecided party now and then
            out.append(case)
    return out


def _path(tmp_path: Path, case: dict[str, object]) -> Path:
    return _write(tmp_path / "apart", kind=str(case["kind"]), basis=str(case["basis"]), counted=bool(case["counted"]),
                  holder=case["holder"], part=case["part"], opp=case["opp"])  # type: ignore[arg-type]


def _model(tmp_path: Path, case: dict[str, object], swing: float = 0.0):  # type: ignore[no-untyped-def]
    groups = [(["gov"], float(case["together"]))] if case["together"] else []  # type: ignore[arg-type]
    return model_from_count(count_scenario(load_scenario(_path(tmp_path, case))), groups=groups, swing=swing)


def test_the_seeded_chambers_hold_what_the_rule_changes() -> None:
    """Among them, chambers where the old reading (only crossed members' votes set apart: none here) gives
    another answer, with two positions of their own standing apart, and with a direction to abstain."""
    cases = _cases()
    changed = [c for c in cases if abs(_brute(c) - _brute({**c, "counted": True})) > 1e-9]
    assert len(changed) >= 8
    assert any(_direction(c["holder"][1]) == "abstain" for c in changed)  # type: ignore[index]
    assert any(c["together"] for c in changed)
    assert any(c["counted"] for c in cases)


@pytest.mark.parametrize("case", _cases(), ids=lambda c: "-".join(
    [str(c["holder"][1]), str(c["part"][1]), str(c["opp"][1]), str(c["basis"]),  # type: ignore[index]
     "counted" if c["counted"] else "apart", "together" if c["together"] else "alone"]))
def test_both_methods_match_every_combination_of_votes(tmp_path: Path, case: dict[str, object]) -> None:
    model = _model(tmp_path, case)
    truth = _brute(case)
    assert p_pass_exact(model)[0] == pytest.approx(truth, abs=1e-12)
    sims = 100_000
    drawn = simulate(model, sims=sims, rng=np.random.default_rng(31)).p_pass
    assert abs(drawn - truth) <= 4.5 * math.sqrt(max(truth * (1 - truth), 1e-4) / sims)


def _changed(c: dict[str, object]) -> bool:
    """Whether the rule changes the chamber's answer, and leaves it a chance of passing."""
    return _brute(c) > 0.01 and abs(_brute(c) - _brute({**c, "counted": True})) > 1e-9


@pytest.mark.parametrize("case", [c for c in _cases() if not c["counted"] and _changed(c)][:4], ids=lambda c: "-".join(
    [str(c["holder"][1]), str(c["part"][1]), str(c["opp"][1]), str(c["basis"])]))  # type: ignore[index]
def test_a_chamber_swing_moves_the_own_chance_of_members_whose_contrary_vote_is_set_apart(
        tmp_path: Path, case: dict[str, object]) -> None:
    """A chamber swing of SD 0.8: every position of a stance that swings (leaning or undecided) at
    q = expit(logit p + Z), its vote against the party still set apart; the truth integrates the enumeration
    over Z by Gauss-Hermite quadrature."""
    sd = 0.8
    swinging = ("lean-yes", "undecided", "lean-no")

    def at(z: float) -> float:
        moved = {who: (n, s, _shift(p, z) if s in swinging else p)
                 for who, (n, s, p) in ((w, case[w]) for w in ("holder", "part", "opp"))}  # type: ignore[misc]
        return _brute({**case, **moved})

    truth = _expect(at, sd)
    sims = 100_000
    drawn = simulate(_model(tmp_path, case, swing=sd), sims=sims, rng=np.random.default_rng(37)).p_pass
    assert abs(drawn - truth) <= 4.5 * math.sqrt(max(truth * (1 - truth), 1e-4) / sims)


# the bundled cases ------------------------------------------------------------------------------------------


def _binomial(n: int, p: float) -> list[float]:
    return [math.comb(n, k) * p ** k * (1 - p) ** (n - k) for k in range(n + 1)]


def test_the_punjab_run_off_sets_apart_the_yes_of_the_parties_against_elahi(
        run_cli: Callable[..., CliResult]) -> None:
    """22 July 2022, in the uncounted period, on a majority of the members present and voting: PTI's 178 and
    PML-Q's 10 committed yes (0.98 each, else away), PML-N's 167, PPP's 7 and RHP's 1 committed no, whose yes
    (0.01 each) is against their parties' direction: set apart (present, not voting); the six independents'
    yes counts. Elahi carries it when his yes exceed the noes. Were the 175's yes counted it would be 98.16 %."""
    yes, apart, ind = _binomial(188, 0.98), _binomial(175, 0.01), _binomial(6, 0.01)
    truth = sum(yes[a] * apart[s] * ind[i] for a in range(189) for s in range(176) for i in range(7)
                if a + i > (175 - s) + (6 - i))
    counted = _binomial(181, 0.01)
    before = sum(yes[a] * counted[b] for a in range(189) for b in range(182) if a + b > 181 - b)
    assert (round(truth, 4), round(before, 4)) == (0.9711, 0.9816)
    motion = ("pk-pa-punjab-2022", "--motion", "cm-runoff-2022-07-22")
    out = _json(run_cli("forecast", *motion, "--json", "--method", "exact"))
    assert out["p_pass"] == pytest.approx(truth, abs=1e-9)
    assert out["mean_yes"] == pytest.approx(188 * 0.98 + 6 * 0.01, abs=1e-9)
    count = _json(run_cli("count", *motion, "--json"))
    crossed = count["crossed"]
    # no member crossed: no way of theirs; the 175 members' yes would go for the motion
    assert (crossed["not_crossed"], crossed["not_crossed_votes"], crossed["seats"], crossed["votes"]) == (
        175, "for", 0, None)
    assert {p["key"] for p in count["positions"] if p["label"].endswith("(votes for not counted)")} == {
        "pml-n", "ppp", "rhp"}


def test_the_national_assemblys_votes_came_before_the_opinion(
        run_cli: Callable[..., CliResult]) -> None:
    """10 and 11 April 2022: the rule counts such votes, so no member's vote is set apart."""
    for motion in ((), ("--motion", "pm-election-2022-04-11")):
        count = _json(run_cli("count", "pk-na-2022", *motion, "--json"))
        assert count["crossed"] is None or (count["crossed"]["counted"], count["crossed"]["not_crossed"]) == (True, 0)
        assert all(not p["label"].endswith("not counted)") for p in count["positions"])
