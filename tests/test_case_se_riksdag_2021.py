"""Sweden, 21 June 2021: the parties' seats are the election of 9 September 2018 (PolitPro's results table,
from the Election Authority: S 100, M 70, SD 62, C 31, V 28, KD 22, L 20, MP 16), less the two members who
left their parties and sat as independents (Contra: Emma Carlsson Löfdahl of L, Amineh Kakabaveh of V). Each
party's seats quote their row of the table, and the division by party adds up to the record (Fria Tider, typed
in by hand: yes M 70, SD 62, V 27, KD 22; no S 94, MP 15; abstaining C 30, L 19 and the two independents)."""

from __future__ import annotations

from whipcount.io.scenario import load_scenario

ELECTED_2018 = {"s": 100, "m": 70, "sd": 62, "c": 31, "v": 28, "kd": 22, "l": 20, "mp": 16}
LEFT_THEIR_PARTY = {"l": 1, "v": 1}


def test_the_seats_are_the_2018_election_less_the_two_who_left_their_parties() -> None:
    sc = load_scenario("se-riksdag-2021")
    want = {k: n - LEFT_THEIR_PARTY.get(k, 0) for k, n in ELECTED_2018.items()} | {"independent": 2}
    assert {p.id: p.seats for p in sc.parties} == want
    assert sum(want.values()) == 349
    for p in sc.parties:
        if p.id == "independent":
            continue
        rows = [s.quote or "" for s in p.sources if "politpro.eu" in s.url]
        assert any(r.endswith(f"| {ELECTED_2018[p.id]}") for r in rows), (p.id, rows)


def test_the_division_by_party_adds_up_to_the_record() -> None:
    yes, no, abstain = 70 + 62 + 27 + 22, 94 + 15, 30 + 19 + 2
    assert (yes, no, abstain, 349 - yes - no - abstain) == (181, 109, 51, 8)
    d = load_scenario("se-riksdag-2021").motion.division
    assert d is not None and (d.yes, d.no, d.abstain, d.absent) == (181, 109, 51, 8)
