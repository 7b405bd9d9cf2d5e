"""Binomial draws for many small cells at once, exact in distribution, cheaper than ``Generator.binomial``.

``Generator.binomial`` pays a set-up per cell (a power, a square root) and a loop with a division per
step: about 100 ns a cell, which is what a swing's Monte Carlo spends most of its time on (one binomial
per class of members and draw, each with its own probability). :func:`binomial` draws the same
distribution with table look-ups, about a third of that, for ``n <= NMAX`` (a larger cell is drawn in
pieces of at most ``NMAX`` members, which add up: they share ``p``; a cell of more than :data:`BIG` members
by ``Generator.binomial`` itself, whose cost does not grow with ``n``).

How. Each member votes yes when a uniform ``U < p``. Split ``U``'s range into ``G`` equal cells: with
``d = floor(p * G)`` a member whose cell is below ``d`` says yes, above ``d`` says no, and in cell ``d``
(probability ``1/G``) is *undecided*: yes with probability ``f = p * G - d``. So, exactly:

* the number undecided is ``u ~ Binomial(n, 1/G)``: zero unless a uniform passes ``(1 - 1/G)**n``,
  and then read from its table by inverse CDF;
* the ``n - u`` decided members say yes each with probability ``d / (G - 1)``, a grid value: drawn from
  a precomputed alias table (Walker's method: one uniform, one look-up) for every ``(n - u, d)``;
* the ``u`` undecided members say yes each with probability ``f``: the same draw again, on the few
  cells concerned (one in ten or so), until none is left.

The tables' probabilities are computed in float64 from log-factorials (error about 1e-15), like any
inverse-CDF draw in this package; the alias step compares ``(n + 1) U`` with a column's index plus its
keep, which rounds the keep to about 1e-14; nothing else is approximated.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

from whipcount.tally.alias import alias_rows

__all__ = ["BIG", "G", "NMAX", "binomial", "binomial_grid", "binomial_pmf"]

G = 128
"""Grid cells of the unit interval: a member is undecided with probability 1/G."""
NMAX = 63
"""The largest ``n`` drawn from the tables in one piece."""

BIG = 64 * NMAX
"""A cell of more members than this is drawn by ``Generator.binomial`` (its time a cell does not grow with
``n``), not in pieces of :data:`NMAX`, whose number (and memory) grows with the members: a bloc of 50,000
would be 794 pieces in every draw."""

PIECES_AT_ONCE = 1 << 18
"""Pieces drawn in one go: their arrays (about 100 bytes a piece) stay near 25 MB however many cells and
members a chunk holds."""

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
Int8Array = npt.NDArray[np.int8]
Float32Array = npt.NDArray[np.float32]

_TOP = NMAX + 1  # equivalent mutant "1 -> 2": a longer table of log-factorials than NMAX needs
_LOG_FACT = np.concatenate(([0.0], np.cumsum(np.log(np.arange(1, _TOP, dtype=np.float64)))))


def binomial_pmf(n: int, p: FloatArray) -> FloatArray:
    """``P(X = k)`` for ``X ~ Binomial(n, p)``, one row per value of ``p``, columns ``k = 0..n``."""
    k = np.arange(n + 1, dtype=np.float64)
    log_c = _LOG_FACT[n] - _LOG_FACT[: n + 1] - _LOG_FACT[n::-1]
    p = np.asarray(p, dtype=np.float64)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        log_yes = np.where(k > 0, k * np.log(p), 0.0)
        log_no = np.where(k < n, (n - k) * np.log1p(-p), 0.0)
    pmf = np.exp(log_c + log_yes + log_no)
    return np.asarray(pmf / pmf.sum(axis=1, keepdims=True), dtype=np.float64)


@cache
def _rows(n: int) -> tuple[FloatArray, IntArray]:
    """The alias tables of ``Binomial(n, d / (G - 1))`` for ``d = 0..G-1``, flattened (``G * (n + 1)``)."""
    keep, alias = alias_rows(binomial_pmf(n, np.arange(G) / (G - 1)))
    return keep.ravel(), alias.ravel()


@cache
def _tables(top: int) -> tuple[IntArray, FloatArray, IntArray, FloatArray, FloatArray]:
    """Every ``n <= top`` at once: each ``n``'s offset, keep and alias, ``P(u = 0)`` and the CDFs of
    ``u ~ Binomial(n, 1/G)`` (``top + 2`` columns a row)."""
    parts = [_rows(n) for n in range(top + 1)]
    sizes = [len(keep) for keep, _ in parts]
    # n = 0's offset is never read: binomial() draws no empty cell
    starts = np.cumsum(sizes)[:-1]
    offset = np.concatenate(([0], starts)).astype(np.int64)  # equivalent mutants "0 -> -1", "0 -> 1": above
    keep = np.concatenate([k for k, _ in parts])
    alias = np.concatenate([a for _, a in parts])
    width = top + 1
    cdf = np.full((width, width + 1), 2.0)  # past n: above any uniform
    for n in range(width):
        pmf = binomial_pmf(n, np.array([1.0 / G]))
        cdf[n, : n + 1] = np.cumsum(pmf[0])  # equivalent mutant "0 -> -1": pmf has one row
    return offset, keep, alias.astype(np.uint8), cdf[:, 0].copy(), cdf.ravel()


def binomial(n: IntArray, p: FloatArray, rng: np.random.Generator) -> IntArray:
    """One draw of ``Binomial(n[i], p[i])`` for each cell (``p`` broadcast to ``n``'s shape;
    ``0 <= p <= 1``, ``n >= 0``)."""
    return binomial_grid(n, np.asarray(p, dtype=np.float64) * G, rng)


def binomial_grid(n: IntArray | Float32Array, t: FloatArray, rng: np.random.Generator) -> IntArray:
    """:func:`binomial` with ``t = p * G`` given (``0 <= t <= G``): a caller that has ``p`` only to
    multiply it by ``G`` computes ``t`` in its place (multiplying by ``G``, a power of 2, is exact).
    ``n`` in float32 holds whole numbers (a matrix product's counts, exact below 2**24): only the cells
    drawn are made integers."""
    if not (isinstance(n, np.ndarray) and n.dtype == np.float32):
        n = np.asarray(n, dtype=np.int64)
    t = np.asarray(t, dtype=np.float64)
    if t.shape != n.shape:
        t = np.broadcast_to(t, n.shape)
    out = np.zeros(n.shape, dtype=np.int64)
    flat_n, flat_t, flat_out = n.ravel(), t.ravel(), out.reshape(-1)  # equivalent mutant "1 -> 2": -2 is 'the rest' too
    # cells with nobody to draw stay at zero (drawn, they would give 0 too)
    live = (flat_n > 0).nonzero()[0]  # equivalent mutants "> -> >=", "0 -> -1": above
    if not len(live):
        return out
    n_live, t_live = flat_n.take(live).astype(np.int64, copy=False), flat_t.take(live)
    top = int(n_live.max())
    if top > BIG:
        big = n_live > BIG
        flat_out[live[big]] = rng.binomial(n_live[big], t_live[big] / G)
        live, n_live, t_live = live[~big], n_live[~big], t_live[~big]
        if not len(live):
            return out
        top = int(n_live.max())
    if top <= NMAX:  # equivalent mutant "<= -> <": 63 members are one piece of 63 below
        flat_out[live] = _draw(n_live, t_live, rng, top)
        return out
    # a larger cell is drawn in pieces of at most NMAX members (binomials with one p add up)
    pieces = (n_live + NMAX - 1) // NMAX  # equivalent mutant "1 -> 0": a last piece of 0 members draws 0
    ends = np.cumsum(pieces)
    # at most PIECES_AT_ONCE pieces at a time (one slice, as it always was, for any chamber of a few hundred)
    cuts = np.searchsorted(ends, np.arange(PIECES_AT_ONCE, int(ends[-1]), PIECES_AT_ONCE), side="left")
    for lo, hi in zip(np.concatenate(([0], cuts)), np.concatenate((cuts, [len(live)])), strict=True):
        if hi > lo:
            flat_out[live[lo:hi]] = _in_pieces(n_live[lo:hi], t_live[lo:hi], pieces[lo:hi], rng)
    return out


def _in_pieces(n: IntArray, t: FloatArray, pieces: IntArray, rng: np.random.Generator) -> IntArray:
    """Cells of more than NMAX members, each drawn as ``pieces`` draws of at most NMAX members, added up."""
    owner = np.repeat(np.arange(len(n)), pieces)
    rank = np.arange(len(owner)) - np.repeat(np.cumsum(pieces) - pieces, pieces)
    size = np.minimum(n[owner] - rank * NMAX, NMAX)
    drawn = _draw(size, t[owner], rng)
    return np.bincount(owner, weights=drawn, minlength=len(n)).astype(np.int64)


@cache
def _lookup(top: int) -> tuple[IntArray, FloatArray, Int8Array, FloatArray, FloatArray]:
    """:func:`_tables` arranged for :func:`_draw`: where the row of each ``(n, d)`` starts (``d = 0..G``;
    ``d = G``, which only ``p = 1`` gives, starts where ``d = G - 1`` does: all decided members say yes),
    each column's index plus its keep (a column is kept when ``(n + 1) U`` is below it), each column's
    alias less its index (what a column not kept adds to it: one byte, -NMAX..NMAX), ``(n + 1) / P(u = 0)``
    for each ``n``, and the CDFs of the number undecided."""
    offset, keep, alias, no_undecided, cdf = _tables(top)
    n = np.arange(top + 1)
    d = np.minimum(np.arange(G + 1), G - 1)
    start = (offset[:, None] + d[None, :] * (n[:, None] + 1)).ravel().astype(np.int64)
    col = np.concatenate([np.tile(np.arange(k + 1), G) for k in range(top + 1)])
    return start, col + keep, (alias - col).astype(np.int8), (n + 1) / no_undecided, cdf


def _draw(n: IntArray, t: FloatArray, rng: np.random.Generator, most: int | None = None) -> IntArray:
    """The table draw of the module docstring, for cells with ``1 <= n <= NMAX`` and ``t = p * G`` (``most``:
    ``n.max()`` where the caller has it). ``n`` is the caller's to give up: it is overwritten."""
    most = int(n.max()) if most is None else most
    top = (1 << most.bit_length()) - 1  # tables for n up to 1, 3, 7, ..., 63
    start, threshold, away, scale, cdf = _lookup(top)
    d = t.astype(np.int64)
    # y = (n + 1) v / P(u = 0) for a uniform v: below n + 1 (v below P(u = 0)) no member is undecided, and
    # then y is uniform on [0, n + 1): its whole part picks the alias table's column, the rest keeps it
    v = rng.random(len(n))
    y = scale.take(n)
    y *= v
    col = y.astype(np.int64)
    # rounding may put y on the wrong side of n + 1 when v is within an ulp of P(u = 0): P <= 2**-52
    rare = np.flatnonzero(col > n)  # equivalent mutant "> -> >=": col == n is a column of the table
    if len(rare):
        # the undecided say yes with probability t - d (1 where p = 1: t = G is d = G - 1's row, all yes)
        f = t.take(rare)
        f -= np.minimum(d.take(rare), G - 1)
        left = n.take(rare)
        undecided, undecided_yes = _undecided(left, v.take(rare), f, cdf, top + 2, rng)
        left -= undecided
        n[rare] = left  # the members decided (an index assignment costs a third of put())
        y_rare = rng.random(len(rare))
        left += 1
        y_rare *= left
        y[rare] = y_rare
        col[rare] = y_rare.astype(np.int64)
    # the row of the alias tables of each cell's decided members and d
    row = n
    row *= G + 1
    row += d
    idx = start.take(row)
    idx += col
    # keep the column or take its alias (y == threshold has probability 2**-52 at most)
    moved = away.take(idx)
    moved *= y >= threshold.take(idx)  # equivalent mutant ">= -> >": above
    out: IntArray = moved.astype(np.int64)
    out += col
    if len(rare):
        undecided_yes += out.take(rare)
        out[rare] = undecided_yes
    return out


def _undecided(n: IntArray, v: FloatArray, f: FloatArray, cdf: FloatArray, width: int,
               rng: np.random.Generator) -> tuple[IntArray, IntArray]:
    """``u ~ Binomial(n, 1/G)`` by inverse CDF from ``v``, given ``v >= P(u = 0)``, so ``u >= 1``; and how
    many of the ``u`` say yes, each with probability ``f`` (one uniform each: ``u`` is small, mostly 1)."""
    u = np.ones(len(n), dtype=np.int64)
    yes = (rng.random(len(n)) < f).astype(np.int64)  # equivalent mutant "< -> <=": U == f: P <= 2**-53
    at = n * width
    at += 1
    live = np.flatnonzero(v >= cdf.take(at))  # equivalent mutant ">= -> >": v == cdf: P <= 2**-53
    at = at.take(live)
    while len(live):
        u[live] += 1
        yes[live] += rng.random(len(live)) < f.take(live)  # equivalent mutant "< -> <=": U == f: P <= 2**-53
        at += 1
        more = v.take(live) >= cdf.take(at)  # equivalent mutant ">= -> >": v == cdf: P <= 2**-53
        live, at = live[more], at[more]
    return u, yes
