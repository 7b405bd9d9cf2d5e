"""Exact counts in compiled loops (whipcount.power.compiled, numba) against brute force, Python's big
integers, closed forms and the numpy modular tables (two implementations with different moduli)."""

from __future__ import annotations

import importlib.util
import json
import math
import os
import random
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whipcount.errors import PowerError
from whipcount.power import WeightedGame, banzhaf_swings, compiled, sizes, swings_by_size
from whipcount.power.indices import clear_caches
from whipcount.power.modular import WORD, _is_prime, swings_total_modular
from whipcount.power.weighted import max_losing_size

from .strategies_power import equal_weight_games, weighted_games
from .test_power_exact_large import _two_class_pivots
from .test_power_modular import _brute_swings_by_size

pytest.importorskip("numba")


@settings(max_examples=80, deadline=None)
@given(st.one_of(weighted_games(max_players=9, max_weight=20), equal_weight_games(),
                 weighted_games(max_players=7, max_weight=3000, proper=False)))
def test_compiled_counts_equal_brute_force(game: WeightedGame) -> None:
    clear_caches()
    truth = _brute_swings_by_size(game)
    assert [list(row) for row in swings_by_size(game, method="compiled")] == truth
    assert list(banzhaf_swings(game, method="compiled")) == [sum(row) for row in truth]


def _size_table(weights: list[int], cap: int, rows: int) -> list[list[int]]:
    """``T[k][y]``: coalitions of ``k`` players weighing ``y < cap``, in Python integers."""
    table = [[0] * cap for _ in range(rows)]
    table[0][0] = 1
    for w in weights:
        for k in range(rows - 1, 0, -1):
            for y in range(cap - 1, w - 1, -1):
                table[k][y] += table[k - 1][y - w]
    return table


@pytest.mark.parametrize("seed", range(12))
def test_the_tiles_run_every_addition_in_the_order_of_one_player_at_a_time(seed: int) -> None:
    """Any group, band and chunk (at least the largest weight) leaves every cell of the ragged table equal
    to the big-integer table modulo 2**64 and modulo a 63-bit prime."""
    rng = random.Random(seed)
    n = rng.randint(2, 14)
    weights = [rng.choice([rng.randint(0, 9), rng.randint(1, 60)]) for _ in range(n)]
    cap = rng.randint(1, max(1, sum(weights)))
    max_size = max_losing_size(weights, cap)
    rows = max_size + 1
    group, band = rng.randint(1, 9), rng.randint(1, 9)
    chunk = max(weights + [1]) + rng.randint(0, 40)
    truth = _size_table(weights, cap, rows)
    updates = compiled.schedule(weights, cap, max_size, group)
    lo, base, cells = compiled.ragged(weights, cap, rows)
    assert all(truth[k][y] == 0 for k in range(rows) for y in range(min(lo[k], cap)))  # the rows drop only zeros
    kernels = compiled._kernels()
    for modulus in (WORD, compiled.primes_63(1)[0]):
        table = np.zeros(cells, dtype=np.uint64)
        table[0] = 1
        kernels.add_rows(updates, table, base, cap, compiled._p(modulus), chunk, band)
        got = [[int(table[base[k] + y]) for y in range(lo[k], cap)] for k in range(rows)]
        assert got == [[truth[k][y] % modulus for y in range(lo[k], cap)] for k in range(rows)]


def _weight_counts(weights: list[int], cap: int) -> list[int]:
    """Coalitions of each weight ``y < cap``, by brute force over every subset (Python integers)."""
    counts = [0] * cap
    for chosen in range(1 << len(weights)):
        y = sum(w for i, w in enumerate(weights) if chosen >> i & 1)
        if y < cap:
            counts[y] += 1
    return counts


