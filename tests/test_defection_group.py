"""Members who crossed the floor, leaning against a party that is against the motion, in a group acting as one
(``--together``), under Art. 63A's uncounted period.

When the group acts as one, one shared draw U decides every bloc's vote: yes below its P(yes), then no. The
crossed members' yes (not counted: present, not voting) is drawn where their partners' yes is, at the
bottom of U, so they vote yes together; so is the loyal members' own yes (against their party's direction as
well). The truth below enumerates every combination of votes when the
group does not act as one, and the three stretches of U (below 1/4, to 3/4, above) when it does.
"""

from __future__ import annotations

import itertools
import math
from pathlib import Path

import numpy as np
import pytest

from test_defection_leaning import COHESION, NOT_COUNTED, P_YES, SCENARIO, VOTES_CAST, _votes
from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count, p_pass_exact, simulate

TOGETHER = 0.6


def _scenario(tmp_path: Path) -> Path:
    """A no-confidence motion decided by the votes cast: gov's two loyal members lean no, its three who crossed
    to the opposition lean yes, the opposition's three lean yes."""
    (tmp_path / "rules.yaml").write_text(VOTES_CAST.format(seats=8, kind="no-confidence", quorum=""),
                                         encoding="utf-8")
    lines = [f"  - {{date: 2023-01-01, party: {party}, side: {side}, stance: {stance}, "
             f"source: \"https://example.org/s\"}}"
             for party, side, stance in (("gov", "government", "lean-no"), ("gov", "opposition", "lean-yes"),
                                         ("opp", "opposition", "lean-yes"))]
    path = tmp_path / "scenario.yaml"
    path.write_text(SCENARIO.format(rules="rules.yaml", seats=8, gov=5, opp=3, kind="no-confidence",
                                    moved=NOT_COUNTED[0], vote=NOT_COUNTED[1], stances="\n".join(lines) + "\n"),
                    encoding="utf-8")
    return path


def _truth() -> float:
    """P(more yes than no): the crossed members' yes is not counted, their no is; so is every other vote against
    the voter's party's direction: the loyal members' yes (gov against the motion) and the opposition's no (its
    own direction, leaning yes, for it)."""
    def bloc(stance: str, n: int) -> list[tuple[int, int, int, float]]:
        return list(_votes(n, P_YES[stance], 0.0, COHESION[stance]))

    opp = bloc("lean-yes", 3)
    apart = sum(lp * cp * op * (oy > ln + cn)
                for (_, ln, _, lp), (_, cn, _, cp), (oy, _, _, op) in itertools.product(
                    bloc("lean-no", 2), bloc("lean-yes", 3), opp))
    # as one: U < 1/4, loyal yes and crossed yes (both set apart); 1/4 to 3/4, loyal no and crossed yes; above,
    # all no
    as_one = 0.0
    for width, loyal_no, crossed_no in ((0.25, False, False), (0.5, True, False), (0.25, True, True)):
        no0 = (2 if loyal_no else 0) + (3 if crossed_no else 0)
        as_one += width * sum(op * (oy > no0) for oy, _, _, op in opp)
    return (1 - TOGETHER) * apart + TOGETHER * as_one


def test_a_set_apart_yes_moves_with_the_group_as_a_yes_does(tmp_path: Path) -> None:
    model = model_from_count(count_scenario(load_scenario(_scenario(tmp_path))), groups=[(["gov"], TOGETHER)])
    truth = _truth()
    assert p_pass_exact(model)[0] == pytest.approx(truth, abs=1e-12)
    sims = 200_000
    drawn = simulate(model, sims=sims, rng=np.random.default_rng(13)).p_pass
    assert abs(drawn - truth) <= 4 * math.sqrt(truth * (1 - truth) / sims)
    swung = simulate(model_from_count(count_scenario(load_scenario(_scenario(tmp_path))),
                                      groups=[(["gov"], TOGETHER)], party_swing=1e-9),
                     sims=sims, rng=np.random.default_rng(17)).p_pass  # drawn bloc by bloc, not collapsed
    assert abs(swung - truth) <= 4 * math.sqrt(truth * (1 - truth) / sims)
