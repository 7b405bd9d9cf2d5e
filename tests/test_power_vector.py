"""Multi-criteria games: meet in the middle against brute force, and the EU Council's qualified majority."""

from __future__ import annotations

import json
import math
from fractions import Fraction

import numpy as np
import numpy.typing as npt
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whipcount.cli.main import main
from whipcount.errors import NotFound, PowerError
from whipcount.power import (
    VectorGame,
    WeightedGame,
    banzhaf,
    banzhaf_swings,
    get_index,
    registered,
    shapley_shubik,
)
from whipcount.power.indices import swings_by_size, vector_method
from whipcount.power.named import NamedGame, named_game, named_games
from whipcount.power.vector import count_meet_in_the_middle, size_thresholds

from .strategies_power import count_and_weight_games

# ---------------------------------------------------------------------------------------------
# Independent truth: the winning set of all 2**n coalitions straight from the components.
# ---------------------------------------------------------------------------------------------


def brute_win(game: VectorGame) -> npt.NDArray[np.bool_]:
    n = game.n
    masks = np.arange(1 << n)
    members = ((masks[:, None] >> np.arange(n)[None, :]) & 1).astype(np.int64)  # (2**n, n)

    def wins(g: WeightedGame) -> npt.NDArray[np.bool_]:
        return np.asarray(members @ np.array(g.weights, dtype=np.int64) >= g.quota)

    win = np.all([wins(g) for g in game.games], axis=0)
    for g in game.or_games:
        win = win | wins(g)
    return np.asarray(win, dtype=bool)


def brute_swings_by_size(game: VectorGame) -> list[list[int]]:
    n = game.n
    win = brute_win(game)
    masks = np.arange(1 << n)
    size = np.array([bin(m).count("1") for m in range(1 << n)])
    out = []
    for i in range(n):
        without = masks[(masks >> i) & 1 == 0]
        swing = win[without | (1 << i)] & ~win[without]
        out.append([int(x) for x in np.bincount(size[without][swing], minlength=n)[:n]])
    return out


# ---------------------------------------------------------------------------------------------
# Meet in the middle == brute force
# ---------------------------------------------------------------------------------------------


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_and_weight_games(or_clause=False))
def test_meet_in_the_middle_equals_brute_force(game: VectorGame) -> None:
    assert vector_method(game) == "meet-in-the-middle"
    truth = brute_swings_by_size(game)
    assert [list(row) for row in swings_by_size(game)] == truth
    plan = size_thresholds(game)
    assert plan is not None
    assert count_meet_in_the_middle(plan).losing == int((~brute_win(game)).sum())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_and_weight_games(or_clause=True))
def test_meet_in_the_middle_with_or_clause_equals_brute_force(game: VectorGame) -> None:
    assert vector_method(game) == "meet-in-the-middle"
    truth = brute_swings_by_size(game)
    assert [list(row) for row in swings_by_size(game)] == truth
    swings = [sum(row) for row in truth]
    if sum(swings):
        assert list(banzhaf(game)) == [Fraction(s, sum(swings)) for s in swings]
        n, f = game.n, math.factorial
        ss = [Fraction(sum(c * f(k) * f(n - 1 - k) for k, c in enumerate(row)), f(n)) for row in truth]
        assert list(shapley_shubik(game)) == ss
        assert sum(ss) == 1  # efficiency


@st.composite
def count_only_games(draw: st.DrawFn) -> VectorGame:
    """Every clause counts members (equal weights): no weight clause at all, maybe an OR clause."""
    n = draw(st.integers(1, 12))
    step = draw(st.integers(1, 4))
    games = [WeightedGame([1] * n, draw(st.integers(1, n)), proper=False),
             WeightedGame([step] * n, draw(st.integers(1, step * n)), proper=False)]
    or_games = [WeightedGame([1] * n, draw(st.integers(1, n)), proper=False)] if draw(st.booleans()) else []
    return VectorGame(games, or_games=or_games)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_only_games())
def test_count_clauses_alone_equal_brute_force(game: VectorGame) -> None:
    assert vector_method(game) == "meet-in-the-middle"
    assert [list(row) for row in swings_by_size(game)] == brute_swings_by_size(game)


def test_two_weight_criteria_fall_back_to_brute_force() -> None:
    game = VectorGame([WeightedGame([3, 1, 2, 2], 5), WeightedGame([1, 4, 2, 2], 5), WeightedGame([1] * 4, 3)])
    assert size_thresholds(game) is None and vector_method(game) == "brute-force"
    assert [list(r) for r in swings_by_size(game)] == brute_swings_by_size(game)


