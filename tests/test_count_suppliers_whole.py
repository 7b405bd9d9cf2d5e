"""Where the defection rule sets apart a party's yes, its largest position supplies the magic number's votes only
all together: one member's yes is against the party's direction and not counted, the whole position's is the
party's direction changed. ``count`` says so on the supplier line.

Worked by hand: 5 seats under pk-na, 3 needed (a majority of the total membership); the opposition's 2 committed
yes, the government's 3 lean no, so 1 more is needed. Voted in the period the Supreme Court's opinion of 17 May
2022 did not count votes against the party's direction, only the government's 3 together can supply it; voted after
the review judgment of 3 October 2024, any one of them can.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult

SCENARIO = """\
id: whole-party
title: A government whose yes counts only as a whole
chamber: {{name: Test Chamber, rules: pk-na, seats: 5, vacancies: 0, as_of: 2022-01-01}}
parties:
  - {{id: gov, name: Government Party, short: Gov, seats: 3, side: government, source: "https://example.org/g"}}
  - {{id: opp, name: Opposition Party, short: Opp, seats: 2, side: opposition, source: "https://example.org/o"}}
motion: {{kind: no-confidence, target: The Prime Minister, moved: {year}-02-24, vote: {year}-03-01}}
stances:
  - {{date: 2022-01-01, party: gov, side: government, stance: lean-no, source: "https://example.org/s"}}
  - {{date: 2022-01-01, party: opp, side: opposition, stance: "yes", p_yes: 1.0, source: "https://example.org/s"}}
"""


@pytest.mark.parametrize("year, line", [
    (2023, "needs 1 more; they could come from: Gov (votes for not counted) (all 3 together, lean-no: the party's "
           "direction changed; a yes of fewer of them is not counted)"),
    (2025, "needs 1 more; they could come from: Gov (3, lean-no)"),
], ids=["not counted", "counted"])
def test_the_supplier_line_says_the_whole_position_supplies_it(
        tmp_path: Path, run_cli: Callable[..., CliResult], year: int, line: str) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(SCENARIO.format(year=year), encoding="utf-8")
    result = run_cli("count", str(path))
    assert result.code == 0, result.err
    assert line in " ".join(result.out.split())
