"""Power after floor-crossing: a party whose members sit on two sides is weighed as two blocs (its seats on
each side), not as one party that keeps its full weight. Checked against a brute-force Banzhaf count over
every coalition of the blocs, with the blocs' seats read from the whip count (tally), not from power.
Independents are players seat by seat."""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np

from whipcount.io.scenario import load_scenario


def _banzhaf(weights: list[int], quota: int) -> list[Fraction]:
    """By enumeration: a swing of i is a winning coalition with i that loses without it."""
    bits = (np.arange(1 << len(weights))[:, None] >> np.arange(len(weights))) & 1
    total = bits @ np.array(weights)
    swings = [int(((total >= quota) & (bits[:, i] == 1) & (total - w < quota)).sum()) for i, w in enumerate(weights)]
    return [Fraction(x, sum(swings)) for x in swings]


def test_split_parties_become_blocs_by_default(run_cli) -> None:  # type: ignore[no-untyped-def]
    on = "2022-03-30"
    tally = json.loads(run_cli("tally", "pk-na-2022", "--on", on, "--json").out)
    blocs = sorted((f"{p['id']}@{side}" if len([n for n in p["by_side"].values() if n]) > 1 else p["id"], n)
                   for p in tally["parties"] for side, n in p["by_side"].items() if n)
    # independents do not vote as one: each seat is a player of weight 1, named by its member where the
    # scenario names one (docs/power.md)
    (ind,) = [n for name, n in blocs if name == "independent"]
    named = sorted(m.id for m in load_scenario("pk-na-2022").members if m.party == "independent")
    assert 0 < len(named) < ind  # some named, one not: both kinds of player are read
    seats = [*named, *map(str, range(len(named) + 1, ind + 1))]
    blocs = sorted([b for b in blocs if b[0] != "independent"] + [(f"independent#{k}", 1) for k in seats])
    out = json.loads(run_cli("power", "pk-na-2022", "--on", on, "--index", "banzhaf", "--json").out)
    assert out["by"] == "bloc" and {"bap", "pml-q"} <= set(out["split_parties"])
    assert sorted(zip(out["players"], out["weights"], strict=True)) == blocs
    names, weights = zip(*blocs, strict=True)
    truth = dict(zip(names, _banzhaf(list(weights), tally["needed"]), strict=True))
    got = {p: Fraction(c["exact"]) for p, c in zip(out["players"], out["indices"]["banzhaf"], strict=True)}
    assert got == truth
    labels = dict(zip(out["players"], out["labels"], strict=True))
    assert labels["independent#ali-wazir"] == "Ind.: Ali Wazir" and labels[f"independent#{ind}"] == f"Ind. {ind}"