def test_or_clause_by_hand() -> None:
    # 4 players; wins with 3 members and weight >= 10, or with all 4 members whatever the weight.
    game = VectorGame([WeightedGame([1] * 4, 3), WeightedGame([6, 4, 1, 1], 10)], or_games=[WeightedGame([1] * 4, 4)])
    winning = {frozenset(s) for s in ({0, 1, 2}, {0, 1, 3}, {0, 1, 2, 3})}
    for mask in range(16):
        s = frozenset(i for i in range(4) if mask >> i & 1)
        assert game.is_winning(s) == (s in winning)
    # swings of 0: {1,2}, {1,3}, {1,2,3}; of 1: {0,2}, {0,3}, {0,2,3}; of 2: {0,1}; of 3: {0,1}
    assert banzhaf_swings(game) == (3, 3, 1, 1)


def test_vector_game_rejects_mismatched_or_games() -> None:
    with pytest.raises(PowerError, match=r"or_games\[0\] has 3 players"):
        VectorGame([WeightedGame([1, 1], 2)], or_games=[WeightedGame([1, 1, 1], 2)])


# ---------------------------------------------------------------------------------------------
# The Council of the EU (TEU Art. 16(4), TFEU Art. 238(3)(a)), 2024
# ---------------------------------------------------------------------------------------------

# The bundled figures, typed again here (population on 1 January 2023, Eurostat; see the data header).
POP = {
    "DE": 84358845, "FR": 68070697, "IT": 58850717, "ES": 48059777, "PL": 36753736, "RO": 19051562,
    "NL": 17811291, "BE": 11754004, "CZ": 10827529, "SE": 10521556, "PT": 10467366, "EL": 10394055,
    "HU": 9597085, "AT": 9104772, "BG": 6447710, "DK": 5932654, "FI": 5563970, "SK": 5428792,
    "IE": 5194336, "HR": 3850894, "LT": 2857279, "SI": 2116792, "LV": 1883008, "EE": 1365884,
    "CY": 920701, "LU": 660809, "MT": 542051,
}  # fmt: skip
TOTAL = 448_387_872
QUOTA = 291_452_117  # 65 % of 448,387,872 = 291,452,116.8, rounded up to a whole person


@pytest.fixture(scope="module")
def eu() -> NamedGame:
    return named_game("eu-council-2024")


def _wins(eu: NamedGame, codes: set[str]) -> bool:
    index = {c: i for i, c in enumerate(eu.codes)}
    return bool(eu.game.is_winning({index[c] for c in codes}))


def test_eu_council_basic_facts(eu: NamedGame) -> None:
    assert "eu-council-2024" in named_games()
    assert eu.game.n == 27 and dict(zip(eu.codes, eu.population, strict=True)) == POP
    assert sum(POP.values()) == TOTAL == eu.total_population
    assert eu.member_quota == 15 and eu.clause_quota == 24 and eu.population_quota == QUOTA
    assert eu.verified is False  # the data file says UNVERIFIED until checked against the Official Journal


def test_eu_blocking_minority_clause(eu: NamedGame) -> None:
    small24 = set(POP) - {"DE", "FR", "IT"}
    assert sum(POP[c] for c in small24) == 237_107_613  # 52.9 %: below 65 %, yet ...
    assert _wins(eu, small24)  # ... DE+FR+IT are only three members: no blocking minority
    small23 = small24 - {"ES"}
    assert sum(POP[c] for c in small23) == 189_047_836  # 23 members, 42.2 %: loses
    assert not _wins(eu, small23)
    # DE, FR, IT and NL block: the other 23 have 219,296,322 people (48.9 %)
    assert not _wins(eu, set(POP) - {"DE", "FR", "IT", "NL"})


def test_eu_double_majority_by_hand(eu: NamedGame) -> None:
    big5 = {"DE", "FR", "IT", "ES", "PL"}
    assert sum(POP[c] for c in big5) == 296_093_772  # 66.0 % of the population ...
    assert not _wins(eu, big5)  # ... but 5 members, not 15
    smallest10 = {"MT", "LU", "CY", "EE", "LV", "SI", "LT", "HR", "IE", "SK"}
    assert _wins(eu, big5 | smallest10)  # 15 members, at least 296,093,772 people
    # 15 members without DE: FR IT ES PL RO NL BE CZ SE PT EL HU AT BG DK
    no_de = {"FR", "IT", "ES", "PL", "RO", "NL", "BE", "CZ", "SE", "PT", "EL", "HU", "AT", "BG", "DK"}
    assert sum(POP[c] for c in no_de) == 333_644_511 >= QUOTA
    assert _wins(eu, no_de)
    # 15 members: DE FR IT + the 12 smallest = 211,280,259 + 36,317,170 people: below 65 %
    twelve = {"MT", "LU", "CY", "EE", "LV", "SI", "LT", "HR", "IE", "SK", "FI", "DK"}
    assert sum(POP[c] for c in {"DE", "FR", "IT"} | twelve) == 247_597_429 < QUOTA
    assert not _wins(eu, {"DE", "FR", "IT"} | twelve)
    # 14 members with 405,622,992 people (90.5 %): one member short
    fourteen = big5 | {"RO", "NL", "BE", "CZ", "SE", "PT", "EL", "HU", "AT"}
    assert len(fourteen) == 14 and sum(POP[c] for c in fourteen) >= QUOTA
    assert not _wins(eu, fourteen)
    assert "wins" in eu.explain(no_de) and "loses" in eu.explain(fourteen)


