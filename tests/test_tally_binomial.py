"""The table-driven binomial draws of the swing's Monte Carlo, against ``math.comb``.

Independent truths: the binomial probabilities from ``math.comb`` in exact rationals turned into floats,
and the standard errors of sample frequencies.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from whipcount.tally import binomial as tb


def _pmf(n: int, p: float) -> np.ndarray:
    return np.array([math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)])


def test_every_alias_table_gives_back_its_binomial() -> None:
    # column x is kept with probability keep[x] and otherwise sends its mass to alias[x]: adding up, each
    # row must be Binomial(n, d / (G - 1)) to rounding
    for n in (0, 1, 2, 5, 17, 40, tb.NMAX):
        keep, alias = tb._rows(n)
        keep, alias = keep.reshape(tb.G, n + 1), alias.reshape(tb.G, n + 1)
        for d in range(tb.G):
            got = keep[d] / (n + 1)
            np.add.at(got, alias[d], (1.0 - keep[d]) / (n + 1))
            assert np.abs(got - _pmf(n, d / (tb.G - 1))).max() < 1e-12, (n, d)


def test_the_draw_reads_each_rows_table_where_it_starts() -> None:
    # the draw finds row (n, d) by a table of row starts and keeps a column below its index plus its
    # keep: read that way, every row must again be Binomial(n, d / (G - 1)), and d = G (p = 1) all yes
    start, threshold, away, _, _ = tb._lookup(tb.NMAX)
    for n in (1, 2, 9, 40, tb.NMAX):
        for d in range(tb.G + 1):
            at = int(start[n * (tb.G + 1) + d])
            cols = np.arange(n + 1)
            keep = threshold[at: at + n + 1] - cols
            assert np.all((keep >= 0) & (keep <= 1)), (n, d)
            got = keep / (n + 1)
            np.add.at(got, cols + away[at: at + n + 1], (1.0 - keep) / (n + 1))
            want = _pmf(n, min(d, tb.G - 1) / (tb.G - 1))
            assert np.abs(got - want).max() < 1e-12, (n, d)


CASES = [(1, 0.5), (10, 0.3), (37, 0.777), (40, 0.5), (63, 0.999), (63, 64 / 128), (20, 1e-6), (64, 0.4),
         (150, 0.62), (5, 0.0), (5, 1.0), (12, 1 - 1e-12)]


@pytest.mark.parametrize(("n", "p"), CASES)
def test_draws_follow_the_binomial(n: int, p: float) -> None:
    sims = 200_000
    x = tb.binomial(np.full(sims, n), np.full(sims, p), np.random.default_rng(n * 1000 + int(p * 997)))
    assert x.min() >= 0 and x.max() <= n
    freq = np.bincount(x, minlength=n + 1) / sims
    truth = _pmf(n, p)
    se = np.sqrt(truth * (1 - truth) / sims)
    seen = truth > 0
    assert np.all(freq[~seen] == 0)
    assert np.all(np.abs(freq[seen] - truth[seen]) <= 4.5 * se[seen] + 1e-12), (n, p)
    mean_se = math.sqrt(n * p * (1 - p) / sims)
    assert abs(x.mean() - n * p) <= 4 * mean_se + 1e-12


def test_cells_of_many_shapes_and_sizes_at_once() -> None:
    # one call, cells of every kind mixed: empty, table-sized, past the tables (cut in pieces of at most
    # NMAX = 63: a whole number of pieces, or one short piece more), certain; each column checked against
    # its own mean, and never outside 0..n
    n = np.array([0, 3, 63, 64, 200, 7, 9, 62, 126, 127, 1])
    p = np.array([0.4, 0.9, 0.25, 0.5, 0.01, 1.0, 0.0, 0.3, 0.7, 0.45, 0.5])
    sims = 50_000
    x = tb.binomial(np.broadcast_to(n, (sims, len(n))), np.broadcast_to(p, (sims, len(n))),
                    np.random.default_rng(3))
    assert x.shape == (sims, len(n))
    assert np.all(x >= 0) and np.all(x <= n)
    assert np.all(x[:, 0] == 0) and np.all(x[:, 5] == 7) and np.all(x[:, 6] == 0)
    se = np.sqrt(n * p * (1 - p) / sims)
    assert np.all(np.abs(x.mean(axis=0) - n * p) <= 4 * se + 1e-12)
    # p broadcast from one row
    y = tb.binomial(np.full((4, 3), 10), np.array([0.0, 1.0, 0.0]), np.random.default_rng(0))
    assert y.tolist() == [[0, 10, 0]] * 4


def test_the_same_generator_state_gives_the_same_draws() -> None:
    n = np.arange(100) % 70
    p = np.linspace(0, 1, 100)
    a = tb.binomial(n, p, np.random.default_rng(9))
    b = tb.binomial(n, p, np.random.default_rng(9))
    assert np.array_equal(a, b)
