"""Under a negative threshold the dashboard says how many noes reject the motion, not a 'needed' yes count.

Sweden's investiture (Instrument of Government 6:4): the proposed Prime Minister is rejected if more than half
of the Riksdag's 349 members vote against, 175; no yes vote is needed. The board had shown 175 as 'Needed'
and a 'Short by' of yes votes."""

from __future__ import annotations

from pathlib import Path

from whipcount.io.scenario import load_scenario
from whipcount.web.board import compute_board

NEG = """\
chamber: {name: Riksdag, rules: se-riksdag, seats: 349, as_of: 2022-10-01}
parties:
  - {id: a, name: A, seats: 176, side: government}
  - {id: b, name: B, seats: 173, side: opposition}
motion: {kind: investiture, vote: 2022-10-17}
"""


def test_the_board_gives_the_noes_that_reject_an_investiture(tmp_path: Path) -> None:
    path = tmp_path / "neg.yaml"
    path.write_text(NEG, encoding="utf-8")
    sc = load_scenario(path)
    data, draw = compute_board(sc, list(sc.stances), [], [], revision=1)
    assert data["reject_at"] == 175
    assert data["magic_number"] is None and data["short_by"] is None
    assert data["needed"]["count"] is None and data["needed"]["basis"] == "total"
    assert "<svg" in draw()