@pytest.mark.parametrize("seed", range(16))
def test_the_banzhaf_tiles_leave_every_cell_as_brute_force_does(seed: int) -> None:
    """Any group and chunk (at least the largest weight) give every cell of the weight table the count of
    the subsets of that weight, modulo 2**64 and modulo a 63-bit prime, players of weight 0 included."""
    rng = random.Random(seed)
    weights = sorted(rng.choice([rng.randint(0, 4), rng.randint(1, 30)]) for _ in range(rng.randint(1, 12)))
    cap = rng.randint(1, sum(weights) + 2)
    group, chunk = rng.randint(1, 6), max(weights) + rng.randint(0, 9)
    truth = _weight_counts(weights, cap)
    kernels = compiled._kernels()
    # the loop as numba compiles it, and as Python runs it (whose indexing is checked: numba's is not)
    for weight_table in (kernels.weight_table, kernels.weight_table.py_func):
        for modulus in (WORD, compiled.primes_63(1)[0]):
            table = weight_table(np.array(weights, dtype=np.int64), cap, compiled._p(modulus), group, max(chunk, 1))
            assert [int(v) for v in table] == [c % modulus for c in truth]


@pytest.mark.parametrize("group", [1, 3, 4, 7])
def test_the_banzhaf_tiles_carry_counts_past_a_word(group: int) -> None:
    """70 light players: the counts are binomial sums far beyond ``2**64`` (Python's ``math.comb``)."""
    weights = sorted([1] * 30 + [2] * 25 + [3] * 15)
    cap = 90
    truth = [sum(math.comb(30, i) * math.comb(25, j) * math.comb(15, k)
                 for j in range(26) for k in range(16) if 0 <= (i := y - 2 * j - 3 * k) <= 30) for y in range(cap)]
    assert max(truth) > 2**64
    kernels = compiled._kernels()
    for modulus in (WORD, *compiled.primes_63(2)):
        table = kernels.weight_table(np.array(weights, dtype=np.int64), cap, compiled._p(modulus), group, 3)
        assert [int(v) for v in table] == [c % modulus for c in truth]


def test_light_players_alone_carry_counts_past_a_word() -> None:
    """Players of weight 1 and 2 (added cell by cell) whose counts pass 2**64 on their own: every residue
    as Python's integers give it, at the sums of two residues that pass 2**63 too."""
    weights = [1] * 120 + [2] * 60
    cap = 181
    truth = [1] + [0] * (cap - 1)  # a 0/1 knapsack over Python integers
    for w in weights:
        truth = [truth[y] + (truth[y - w] if y >= w else 0) for y in range(cap)]
    assert max(truth) > 2**150
    kernels = compiled._kernels()
    for modulus in (WORD, *compiled.primes_63(2)):
        table = kernels.weight_table(np.array(weights, dtype=np.int64), cap, compiled._p(modulus), 4, 8)
        assert [int(v) for v in table] == [c % modulus for c in truth]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(0, 40), min_size=1, max_size=25), st.integers(1, 400), st.integers(1, 7))
def test_the_schedule_holds_the_planned_updates_of_every_player(weights: list[int], cap: int, group: int) -> None:
    """The closed form of the compiled path's schedule against the player-by-player bookkeeping of the
    numpy tables (sizes.plan_updates), every update in its place."""
    max_size = max_losing_size(weights, cap)
    rows = max_size + 1
    planned = {(j, k): (a, b, w) for j, (_, updates) in enumerate(sizes.plan_updates(weights, cap, max_size, 1 << 62))
               for k, a, b, w in updates}
    table = compiled.schedule(weights, cap, max_size, group)
    found = {}
    for number, t, g in zip(*np.nonzero(table[..., 1] > table[..., 0]), strict=True):
        found[(int(number) * group + int(g), int(g - t + rows - 1))] = tuple(int(v) for v in table[number, t, g])
    assert found == planned


def test_63_bit_primes_are_the_published_largest_below_2_to_the_63() -> None:
    # The Prime Pages, "Primes just less than a power of two" (https://t5k.org/lists/2small/0bit.html):
    # 2**63 - k is prime for k = 25, 165, 259, 301, 375, 387, 391, 409, 457, 471, and for no odd k between
    assert [2**63 - p for p in compiled.primes_63(10)] == [25, 165, 259, 301, 375, 387, 391, 409, 457, 471]
    assert all(pow(a, p - 1, p) == 1 for p in compiled.primes_63(10) for a in (43, 47, 53, 59))  # Fermat, other bases
    assert not any(_is_prime(2**63 - k) for k in range(1, 25, 2))


