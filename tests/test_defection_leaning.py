"""Members who crossed the floor and only lean against their party (or are undecided), under Art. 63A.

Between the Supreme Court's opinion of 17 May 2022 and its review of 3 October 2024 a vote cast against the
parliamentary party's direction is not counted; a vote cast with it counts as usual. A crossed member who
leans against the party may still return to its line, and that vote counts: only the other is set apart
(present, not voting). Every figure below is worked out by hand, or by enumerating every way each member can
vote (yes, no or away) with the model's probabilities and counting each outcome as the rule says.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pytest

from conftest import CliResult
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count, p_pass_exact, simulate

NOT_COUNTED = ("2023-02-24", "2023-03-01")  # between the opinion and its review
COUNTED = ("2025-02-24", "2025-03-01")  # after the review judgment

SCENARIO = """\
id: small-crossing
title: A small chamber where three members cross the floor
chamber: {{name: Test Chamber, rules: {rules}, seats: {seats}, vacancies: 0, as_of: 2022-01-01}}
parties:
  - {{id: gov, name: Government Party, short: Gov, seats: {gov}, side: government, source: "https://example.org/g"}}
  - {{id: opp, name: Opposition Party, short: Opp, seats: {opp}, side: opposition, source: "https://example.org/o"}}
members:
  - {{id: m1, name: Member One, party: gov, source: "https://example.org/m"}}
  - {{id: m2, name: Member Two, party: gov, source: "https://example.org/m"}}
  - {{id: m3, name: Member Three, party: gov, source: "https://example.org/m"}}
events:
  - {{date: 2022-02-01, kind: defect, party: gov, members: [m1, m2, m3], to: opposition, source: "https://example.org/d"}}
motion: {{kind: {kind}, target: The Prime Minister, moved: {moved}, vote: {vote}}}
stances:
{stances}"""

VOTES_CAST = """\
id: votes-cast-test
name: A chamber deciding by the votes cast
country: Somewhere
seats: {seats}
motions:
  - kind: {kind}
    threshold: {{basis: votes-cast{quorum}}}
    source: {{article: "Art. 1", url: "https://example.org/constitution#1"}}
    effect: the government resigns
    defection:
      - {{start: 2022-05-17, end: 2024-10-03, counted: false, source: {{article: "Opinion", url: "https://example.org/o"}}}}
      - {{start: 2024-10-03, end: null, counted: true, source: {{article: "Review", url: "https://example.org/r"}}}}