def test_eu_indices_axioms(eu: NamedGame) -> None:
    """The EU Council's indices by meet in the middle (its time is measured in benchmarks/power.py)."""
    game = eu.game
    bz = banzhaf(game)
    ss = shapley_shubik(game)
    assert vector_method(game) == "meet-in-the-middle"  # 2**27 coalitions: out of the brute-force path's reach
    assert sum(bz) == 1 and sum(ss) == 1  # efficiency
    # desirability: a larger population never has less power (the members criterion treats all alike)
    order = sorted(range(27), key=lambda i: -eu.population[i])
    for index in (bz, ss, banzhaf_swings(game)):
        values = [index[i] for i in order]
        assert all(a >= b for a, b in zip(values, values[1:], strict=False))
    assert all(x > 0 for x in bz)  # no dummy: every state can swing (e.g. as the 15th member)
    penrose = get_index("penrose")(game)
    assert all(Fraction(s, 2**26) == p for s, p in zip(banzhaf_swings(game), penrose, strict=True))


def test_unknown_named_game() -> None:
    with pytest.raises(NotFound, match="eu-council-1999"):
        named_game("eu-council-1999")


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------


def test_cli_eu_council_json(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["power", "--game", "eu-council-2024", "--index", "banzhaf,ss", "--json"])
    out = capsys.readouterr().out
    assert rc == 0
    data = json.loads(out)
    assert data["game"] == "eu-council-2024" and data["verified"] is False
    assert data["member_quota"] == 15 and data["population_quota"] == QUOTA
    assert data["blocking_minority_clause_quota"] == 24 and data["method"] == "meet-in-the-middle"
    assert set(data["indices"]) == {"banzhaf", "shapley_shubik"}
    assert sum(Fraction(c["exact"]) for c in data["indices"]["shapley_shubik"]) == 1
    assert data["players"][0] == "Germany" and data["population"][0] == POP["DE"]