@pytest.mark.parametrize("bound", [1, 2**64 - 1, 2**64, 2**127, 2**494, 2**999, math.comb(499, 249)])
def test_moduli_cover_the_bound_with_no_prime_to_spare(bound: int) -> None:
    moduli = compiled.moduli_63(bound)
    assert moduli[0] == WORD and math.prod(moduli) > bound
    assert len(moduli) == 1 or math.prod(moduli[:-1]) <= bound


def test_the_benchmark_sizes_need_8_and_16_moduli_instead_of_11_and_23() -> None:
    assert len(compiled.moduli_63(math.comb(499, 249))) == 8  # Shapley-Shubik at 500 players
    assert len(compiled.moduli_63(2**1000)) == 16  # Banzhaf at 1000 players


@pytest.mark.parametrize(("n", "a"), [(500, 200), (1000, 400)])
def test_two_weight_classes_at_the_benchmark_sizes(n: int, a: int) -> None:
    """The benchmark's sizes (every modulus needed), against the direct count of the closed form."""
    u, v = 97, 100
    b = n - a
    quota = (u * a + v * b) // 2 + 1
    game = WeightedGame([u] * a + [v] * b, quota)
    heavy, light = _two_class_pivots(u, a, v, b, quota), _two_class_pivots(v, b, u, a, quota)
    assert banzhaf_swings(game, method="compiled")[::n - 1] == (sum(light), sum(heavy))
    if n <= 500:
        by_size = swings_by_size(game, method="compiled")
        assert (list(by_size[0]), list(by_size[-1])) == (light, heavy)


def test_random_game_at_200_players_equals_the_numpy_tables() -> None:
    rng = np.random.default_rng(200)
    weights = [int(w) for w in rng.integers(1, 1001, 200)]
    quota = sum(weights) // 2 + 1
    max_size = max_losing_size(weights, quota)
    ours = compiled.swings_by_size_compiled(weights, quota, max_size, 200)
    assert ours == sizes.swings_by_size_modular(weights, quota, max_size, 200)
    assert max(max(row) for row in ours.values()).bit_length() > 64 * 2  # several moduli were needed
    assert compiled.swings_total_compiled(weights, quota) == swings_total_modular(weights, quota)


