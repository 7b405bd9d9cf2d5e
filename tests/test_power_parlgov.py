"""ParlGov's rows that are not parties: ``none`` ("no party affiliation") and ``etc`` ("others", as ParlGov's
``view_party.csv`` names them in every country). Their seats do not vote as one, so each seat is a player of
its own; the row reports those seats' power together. Checked against Banzhaf by brute force over every
coalition of the players, and against the bloc reading it replaces."""

from __future__ import annotations

import csv
import itertools
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path
from typing import Any

from whipcount.power import WeightedGame, banzhaf
from whipcount.power.parlgov import NOT_PARTIES, parliaments, sweep

Run = Callable[..., Any]


def _brute_banzhaf(weights: list[int], quota: int) -> list[Fraction]:
    """Normalised Banzhaf by enumerating every coalition: a swing of i is a winning coalition with i that
    loses without it."""
    swings = [0] * len(weights)
    for mask in range(1 << len(weights)):
        total = sum(w for i, w in enumerate(weights) if mask >> i & 1)
        if total >= quota:
            for i, w in enumerate(weights):
                if mask >> i & 1 and total - w < quota:
                    swings[i] += 1
    return [Fraction(s, sum(swings)) for s in swings]


def _ireland_1943() -> Any:
    (p,) = [p for p in parliaments("IRL") if p.election_date == "1943-06-23"]
    return p


def test_independents_and_others_are_players_seat_by_seat() -> None:
    p = _ireland_1943()
    assert dict(zip(p.party_short, p.seats, strict=True)) == {"FF": 67, "FG": 32, "Lab": 17, "none": 11, "CnT": 10,
                                                            "one-seat": 1}
    assert p.players == (1, 1, 1, 11, 1, 1)
    game = p.game()
    assert list(game.weights) == [67, 32, 17] + [1] * 11 + [10, 1] and game.quota == 138 // 2 + 1
    assert game.names[3] == "none#30.1" and game.names[13] == "none#30.11"
    every = [c for c in parliaments() for short in c.party_short if short in NOT_PARTIES]
    # 162 rows of independents and 55 of others in the bundled table, and Finland's unlisted seat of 2023
    assert len(every) == 218


def test_a_row_of_independents_holds_its_seats_power_together() -> None:
    p = _ireland_1943()
    truth = _brute_banzhaf(list(p.game().weights), p.quota)  # 16 players: 65,536 coalitions
    rows = [r for r in sweep(("banzhaf",), country="IRL") if r.election_id == p.election_id]
    got = {r.party_short: r.values["banzhaf"] for r in rows}
    assert got["FF"] == truth[0] and got["FG"] == truth[1] and got["Lab"] == truth[2]
    assert got["none"] == sum(truth[3:14]) and got["CnT"] == truth[14] and got["one-seat"] == truth[15]
    assert sum(got.values()) == 1 and next(r.players for r in rows if r.party_short == "none") == 11
    bloc = banzhaf(WeightedGame(p.seats, p.quota))  # the old reading: 11 independents voting as one
    assert bloc[0] == Fraction(7, 11) and got["FF"] > Fraction(9, 10)  # Fianna Fáil, 67 of 138 seats


def test_the_sweep_s_csv_says_how_many_players_a_row_is(run_cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "irl.csv"
    r = run_cli("power", "--parlgov", "--country", "IRL", "-o", str(out))
    assert r.code == 0, r.err
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    for row in rows:
        expected = row["seats"] if row["party_short"] in NOT_PARTIES else "1"
        assert row["players"] == expected
    for _, group in itertools.groupby(rows, key=lambda row: row["election_id"]):
        assert sum(Fraction(row["banzhaf_exact"]) for row in group) == 1


def test_an_index_that_cannot_list_a_parliament_leaves_it_empty(run_cli: Run) -> None:
    r = run_cli("power", "--parlgov", "--country", "LTU", "--index", "holler-packel", "--max-coalitions", "100000")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(r.out.splitlines()))
    empty = {row["election_date"] for row in rows if row["holler_packel"] == ""}
    assert "1990-03-10" in empty  # 64 independents, seat by seat: far too many coalitions to list
    assert len(empty) < len({row["election_date"] for row in rows})  # the others are filled
    assert "note: holler_packel left empty in" in r.err


def test_one_parliament_left_empty_is_one_parliament(run_cli: Run) -> None:
    # one of Luxembourg's parliaments has more than 10 minimal winning coalitions (the others fewer); the
    # note had said 'left empty in 1 parliaments'
    r = run_cli("power", "--parlgov", "--country", "LUX", "--index", "holler-packel", "--max-coalitions", "10")
    assert r.code == 0, r.err
    empty = {row["election_id"] for row in csv.DictReader(r.out.splitlines()) if row["holler_packel"] == ""}
    assert len(empty) == 1
    assert "note: holler_packel left empty in 1 parliament: more than 10 coalitions" in " ".join(r.err.split())


def test_the_sweep_reports_its_progress_parliament_by_parliament() -> None:
    calls: list[tuple[int, int]] = []
    rows = list(sweep(("banzhaf",), country="IRL", progress=lambda done, total: calls.append((done, total))))
    n = len(parliaments("IRL"))
    assert calls == [(k, n) for k in range(1, n + 1)] and len({r.election_id for r in rows}) == n


def test_every_seat_of_every_parliament_is_a_player() -> None:
    """Each parliament's rows hold its whole chamber: seats no ParlGov row holds (Finland's of 2023 lists
    199 of 200) are an ``unlisted`` row, and only there."""
    from whipcount.power.parlgov import UNLISTED_ID

    unlisted = []
    for chamber in parliaments():
        assert sum(chamber.seats) == chamber.seats_total, (chamber.country, chamber.election_date)
        if UNLISTED_ID in chamber.party_ids:
            unlisted.append((chamber.country, chamber.election_date))
    assert unlisted == [("FIN", "2023-04-02")]


def test_finland_2023_counts_the_missing_seat_as_brute_force_does() -> None:
    """Banzhaf over every coalition of the 200 seats (the nine listed parties and the one seat ParlGov
    leaves out), quota 101: the National Coalition's 48 seats swing 251 of every 932 swings."""
    from itertools import combinations

    (chamber,) = [c for c in parliaments("FIN") if c.election_date == "2023-04-02"]
    seats = list(chamber.seats)
    swings = [0] * len(seats)
    for k in range(len(seats) + 1):
        for coalition in combinations(range(len(seats)), k):
            weight = sum(seats[i] for i in coalition)
            for i in range(len(seats)):
                if i not in coalition and weight < chamber.quota <= weight + seats[i]:
                    swings[i] += 1
    rows = [r for r in sweep(("banzhaf",), country="FIN") if r.election_date == "2023-04-02"]
    assert [r.values["banzhaf"] for r in rows] == [Fraction(s, sum(swings)) for s in swings]
    assert (rows[0].party_short, rows[0].values["banzhaf"]) == ("KOK", Fraction(251, 932))
    assert (rows[-1].party_short, rows[-1].party_id, rows[-1].seats) == ("unlisted", 0, 1)  # as docs/power.md says
