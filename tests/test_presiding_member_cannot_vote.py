"""The member presiding over a vote does not vote: never a pivot, never moved by a what-if.

Truth: Dawn, 10 April 2022 (quoted in pk-na-2022.yaml): "PML-N spokesperson Marriyum Aurangzeb said Sadiq could
not cast his vote as he was chairing the session." The National Assembly then had 342 seats, one vacant
(NA-33 Hangu), and PML-N held 84 of them.
"""

from __future__ import annotations

import json

from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.power.chamber import chamber_game
from whipcount.rules import chair_out_of_the_vote


def test_ayaz_sadiq_is_not_a_pivot_on_the_day_he_presided(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("forecast", "pk-na-2022", "--json")
    assert r.code == 0, r.err
    blocs = [p["label"] for p in json.loads(r.out)["pivotal"]]
    assert not any("Ayaz Sadiq" in b for b in blocs), blocs


def test_no_what_if_moves_the_presiding_member(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("what-if", "pk-na-2022", "--switch", "pml-n:84")
    assert r.code != 0
    assert "holds only 83 seats" in r.err  # 84 PML-N seats, less the one in the chair


def test_the_game_leaves_the_presiding_member_out() -> None:
    cg = chamber_game(load_scenario("pk-na-2022"))
    weights = dict(zip(cg.game.names, cg.game.weights, strict=True))
    assert weights["pml-n"] == 84 - 1
    assert sum(cg.game.weights) == 342 - 1 - 1  # less the vacant seat and the chair
    assert cg.game.quota == 342 // 2 + 1  # Art. 95(4): a majority of the total membership, which the chair keeps


def test_every_bundled_chair_named_by_a_presiding_officer_event_is_out_of_the_vote() -> None:
    """Whoever a ``presiding-officer`` event puts in the chair for a vote has a stance that takes the seat out
    by office, or the rules take the chair out (a casting vote only): the class, not the one case."""
    for sid in bundled_scenarios():
        sc = load_scenario(sid)
        vote = sc.motion.vote if sc.motion is not None else None
        if vote is None:
            continue
        events = [e for e in sc.events if e.kind == "presiding-officer" and e.date <= vote and e.by]
        if not events:
            continue
        chair = max(events, key=lambda e: e.date).by
        member = next((m for m in sc.members if m.name == chair), None)
        assert member is not None, (sid, chair)
        entries = sorted((s for s in sc.stances if s.member == member.id and s.holds_on(vote)), key=lambda s: s.date)
        by_rules = chair_out_of_the_vote(sc, sc.state(vote), sc.motion.kind) is not None
        assert by_rules or (entries and entries[-1].office), (sid, chair)
