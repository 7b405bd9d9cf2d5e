"""Probabilities given to ``model_from_count`` go through the defection rule as the scenario's own would.

Under Art. 63A as the Supreme Court read it on 17 May 2022, a vote cast contrary to the party's direction is not
counted; which members' votes the count sets apart turns on their chance of such a vote. A chamber of 7 seats
(pk-na: a majority of the total membership, 4): the opposition's 3 committed yes, one independent (no party to
direct him) and the government's 3, all ``no``. With ``no: 0.3`` the government's yes is set apart and only the
independent's yes can count: P(pass) = P(he votes yes) = 0.3, worked by hand. Given as ``probabilities`` to a
count whose file says ``no: 0.0`` (so nothing was set apart), the forecast must be the same 0.3, not the
1 - 0.7 x P(no Gov yes) the uncounted yes would add.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from whipcount.io.scenario import load_scenario
from whipcount.tally import count_scenario, model_from_count, p_pass_exact

SCENARIO = """\
id: given-probabilities
title: A chamber whose government may vote against its own direction
chamber: {{name: Test Chamber, rules: pk-na, seats: 7, vacancies: 0, as_of: 2022-01-01}}
parties:
  - {{id: gov, name: Government Party, short: Gov, seats: 3, side: government, source: "https://example.org/g"}}
  - {{id: opp, name: Opposition Party, short: Opp, seats: 3, side: opposition, source: "https://example.org/o"}}
  - {{id: independent, name: Independents, seats: 1, side: other}}
motion: {{kind: no-confidence, target: The Prime Minister, moved: 2023-02-24, vote: 2023-03-01}}
stances:
  - {{date: 2023-01-01, party: gov, side: government, stance: "no", source: "https://example.org/s"}}
  - {{date: 2023-01-01, party: independent, side: other, stance: "no", source: "https://example.org/s"}}
  - {{date: 2023-01-01, party: opp, side: opposition, stance: "yes", p_yes: 1.0, source: "https://example.org/s"}}
stance_probabilities: {{"no": {p_no}}}
"""


def _count(tmp_path: Path, p_no: float):  # type: ignore[no-untyped-def]
    path = tmp_path / f"s{p_no}.yaml"
    path.write_text(SCENARIO.format(p_no=p_no), encoding="utf-8")
    return count_scenario(load_scenario(path))


def test_the_file_path_sets_the_governments_yes_apart(tmp_path: Path) -> None:
    assert p_pass_exact(model_from_count(_count(tmp_path, 0.3)))[0] == pytest.approx(0.3)


def test_probabilities_given_later_are_counted_as_the_files(tmp_path: Path) -> None:
    count = _count(tmp_path, 0.0)
    assert count.crossed is None  # with no chance of a yes, nothing of the government's is set apart
    model = model_from_count(count, probabilities={"no": 0.3})
    assert p_pass_exact(model)[0] == pytest.approx(0.3)
    gov = [b for b in model.blocs if b.party == "gov"]
    assert [(b.seats, b.set_apart) for b in gov] == [(3, "yes")]


def test_probabilities_given_that_take_the_chance_away_count_the_votes_again(tmp_path: Path) -> None:
    """The other way: a file's ``no: 0.3`` set apart, ``no: 0.0`` given: nothing to set apart, and no yes at all."""
    model = model_from_count(_count(tmp_path, 0.3), probabilities={"no": 0.0})
    assert p_pass_exact(model)[0] == 0.0
    assert not any(b.set_apart for b in model.blocs)
