"""Seats that cannot vote by office (a stance's ``office``: the chair, deputies who do not vote, tellers).

They are counted absent, whatever probability the scenario gives the absent; no pivot counts on them, no
what-if moves them, and the voting-power game leaves them out, its quota included. Truths: the record of the
House of Commons on 16 January 2019 (eight of the 19 not voting could not vote, News Letter), arithmetic of
majorities, and enumeration of every member's vote on a small chamber.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from itertools import product
from math import comb
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import make_web_store
from whipcount.errors import ForecastError, InputError
from whipcount.io.scenario import load_scenario
from whipcount.io.writer import dump_scenario
from whipcount.model import Stance
from whipcount.power.chamber import chamber_game
from whipcount.rules import seats_out_by_office
from whipcount.storage import Store
from whipcount.tally import count_scenario
from whipcount.web.app import create_app

SMALL = """\
chamber: {name: Test Commons, rules: gb-hc, seats: 9, as_of: 2020-01-01}
parties:
  - {id: gov, name: Government Party, seats: 3, side: government}
  - {id: opp, name: Opposition Party, seats: 2, side: opposition}
  - {id: oth, name: Other Party, seats: 4, side: other}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
stance_probabilities: {absent: 0.6}
stances:
  - {party: opp, stance: "yes", p_yes: 0.7, date: 2020-02-01, source: "https://example.org/s"}
  - {party: gov, stance: "no", p_yes: 0.2, date: 2020-02-01, source: "https://example.org/s"}
  - {party: oth, stance: absent, seats: 2, office: two tellers, date: 2020-02-01, source: "https://example.org/t"}
  - {party: oth, stance: absent, date: 2020-02-01, source: "https://example.org/s"}