def test_by_party_keeps_parties_whole_and_says_so(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(run_cli("power", "pk-na-2022", "--on", "2022-03-30", "--by", "party", "--json").out)
    assert out["by"] == "party" and "bap" in out["players"] and not any("@" in p for p in out["players"])
    text = run_cli("power", "pk-na-2022", "--on", "2022-03-30", "--by", "party").out
    assert "players are whole parties" in " ".join(text.split())


def test_before_any_split_the_players_are_parties(run_cli) -> None:  # type: ignore[no-untyped-def]
    out = json.loads(run_cli("power", "pk-na-2022", "--on", "2022-03-08", "--json").out)
    tally = json.loads(run_cli("tally", "pk-na-2022", "--on", "2022-03-08", "--json").out)
    if any(len([n for n in p["by_side"].values() if n]) > 1 for p in tally["parties"]):
        assert out["by"] == "bloc"
    else:
        assert out["by"] == "party"


def test_by_with_weights_is_refused(run_cli) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("power", "--quota", "3", "2", "1", "1", "--by", "bloc")
    assert r.code == 1 and "--by applies to a SCENARIO" in r.err


def test_the_table_names_parties_as_readers_know_them(run_cli) -> None:  # type: ignore[no-untyped-def]
    """The JSON keeps the stable ids; the table shows short names, a bloc with its side."""
    out = json.loads(run_cli("power", "pk-na-2022", "--on", "2022-03-30", "--json").out)
    assert out["players"][0] == "pti" and out["labels"][0] == "PTI"
    assert "BAP (opposition)" in out["labels"]
    text = run_cli("power", "pk-na-2022", "--on", "2022-03-30", "--index", "banzhaf").out
    assert "PML-N" in text and "BAP (opposition)" in text and "pml-n " not in text


def test_a_party_left_without_seats_is_no_player_and_its_leavers_count_seat_by_seat(run_cli, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Party C's five members all leave it (a dated event): C plays no more, and the five independents are
    five players of one seat, by party and by bloc alike; Banzhaf by brute force over every coalition."""
    case = tmp_path / "case.yaml"
    assert run_cli("new", str(case), "--on", "2026-12-07").code == 0
    text = case.read_text(encoding="utf-8").replace(
        "motion:                        # the motion being counted",
        "  - {date: 2026-12-04, kind: leave-party, party: party-c, seats: 5, summary: all of C leave,\n"
        "     source: \"https://example.org/EXAMPLE\"}\n"
        "motion:                        # the motion being counted")
    case.write_text(text, encoding="utf-8")
    for by in ("party", "bloc"):
        out = json.loads(run_cli("power", str(case), "--by", by, "--index", "banzhaf", "--json").out)
        assert not any(p.startswith("party-c") for p in out["players"]), by
        singles = [p for p in out["players"] if p.startswith("independent")]
        assert len(singles) == 5 and all(w == 1 for p, w in zip(out["players"], out["weights"], strict=True)
                                         if p in singles), by
        truth = _banzhaf(out["weights"], out["quota"])
        assert [Fraction(c["exact"]) for c in out["indices"]["banzhaf"]] == truth


def test_independents_on_two_sides_are_named_on_their_own_side(run_cli) -> None:  # type: ignore[no-untyped-def]
    """8 March 2022: two independents with the government (Bhootani, Ali Nawaz Shah) and two with the
    opposition (Ali Wazir and one the scenario does not name), as its members list has them."""
    bloc = json.loads(run_cli("power", "pk-na-2022", "--on", "2022-03-08", "--by", "bloc", "--json").out)
    assert sorted(p for p in bloc["players"] if p.startswith("independent")) == [
        "independent@government#ali-nawaz-shah", "independent@government#aslam-bhootani",
        "independent@opposition#2", "independent@opposition#ali-wazir"]
    whole = json.loads(run_cli("power", "pk-na-2022", "--on", "2022-03-08", "--by", "party", "--json").out)
    assert sorted(p for p in whole["players"] if p.startswith("independent")) == [
        "independent#4", "independent#ali-nawaz-shah", "independent#ali-wazir", "independent#aslam-bhootani"]
    held = json.loads(run_cli("tally", "pk-na-2022", "--on", "2022-03-08", "--json").out)
    assert sum(whole["weights"]) == sum(bloc["weights"]) == 342 - held["vacancies"]  # every seat held plays


def test_coalitions_read_as_the_power_table_names_the_players(run_cli) -> None:  # type: ignore[no-untyped-def]
    """PTI 155 + MMA 14 + GDA 3 = 172, exactly the quota: a minimum winning coalition, shown by the names the
    power table gives (ids in JSON)."""
    data = json.loads(run_cli("coalitions", "pk-na-2022", "--kind", "minimum", "--json").out)
    assert {"members": ["pti", "mma", "gda"], "weight": 172} in data["coalitions"]
    table = " ".join(run_cli("coalitions", "pk-na-2022", "--kind", "minimum", "--limit", "0").out.split())
    assert "172 PTI + MMA + GDA " in table and "pti" not in table  # --limit 0: streamed rows, weight first
    assert "Ind.: Ali Wazir" in table  # a seat of one: an independent completes many of them


def test_the_words_under_the_table_say_independents_vote_seat_by_seat(run_cli) -> None:  # type: ignore[no-untyped-def]
    # 'players are whole parties' alone had read as if the independents voted as one
    tally = json.loads(run_cli("tally", "pk-na-2022", "--on", "2022-03-30", "--json").out)
    (ind,) = [sum(p["by_side"].values()) for p in tally["parties"] if p["id"] == "independent"]
    assert ind > 1
    for command in ("power", "coalitions"):
        text = " ".join(run_cli(command, "pk-na-2022", "--on", "2022-03-30", "--by", "party").out.split())
        assert "players are whole parties (" in text
        assert f"; each of the {ind} independents is a player of its own" in text
