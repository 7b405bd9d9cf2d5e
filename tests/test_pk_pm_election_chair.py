"""Pakistan, 11 April 2022: Ayaz Sadiq (PML-N) chaired the election of the Prime Minister, as he had the vote
of 10 April. Daily Pakistan, 11 April 2022: "After deputy speaker Qasim Suri walked out, Pakistan Muslim
League-Nawaz's Ayaz Sadiq took the chair and carried on the proceedings"; the presiding officer votes only to
break a tie (Art. 55(1)). By hand: the parties that elected Shehbaz Sharif held 177 seats that day (342 less
the 164 of PTI and its allies and the vacant NA-33), so the election's whip count has 177 - 1 = 176 yes; 174
voted (Daily Pakistan: "Sharif got 174 votes")."""

from __future__ import annotations

import json

ELECTION = "pm-election-2022-04-11"


def test_the_member_in_the_chair_on_11_april_is_out_of_the_election_s_count(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("count", "pk-na-2022", "--motion", ELECTION, "--json")
    assert result.code == 0, result.err
    count = json.loads(result.out)
    assert count["committed_yes"] == 342 - 164 - 1 - 1
    chair = [p for p in count["positions"] if "Ayaz Sadiq" in json.dumps(p)]
    assert len(chair) == 1 and chair[0]["stance"] == "absent" and chair[0]["seats"] == 1