def test_cli_eu_council_table_says_unverified(capsys: pytest.CaptureFixture[str]) -> None:
    rc = main(["power", "--game", "eu-council-2024", "--index", "bz"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "Germany (DE)" in out and "84,358,845" in out and "UNVERIFIED" in out


def test_cli_eu_council_all_is_every_index_that_takes_it(capsys: pytest.CaptureFixture[str]) -> None:
    # --index all had asked for the enumerating indices too and failed on Holler-Packel
    rc = main(["power", "--game", "eu-council-2024", "--index", "all", "--json"])
    captured = capsys.readouterr()
    assert rc == 0, captured.err
    takes = {ix.key for ix in registered() if ix.vector_games}
    assert set(json.loads(captured.out)["indices"]) == takes
    assert {"banzhaf", "penrose", "shapley_shubik", "coleman_prevent", "coleman_initiate"} <= takes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--game", "eu-council-1999"], "no bundled game"),
        (["--game", "eu-council-2024", "--index", "johnston"], "not available for vector games"),
        (["--game", "eu-council-2024", "--quota", "3", "1", "2"], "--game takes no"),
    ],
)
def test_cli_game_errors_are_one_line(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    rc = main(["power", *args])
    err = capsys.readouterr().err
    assert rc == 1 and message in err and len(err.strip().splitlines()) == 1


def test_weights_past_the_int64_range_are_counted_by_brute_force_and_exactly() -> None:
    """Three members of 2**62 and one of 1; to win, two of the big ones (quota 2**63) and three members of
    four. The weights sum past int64, so meet in the middle (int64 sums) is not used. By hand, each player
    swings only as the third member of a coalition holding two big ones with it: three coalitions of two
    others each (for a big one: the other two big ones, or one of them with the small one)."""
    big = 1 << 62
    game = VectorGame([WeightedGame([big, big, big, 1], 1 << 63), WeightedGame([1] * 4, 3)])
    assert vector_method(game) == "brute-force"
    assert swings_by_size(game) == ((0, 0, 3, 0),) * 4


def test_meet_in_the_middle_refuses_past_40_players_and_says_the_work() -> None:
    plan = size_thresholds(VectorGame([WeightedGame([1] * 41, 21)]))
    assert plan is not None
    with pytest.raises(PowerError, match=r"41 players is above the meet-in-the-middle limit of 40 "
                                         r"\(2,097,152 subsets per half\)"):
        count_meet_in_the_middle(plan)


def test_population_figures_without_the_unverified_mark_are_verified(monkeypatch: pytest.MonkeyPatch) -> None:
    from whipcount.power import named

    header, rows, where = named._read_population(2024)
    assert any("UNVERIFIED" in line for line in header) and named.eu_council(2024).verified is False
    monkeypatch.setattr(named, "_read_population", lambda year: (["Source: the Council's decision"], rows, where))
    checked = named.eu_council(2024)
    assert checked.verified is True and checked.source == "the Council's decision"


def test_a_council_of_twenty_needs_eleven_members_for_55_percent(monkeypatch: pytest.MonkeyPatch) -> None:
    """55 % of 20 members is exactly 11 (of 27 it is 14.85, so 15): the share, not the rounding, decides."""
    from whipcount.power import named

    rows = [(f"M{i}", f"Member {i}", 1_000_000 + i) for i in range(20)]
    monkeypatch.setattr(named, "_read_population", lambda year: (["Source: test"], rows, "test"))
    assert named.eu_council(2024).rule.startswith("at least 11 of 20 members (55 %)")


def test_the_brute_force_limit_says_how_many_coalitions() -> None:
    n = 23  # two different weight vectors: not a shape meet in the middle counts, so brute force, limit 22
    game = VectorGame([WeightedGame([2] + [1] * (n - 1), 13), WeightedGame([1] * (n - 1) + [2], 13)])
    with pytest.raises(PowerError, match=r"23 players is above the brute-force limit of 22 \(8,388,608 coalitions\)"):
        swings_by_size(game)


def test_meet_in_the_middle_keeps_its_sums_below_2_to_the_62() -> None:
    big = 1 << 61
    game = VectorGame([WeightedGame([big, big, 1], big + 1), WeightedGame([1] * 3, 2)])  # sums to 2**62 + 1
    assert vector_method(game) == "brute-force"
    # two members holding a big one win: each player swings with either of the other two alone
    assert swings_by_size(game) == ((0, 2, 0),) * 3


def test_a_vector_game_s_names_are_its_own_or_its_first_component_s() -> None:
    parts = [WeightedGame([2, 1, 1], 3, names=["x", "y", "z"]), WeightedGame([1, 1, 1], 2)]
    assert VectorGame(parts).names == ("x", "y", "z")
    assert VectorGame(parts, names=["a", "b", "c"]).names == ("a", "b", "c")


def test_the_population_figures_name_their_source_without_the_comment_mark() -> None:
    from whipcount.power import named

    assert named.eu_council(2024).source.startswith('Eurostat, "Population on 1 January" (demo_pjan)')


def test_a_size_with_no_threshold_never_wins() -> None:
    # 12 of 23 members and 14 of 27 in weight: coalitions under 12 members cannot win, whatever they weigh
    plan = size_thresholds(VectorGame([WeightedGame([1] * 23, 12), WeightedGame([5] + [1] * 22, 14)]))
    assert plan is not None
    assert not plan.is_winning(tuple(range(11)))  # 15 of weight, but 11 members: too few
    assert plan.is_winning(tuple(range(12)))  # 16 of weight and 12 members


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_and_weight_games(max_players=8))
def test_the_size_thresholds_say_who_wins_as_the_game_does(game: VectorGame) -> None:
    """The plan's own definition of winning against the game's, coalition by coalition (all 2**n)."""
    plan = size_thresholds(game)
    assert plan is not None
    win = brute_win(game)
    for mask in range(1 << game.n):
        members = tuple(i for i in range(game.n) if mask >> i & 1)
        assert plan.is_winning(members) == bool(win[mask]), members


def test_explain_reads_a_list_of_members_each_once(eu: NamedGame) -> None:
    # 'DE' as a bare string had been read letter by letter ('unknown members D, E'), and Germany given twice
    # (by code and by name) explained as one member without a word
    with pytest.raises(PowerError, match="expected a list of members"):
        eu.explain("DE")  # type: ignore[arg-type]
    with pytest.raises(PowerError, match="each member once, got DE more than once"):
        eu.explain(["DE", "Germany", "FR"])
    assert eu.explain(["DE", "France"]).startswith("2 of 27 members")