"""

P_YES = {"yes": 0.98, "lean-yes": 0.75, "undecided": 0.5, "lean-no": 0.25, "no": 0.01}
"""P(a yes) by stance, as docs/forecast.md tables it; the rest of ``yes`` stays away, of any other votes no."""
COHESION = {"yes": 0.0, "no": 0.0, "lean-yes": 0.5, "undecided": 0.5, "lean-no": 0.5}
"""P(the bloc acts as one), as docs/forecast.md tables it."""


def _write(tmp_path: Path, *, kind: str, basis: str, when: tuple[str, str], loyal: int, opp: int,
           crossed: str, crossed_p: float | None = None, certain: bool = False, quorum: int = 0) -> Path:
    """The scenario: ``loyal`` members of the governing party on its side, three who crossed to the opposition
    with stance ``crossed`` (and ``crossed_p``, where given), ``opp`` opposition members; with ``certain``,
    the loyal and the opposition vote their side's way for sure. ``quorum``: members present, on the votes
    cast."""
    seats = loyal + 3 + opp
    rules = "pk-na"
    if basis == "votes-cast":
        at = f", quorum: {{count: {quorum}}}" if quorum else ""
        (tmp_path / "rules.yaml").write_text(VOTES_CAST.format(seats=seats, kind=kind, quorum=at), encoding="utf-8")
        rules = "rules.yaml"
    p = f", p_yes: {crossed_p}" if crossed_p is not None else ""
    lines = [f"  - {{date: 2023-01-01, party: gov, side: opposition, stance: {crossed}{p}, "
             f"source: \"https://example.org/s\"}}"]
    if certain:
        gov, other = ("yes", "no") if kind == "confidence" else ("no", "yes")
        for party, side, stance in (("gov", "government", gov), ("opp", "opposition", other)):
            lines.append(f"  - {{date: 2023-01-01, party: {party}, side: {side}, stance: {stance}, "
                         f"p_yes: {1.0 if stance == 'yes' else 0.0}, source: \"https://example.org/s\"}}")
    for dated in (when, COUNTED):  # a stance dated before the vote of either period
        assert dated[0] > "2023-01-01"
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO.format(rules=rules, seats=seats, gov=loyal + 3, opp=opp, kind=kind, moved=when[0],
                                    vote=when[1], stances="\n".join(lines) + "\n"), encoding="utf-8")
    return path


def _votes(n: int, p_yes: float, p_away: float, cohesion: float) -> Iterator[tuple[int, int, int, float]]:
    """Every way ``n`` members of one bloc can vote: (yes, no, away, probability), one row per vote of each
    member (3 ** n rows); with ``cohesion`` they act as one (all the same vote), else each on their own."""
    p = {"y": p_yes, "n": 1.0 - p_yes - p_away, "a": p_away}
    for votes in itertools.product("yna", repeat=n):
        prob = (1 - cohesion) * math.prod(p[v] for v in votes)
        if len(set(votes)) == 1:
            prob += cohesion * p[votes[0]]
        yield votes.count("y"), votes.count("n"), votes.count("a"), prob


def _brute(*, kind: str, basis: str, counted: bool, loyal: int, opp: int, crossed: str,
           crossed_p: float | None = None, quorum: int = 0) -> float:
    """P(pass) over every combination of the members' votes. The party's direction: for a confidence motion,
    against a no-confidence one. Where the rule does not count them, the crossed members' votes against it are
    not counted (present, not voting: toward a ``quorum``, on the votes cast); a firm stance against it is read
    as certain (every vote set apart). So is every other member's vote against their own party's direction (its
    stance): a yes of the loyal members or of the opposition, whichever stands ``no`` (a ``yes`` who does not
    vote yes stays away, so casts no vote against a party for the motion)."""
    seats = loyal + 3 + opp
    party_for = kind == "confidence"
    gov_stance, opp_stance = ("yes", "no") if party_for else ("no", "yes")

    def bloc(stance: str, n: int, p: float | None = None) -> list[tuple[int, int, int, float]]:
        q = P_YES[stance] if p is None else p
        away = 1.0 - q if stance == "yes" else 0.0
        return list(_votes(n, q, away, COHESION[stance] if n > 1 else 0.0))

    firm = crossed == ("no" if party_for else "yes")
    total = 0.0
    for (ly, ln, la, lp), (cy, cn, ca, cp), (oy, on, oa, op) in itertools.product(
            bloc(gov_stance, loyal), bloc(crossed, 3, crossed_p), bloc(opp_stance, opp)):
        present = seats - la - ca - oa
        if not counted:
            if firm:
                cy = cn = 0
            elif party_for:
                cn = 0  # a no against the party: present, not counted
            else:
                cy = 0  # a yes against the party: present, not counted
            if party_for:
                oy = 0  # a yes of the opposition, against its own direction (no): present, not counted
            else:
                ly = 0  # a yes of the loyal, against their party's direction (no): present, not counted
        yes, no = ly + cy + oy, ln + cn + on
        passed = yes >= seats // 2 + 1 if basis == "total" else yes > no and present >= quorum
        total += lp * cp * op * passed
    return total


CASES = [(kind, stance, basis, counted)
         for kind, stances in (("confidence", ("lean-no", "undecided", "no")),
                               ("no-confidence", ("lean-yes", "undecided", "yes")))
         for stance in stances for basis in ("total", "votes-cast") for counted in (False, True)]


@pytest.mark.parametrize(("kind", "crossed", "basis", "counted"), CASES)
def test_exact_and_monte_carlo_match_every_combination_of_votes(
        tmp_path: Path, kind: str, crossed: str, basis: str, counted: bool) -> None:
    loyal, opp = (3, 3) if kind == "confidence" else (2, 4)
    path = _write(tmp_path, kind=kind, basis=basis, when=COUNTED if counted else NOT_COUNTED, loyal=loyal, opp=opp,
                  crossed=crossed)
    count = count_scenario(load_scenario(path))
    assert count.crossed is not None and count.crossed.counted == counted
    model = model_from_count(count)
    truth = _brute(kind=kind, basis=basis, counted=counted, loyal=loyal, opp=opp, crossed=crossed)
    assert p_pass_exact(model)[0] == pytest.approx(truth, abs=1e-12)
    sims = 100_000
    drawn = simulate(model, sims=sims, rng=np.random.default_rng(11)).p_pass
    assert abs(drawn - truth) <= 4 * math.sqrt(truth * (1 - truth) / sims) + 1e-12


def test_a_probability_of_the_entry_is_kept_for_the_vote_that_counts(tmp_path: Path) -> None:
    path = _write(tmp_path, kind="confidence", basis="votes-cast", when=NOT_COUNTED, loyal=2, opp=4,
                  crossed="lean-no", crossed_p=0.4)
    truth = _brute(kind="confidence", basis="votes-cast", counted=False, loyal=2, opp=4, crossed="lean-no",
                   crossed_p=0.4)
    assert p_pass_exact(model_from_count(count_scenario(load_scenario(path))))[0] == pytest.approx(truth, abs=1e-12)


def _json(r: CliResult) -> dict:  # type: ignore[type-arg]
    assert r.code == 0, r.err
    return json.loads(r.out)  # type: ignore[no-any-return]


def test_leaning_against_a_party_for_the_motion_keeps_the_chance_of_a_yes(
        tmp_path: Path, run_cli: Callable[..., CliResult]) -> None:
    """A confidence motion needing 5 of 8: the party's 2 loyal members certain yes, the opposition's 3 certain
    no, its 3 who crossed lean no (a yes 1 in 4, acting as one half the time). It passes only if all three
    return to the party's line: 0.5 * 0.25 + 0.5 * 0.25 ** 3 = 0.1328125 (their noes are not counted, their
    yes is)."""
    path = str(_write(tmp_path, kind="confidence", basis="total", when=NOT_COUNTED, loyal=2, opp=3,
                      crossed="lean-no", certain=True))
    out = _json(run_cli("forecast", path, "--json", "--method", "exact"))
    assert out["p_pass"] == pytest.approx(0.1328125, abs=1e-12)
    count = _json(run_cli("count", path, "--json"))
    assert (count["needed"], count["committed_yes"], count["lean_no"], count["abstain"], count["short"]) == (
        5, 2, 3, 0, 3)
    assert [p["key"] for p in count["suppliers"]] == ["gov@opposition/crossed"]
    assert (count["crossed"]["seats"], count["crossed"]["leaning"], count["crossed"]["votes"]) == (3, 3, "against")
    assert any("3 of them only lean that way or are undecided: they stay so in the count, and a vote of theirs "
               "with their party's direction counts" in n for n in count["notes"])


@pytest.mark.parametrize(("when", "truth"), [(NOT_COUNTED, 0.5859375), (COUNTED, 0.796875)])
def test_leaning_against_a_party_against_the_motion_keeps_the_chance_of_a_no(
        tmp_path: Path, run_cli: Callable[..., CliResult], when: tuple[str, str], truth: float) -> None:
    """A no-confidence motion decided by a majority of the votes cast: the opposition's 3 certain yes, the
    party's 2 loyal members certain no, its 3 who crossed lean yes (3 in 4, acting as one half the time).
    Their yes not counted, it passes 3 to 2 unless one of them returns to the party's no:
    P = 0.5 * 0.75 + 0.5 * 0.75 ** 3 = 0.5859375. Where their votes count, k of them voting yes gives 3 + k to
    5 - k, so it passes with at least 2: 0.5 * 0.75 + 0.5 * (3 * 0.75 ** 2 * 0.25 + 0.75 ** 3) = 0.796875."""
    path = str(_write(tmp_path, kind="no-confidence", basis="votes-cast", when=when, loyal=2, opp=3,
                      crossed="lean-yes", certain=True))
    for method in ("exact", "monte-carlo"):
        out = _json(run_cli("forecast", path, "--json", "--method", method, "--seed", "3", "--sims", "200000"))
        assert abs(out["p_pass"] - truth) <= 4 * math.sqrt(truth * (1 - truth) / 200_000) + 1e-12
    count = _json(run_cli("count", path, "--json"))
    assert (count["committed_yes"], count["lean_yes"], count["committed_no"]) == (3, 3, 2)
    assert all(not p["key"].endswith("/crossed") for p in count["could_supply"])  # a yes of theirs cannot count


@pytest.mark.parametrize(("kind", "crossed"), [("confidence", "lean-no"), ("confidence", "undecided"),
                                               ("no-confidence", "lean-yes"), ("confidence", "no")])
def test_the_votes_set_apart_count_toward_a_quorum(tmp_path: Path, kind: str, crossed: str) -> None:
    """On the votes cast with a quorum of 8 of 9 members: a crossed member whose vote is not counted is still
    present, where a loyal member who stays away (1 in 50) is not."""
    path = _write(tmp_path, kind=kind, basis="votes-cast", when=NOT_COUNTED, loyal=3, opp=3, crossed=crossed,
                  quorum=8)
    model = model_from_count(count_scenario(load_scenario(path)))
    truth = _brute(kind=kind, basis="votes-cast", counted=False, loyal=3, opp=3, crossed=crossed, quorum=8)
    assert p_pass_exact(model)[0] == pytest.approx(truth, abs=1e-12)
    sims = 100_000
    drawn = simulate(model, sims=sims, rng=np.random.default_rng(5)).p_pass
    assert abs(drawn - truth) <= 4 * math.sqrt(truth * (1 - truth) / sims) + 1e-12