"""


def _binom(n: int, k: int, p: float) -> float:
    return comb(n, k) * p**k * (1 - p) ** (n - k)


def test_the_commons_2019_count_keeps_the_record_and_marks_the_fifteen(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("count", "gb-hc-2019", "--json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    out = {p["party"]: p["seats"] for p in data["positions"] if p.get("office")}
    # "eight of those MPs cannot vote" (News Letter), and Sinn Féin's seven, who do not take the oath (ObiterJ)
    assert out == {"not-voting": 8, "sinn-fein": 7}
    assert all(p["stance"] == "absent" for p in data["positions"] if p.get("office"))
    # the division's record: 650 - 306 - 325 = 19 not voting, the fifteen among them
    assert data["absent"] == 650 - 306 - 325


def test_the_commons_2019_game_leaves_the_fifteen_out_of_the_quota() -> None:
    cg = chamber_game(load_scenario("gb-hc-2019"))
    voters = 650 - 8 - 7
    assert sum(cg.game.weights) == voters
    assert cg.game.quota == voters // 2 + 1  # a majority of the votes cast, every member who can vote voting
    assert "15 seats cannot vote by office" in cg.extra["explanation"]
    weights = dict(zip(cg.game.names, cg.game.weights, strict=True))
    assert weights["not-voting"] == 12 - 8 and "sinn-fein" not in weights


def test_office_seats_are_absent_whatever_the_absent_probability(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    """Every vote of the seven who can vote, enumerated (the two of 'oth' not out by office are absent, and
    come to vote yes with the scenario's 0.6); a tie fails (the Speaker votes against, Denison)."""
    truth = sum(_binom(2, y1, 0.7) * _binom(3, y2, 0.2) * _binom(2, y3, 0.6)  # y3: the other two of 'oth'
                for y1, y2, y3 in product(range(3), range(4), range(3)) if y1 + y2 + y3 > 3 - y2)
    path = write_scenario(SMALL)
    r = run_cli("forecast", str(path), "--json", "--cohesion", "0")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["p_pass"] == pytest.approx(truth, abs=1e-12)
    # the other two of 'oth' are absent with p_yes 0.6 and could carry it: they are a pivot; the tellers never
    keys = [p["bloc"] for p in data["pivotal"]]
    assert "oth" in keys
    assert not any("office" in k for k in keys)


def test_no_what_if_moves_seats_that_cannot_vote(run_cli, write_scenario) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(SMALL)
    r = run_cli("what-if", str(path), "--switch", "oth:3")
    assert r.code != 0
    assert "holds only 2 seats on 2020-02-05 that vote (2 more cannot vote by office)" in r.err
    whole = write_scenario(SMALL.replace("seats: 2, office", "office"), "whole.yaml")
    r = run_cli("what-if", str(whole), "--switch", "oth")
    assert r.code != 0
    assert "every seat of 'oth' on 2020-02-05 (4) cannot vote by office" in r.err


def test_the_power_game_and_the_count_agree_on_who_is_out(write_scenario) -> None:
    for text in (SMALL, SMALL.replace("seats: 2, office", "office")):
        scenario = load_scenario(write_scenario(text))
        count = count_scenario(scenario)
        counted = sum(p.seats for p in count.positions if p.office)
        assert counted == sum(o.seats for o in seats_out_by_office(scenario, scenario.state(None)))
        cg = chamber_game(scenario)
        assert sum(cg.game.weights) == 9 - counted


def test_a_member_out_by_office_leaves_the_game_by_name(write_scenario) -> None:
    text = SMALL.replace("  - {id: oth, name: Other Party, seats: 4, side: other}\n",
                         "  - {id: oth, name: Other Party, seats: 2, side: other}\n"
                         "  - {id: independent, name: Independents, seats: 2, side: other}\n"
                         "members:\n"
                         "  - {id: ann, name: Ann Example, party: independent, side: other}\n"
                         "  - {id: bob, name: Bob Example, party: independent, side: other}\n")
    # Ann, the first of the two, is out: the seat taken is hers by name, not the last numbered one
    text = text.replace("{party: oth, stance: absent, seats: 2, office: two tellers,",
                        "{member: ann, stance: absent, office: Deputy Speaker,")
    scenario = load_scenario(write_scenario(text))
    names = chamber_game(scenario).game.names
    assert "independent#bob" in names and "independent#ann" not in names
    count = count_scenario(scenario)
    assert [p.member for p in count.positions if p.office] == ["ann"]


def test_office_round_trips_through_the_writer(write_scenario, tmp_path: Path) -> None:
    scenario = load_scenario(write_scenario(SMALL))
    again = tmp_path / "again.yaml"
    again.write_text(dump_scenario(scenario), encoding="utf-8")
    assert [s.office for s in load_scenario(again).stances] == [None, None, "two tellers", None]


@pytest.mark.parametrize(("stance", "said"), [('"yes"', "got stance 'yes'"), ("absent, p_yes: 0.5", "p_yes 0.5")])
def test_office_takes_only_the_absent_stance(run_cli, write_scenario, stance: str, said: str) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario(SMALL.replace("stance: absent, seats: 2, office", f"stance: {stance}, seats: 2, office"))
    r = run_cli("count", str(path))
    assert r.code == 1
    assert "scenario.yaml:11: stances[2]:" in r.err
    assert said in r.err and "Traceback" not in r.err


def test_a_stance_built_in_code_with_office_and_a_vote_is_refused_by_its_place() -> None:
    scenario = load_scenario("gb-hc-2019")
    wrong = Stance(dt.date(2019, 1, 16), "no", party="dup", office="teller")
    bad = dataclasses.replace(scenario, stances=(*scenario.stances, wrong))
    with pytest.raises(ForecastError, match=r"^stances\[5\] \(2019-01-16\): seats that cannot vote by office "
                                            r"\(teller\) take the stance 'absent' and no p_yes, got stance 'no'$"):
        count_scenario(bad)


def test_the_store_keeps_an_office_part_apart_from_the_party_s_other_part(tmp_path: Path,
                                                                          write_scenario) -> None:  # type: ignore[no-untyped-def]
    text = SMALL.replace('  - {party: oth, stance: absent, date: 2020-02-01, source: "https://example.org/s"}',
                         '  - {party: oth, stance: "yes", seats: 1, date: 2020-02-01, source: "https://example.org/s"}')
    scenario = load_scenario(write_scenario(text))
    store = Store(f"sqlite:///{tmp_path / 'wc.db'}")
    try:
        store.save_scenario(scenario)
        stored = store.scenario(scenario.id)
        assert sorted((s.seats, s.office) for s in stored.stances if s.party == "oth") == [(1, None), (2, "two tellers")]
        before, after = count_scenario(scenario), count_scenario(stored)
        assert [(p.key, p.seats, p.stance, p.office) for p in after.positions] == \
            [(p.key, p.seats, p.stance, p.office) for p in before.positions]
        assert {r.subject for r in store.stances(scenario.id)} >= {"party:oth/office", "party:oth/part"}
        with pytest.raises(InputError, match=r"^subject: party:oth/office holds seats that cannot vote by office"):
            store.set_stance(scenario.id, "party:oth/office", stance="yes", version=1, user="ed")
    finally:
        store.close()


def test_by_whole_party_a_seat_out_on_another_side_still_leaves_the_party(write_scenario) -> None:  # type: ignore[no-untyped-def]
    # oth's 4 seats: 3 on its main side (other), 1 crossed to the opposition, and that one is a teller
    text = SMALL.replace("  - {id: oth, name: Other Party, seats: 4, side: other}\n",
                         "  - {id: oth, name: Other Party, seats: 4, side: other, by_side: {other: 3, opposition: 1}}\n")
    text = text.replace("{party: oth, stance: absent, seats: 2, office: two tellers,",
                        "{party: oth, side: opposition, stance: absent, office: a teller,")
    scenario = load_scenario(write_scenario(text))
    parties = chamber_game(scenario, by="party").game
    weights = dict(zip(parties.names, parties.weights, strict=True))
    assert weights["oth"] == 3 and sum(weights.values()) == 8
    blocs = chamber_game(scenario, by="bloc").game
    assert dict(zip(blocs.names, blocs.weights, strict=True))["oth@other"] == 3
    assert "oth@opposition" not in blocs.names


def test_a_whole_party_out_by_office_leaves_its_members_with_entries_of_their_own(write_scenario) -> None:  # type: ignore[no-untyped-def]
    # oth's 4 seats: Carl has a stance of his own (yes), Dana has left her seat; the rest of oth, 3, are out
    text = SMALL.replace("motion:", "members:\n"
                         "  - {id: carl, name: Carl Example, party: oth}\n"
                         "  - {id: dana, name: Dana Example, party: oth, seated: false}\n"
                         "motion:", 1)
    text = text.replace("{party: oth, stance: absent, seats: 2, office: two tellers,",
                        "{party: oth, stance: absent, office: the chair and deputies,")
    text = text.replace('  - {party: oth, stance: absent, date: 2020-02-01, source: "https://example.org/s"}',
                        '  - {member: carl, stance: "yes", date: 2020-02-01, source: "https://example.org/s"}\n'
                        '  - {member: dana, stance: "no", date: 2020-02-01, source: "https://example.org/s"}')
    scenario = load_scenario(write_scenario(text))
    state = scenario.state(None)
    assert [(o.party, o.seats) for o in seats_out_by_office(scenario, state)] == [("oth", 4 - 1)]
    game = chamber_game(scenario).game
    assert dict(zip(game.names, game.weights, strict=True))["oth"] == 1  # Carl alone
    assert sum(game.weights) == 9 - 3


def test_an_office_entry_for_a_side_the_party_does_not_sit_on_takes_no_seat(write_scenario) -> None:  # type: ignore[no-untyped-def]
    text = SMALL.replace("{party: oth, stance: absent, seats: 2, office: two tellers,",
                         "{party: oth, side: government, stance: absent, office: two tellers,")
    scenario = load_scenario(write_scenario(text))
    assert seats_out_by_office(scenario, scenario.state(None)) == ()
    assert sum(chamber_game(scenario).game.weights) == 9


def test_the_chair_and_seats_out_by_office_leave_the_game_together(write_scenario) -> None:  # type: ignore[no-untyped-def]
    # the Commons' rules give the Speaker a casting vote only: Ann, of gov, is out as well as oth's two tellers
    text = SMALL.replace("as_of: 2020-01-01}", "as_of: 2020-01-01,\n          speaker: {name: Ann Chair, party: gov}}")
    cg = chamber_game(load_scenario(write_scenario(text)))
    weights = dict(zip(cg.game.names, cg.game.weights, strict=True))
    assert weights == {"gov": 3 - 1, "opp": 2, "oth": 4 - 2}
    voters = 9 - 1 - 2
    assert cg.game.quota == voters // 2 + 1  # more than half of the votes cast, all who can vote voting
    assert "Ann Chair presides and votes only in a tie: one seat of Government Party does not vote" in cg.extra["explanation"]


def test_independents_out_by_office_leave_as_many_one_seat_players(write_scenario) -> None:  # type: ignore[no-untyped-def]
    text = SMALL.replace("  - {id: oth, name: Other Party, seats: 4, side: other}\n",
                         "  - {id: oth, name: Other Party, seats: 1, side: other}\n"
                         "  - {id: independent, name: Independents, seats: 3, side: other}\n")
    text = text.replace("{party: oth, stance: absent, seats: 2, office: two tellers,",
                        "{party: independent, stance: absent, seats: 2, office: two tellers,")
    game = chamber_game(load_scenario(write_scenario(text))).game
    assert sorted(n for n in game.names if n.startswith("independent")) == ["independent#1"]
    assert sum(game.weights) == 9 - 2


def test_the_dashboard_shows_seats_out_by_office_and_offers_no_stance_for_them(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    store = make_web_store(tmp_path, monkeypatch, {"alice": "editor"})
    try:
        store.save_scenario(load_scenario("gb-hc-2019"))
        app = create_app(store.url, store=store, secret="test-secret-" + "x" * 40, fail_delay=0.0)
        c = TestClient(app)
        r = c.post("/api/login", json={"name": "alice", "password": "a long enough password"})
        assert r.status_code == 200, r.text
        members = c.get("/s/gb-hc-2019/members").text
        assert "cannot vote: the Speaker and his three deputies, and the four tellers" in members
        page = c.get("/s/gb-hc-2019/stance", params={"subject": "party:not-voting/office"}).text
        assert "These seats cannot vote by office" in page
        assert not re.search(r'<button type="submit">Save</button>', page)
        assert "Take this stance back" in page
        token = r.json()["csrf_token"]
        refused = c.post("/api/scenarios/gb-hc-2019/stances", headers={"X-CSRF-Token": token},
                         json={"subject": "party:not-voting/office", "stance": "yes", "version": 1})
        assert refused.status_code == 400
        assert "cannot vote by office" in refused.json()["error"]
    finally:
        store.close()


def test_a_party_that_loses_seats_keeps_its_office_holders_and_shrinks_its_part(write_scenario) -> None:  # type: ignore[no-untyped-def]
    """oth's 4 seats on 1 February: a teller (office) and 3 noes; one of them resigns on 3 February. The
    teller keeps the office, so the noes count for 4 - 1 - 1 = 2, with a note, as a part does when its party
    loses seats (it was refused: the office's seat was not counted when the part was shrunk)."""
    text = SMALL.replace("motion:", "events:\n"
                         '  - {date: 2020-02-03, kind: resign, party: oth, seats: 1, source: "https://example.org/r"}\n'
                         "motion:", 1)
    text = text.replace("seats: 2, office: two tellers,", "seats: 1, office: a teller,")
    text = text.replace('  - {party: oth, stance: absent, date: 2020-02-01, source: "https://example.org/s"}',
                        '  - {party: oth, stance: "no", seats: 3, date: 2020-02-01, source: "https://example.org/s"}')
    count = count_scenario(load_scenario(write_scenario(text)))
    oth = {(p.stance, p.office is not None): p.seats for p in count.positions if p.party == "oth"}
    assert oth == {("absent", True): 1, ("no", False): 2}
    assert any("1 fewer than on 2020-02-01" in n and "counts for 2" in n for n in count.notes)
    # an office that does not fit itself is still refused, naming its entry
    too_many = text.replace("seats: 1, office: a teller,", "seats: 4, office: four tellers,")
    with pytest.raises(ForecastError, match=r"cover 7 seats, but it holds only 3 there"):
        count_scenario(load_scenario(write_scenario(too_many)))