def test_auto_counts_large_games_compiled_and_falls_back_without_numba(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real_sizes, real_total = compiled.swings_by_size_compiled, compiled.swings_total_compiled

    def by_size(*args: object) -> object:
        calls.append("sizes")
        return real_sizes(*args)  # type: ignore[arg-type]

    def total(*args: object) -> object:
        calls.append("total")
        return real_total(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(compiled, "swings_by_size_compiled", by_size)
    monkeypatch.setattr(compiled, "swings_total_compiled", total)
    game = WeightedGame(list(range(1, 81)), 1621)
    dual = game.total - game.quota + 1  # the size table read is the game's or its dual's, the smaller
    work = game.n * min((max_losing_size(game.weights, q) + 1) * q for q in (game.quota, dual))
    monkeypatch.setattr(compiled, "MIN_SIZE_WORK", work)  # at the threshold: compiled
    monkeypatch.setattr(compiled, "MIN_WEIGHT_WORK", game.n * game.quota + 1)  # one short: numpy
    clear_caches()
    pivots, swings = swings_by_size(game), banzhaf_swings(game)
    assert calls == ["sizes"]
    find_spec = importlib.util.find_spec  # numba as if not installed
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "numba" else find_spec(name, *a))
    clear_caches()
    assert swings_by_size(game) == pivots and banzhaf_swings(game) == swings
    assert calls == ["sizes"]
    with pytest.raises(PowerError, match=r"numba is not installed: pip install 'whipcount\[fast\]'"):
        swings_by_size(game, method="compiled")
    clear_caches()


_NOWHERE_TO_CACHE = """
import sys
import numba.core.caching as caching
impl = getattr(caching, "CacheImpl", None) or getattr(caching, "_CacheImpl")  # its name before numba 0.61
impl._locator_classes = []  # as where nothing is writable: numba refuses to cache
from whipcount.cli.main import main
code = main(["power", "--quota", sys.argv[1], *sys.argv[2].split(), "--index", "banzhaf", "--json"])
print("compiled loops loaded:", "whipcount.power.kernels" in sys.modules, file=sys.stderr)
raise SystemExit(code)
"""


def test_with_nowhere_to_keep_the_compiled_loops_they_compile_for_the_process() -> None:
    """A read-only install and no writable home (a locked-down container): numba has nowhere to keep the
    compiled loops and refuses to cache them, which was a traceback from ``whipcount power``. The loops are
    then compiled for the process, and the counts are the numpy tables'."""
    rng = random.Random(7)
    weights = [rng.randint(1, 1000) for _ in range(800)]
    quota = sum(weights) // 2 + 1
    assert compiled.worth_it(len(weights) * quota, compiled.MIN_WEIGHT_WORK)  # large enough for the loops
    done = subprocess.run([sys.executable, "-c", _NOWHERE_TO_CACHE, str(quota), " ".join(map(str, weights))],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "compiled loops loaded: True" in done.stderr
    expected = swings_total_modular(weights, quota)
    assert json.loads(done.stdout)["swings"] == [expected[w] for w in weights]


_DISK_FULL = """
import errno, sys
import numba.core.caching as caching
def full(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")
caching.IndexDataCacheFile._save_data = full  # as on a full disk: every save of a compiled loop fails
caching.IndexDataCacheFile._save_index = full
from whipcount.cli.main import main
code = main(["power", "--quota", sys.argv[1], *sys.argv[2].split(), "--index", "banzhaf", "--json"])
print("compiled loops loaded:", "whipcount.power.kernels" in sys.modules, file=sys.stderr)
raise SystemExit(code)
"""


def test_a_cache_folder_on_a_full_disk_leaves_the_compiled_loops_for_the_process(tmp_path: Path) -> None:
    """numba's cache folder on a full disk: saving a compiled loop raised OSError out of the first call, a
    traceback from ``whipcount power``. The loops are used uncached, and the counts are the numpy tables'."""
    rng = random.Random(11)
    weights = [rng.randint(1, 1000) for _ in range(800)]
    quota = sum(weights) // 2 + 1
    assert compiled.worth_it(len(weights) * quota, compiled.MIN_WEIGHT_WORK)
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))  # an empty cache: every loop is compiled and saved
    done = subprocess.run([sys.executable, "-c", _DISK_FULL, str(quota), " ".join(map(str, weights))],
                          capture_output=True, text=True, timeout=600, env=env)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "compiled loops loaded: True" in done.stderr
    expected = swings_total_modular(weights, quota)
    assert json.loads(done.stdout)["swings"] == [expected[w] for w in weights]
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []  # nothing half written was left


_BROKEN_NUMBA = """
import sys
sys.path.insert(0, sys.argv[1])  # a numba that cannot load here, as with a numpy it does not support
from whipcount.errors import PowerError
from whipcount.power import WeightedGame, banzhaf_swings, compiled
from whipcount.power.modular import swings_total_modular
weights = list(range(1, 1001))
game = WeightedGame(weights, sum(weights) // 2 + 1)
assert compiled.worth_it(game.n * game.quota, compiled.MIN_WEIGHT_WORK) is False
expected = swings_total_modular(weights, game.quota)
assert list(banzhaf_swings(game)) == [expected[w] for w in weights]
try:
    banzhaf_swings(game, method="compiled")
except PowerError as exc:
    print(exc)
"""


def test_a_numba_that_does_not_load_leaves_the_counts_to_numpy(tmp_path: Path) -> None:
    """numba installed but failing on import (it pins the numpy versions it supports): a large game is
    counted by the numpy tables as without numba, and ``method="compiled"`` says why it cannot be used."""
    fake = tmp_path / "numba"
    fake.mkdir()
    (fake / "__init__.py").write_text('raise ImportError("Numba needs NumPy 2.3 or less")\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", _BROKEN_NUMBA, str(tmp_path)], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == ("method='compiled' cannot be used: numba is installed but does not load: "
                                   "ImportError: Numba needs NumPy 2.3 or less")
