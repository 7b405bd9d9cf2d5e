"""Colours colour-blind readers can tell apart: simulation, distance, and a gentle adjustment.

About one man in twelve sees red and green poorly; far fewer people, tritanopes, confuse blue with green
and yellow with grey or pink. Colours that must be told apart (every two parties in one chart,
:mod:`whipcount.charts.partycolours`) should differ for them too. This module:

- simulates protanopia, deuteranopia and tritanopia with the matrices of Machado, Oliveira and Fernandes
  (2009), "A physiologically-based model for simulation of color vision deficiency", IEEE TVCG 15(6),
  1291-1298, Table 1, severity 1.0 (its protanomaly, deuteranomaly and tritanomaly rows), applied to
  linear sRGB;
- measures the difference as CIEDE2000 ΔE00 (Sharma, Wu and Dalal 2005, "The CIEDE2000 color-difference
  formula", Color Research & Application 30(1); CIELAB with a D65 white): the threshold
  :data:`MIN_DELTA_E` is 15, a difference most readers see at a glance on small discs (CIE 1976 ΔE*ab,
  plain distance in CIELAB, overstates how different two saturated colours look: ANP's #d62828 and PTI's
  #c8102e are 9.9 apart in ΔE*ab, 6.0 in ΔE00, and read as one party on a seat chart);
- :func:`separate` keeps each colour where it can and otherwise moves it in lightness and chroma, keeping
  its hue (the party's identity) and, only if that fails, turning the hue, a little first (a candidate
  costs its distance in CIELAB plus 3 a degree of turn), as far as the opposite hue when it must: the
  Knesset of 2021's New Hope, among many blues and greens, finds no colour within 60 degrees that
  tritanopes tell apart. The colours of the larger parties are settled first and never move for a
  smaller one.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from whipcount.charts.colours import to_rgb

__all__ = ["MIN_DELTA_E", "VISIONS", "Adjustment", "delta_e", "lab_as_seen", "least_apart", "separate"]

MIN_DELTA_E = 15.0
Matrix = tuple[tuple[float, float, float], tuple[float, float, float], tuple[float, float, float]]
Lab = tuple[float, float, float]

#: Machado et al. (2009), Table 1, severity 1.0 (linear RGB in, linear RGB out).
_MACHADO: dict[str, Matrix] = {
    "protanopia": ((0.152286, 1.052583, -0.204868),
                   (0.114503, 0.786281, 0.099216),
                   (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968),
                     (0.280085, 0.672501, 0.047413),
                     (-0.011820, 0.042940, 0.968881)),
    # the table's "tritanomaly" row at severity 1.0, its model of tritanopia
    "tritanopia": ((1.255528, -0.076749, -0.178779),
                   (-0.078411, 0.930809, 0.147602),
                   (0.004733, 0.691367, 0.303900)),
}
VISIONS: tuple[str, ...] = ("normal", "deuteranopia", "protanopia", "tritanopia")
_VISION_MATRICES = np.array([np.eye(3), *(_MACHADO[v] for v in VISIONS[1:])])  # in that order

_WHITE = (0.95047, 1.0, 1.08883)  # D65
_TO_XYZ: Matrix = ((0.4124564, 0.3575761, 0.1804375),
                   (0.2126729, 0.7151522, 0.0721750),
                   (0.0193339, 0.1191920, 0.9503041))
_FROM_XYZ: Matrix = ((3.2404542, -1.5371385, -0.4985314),
                     (-0.9692660, 1.8760108, 0.0415560),
                     (0.0556434, -0.2040259, 1.0572252))


def _mul(m: Matrix, v: Sequence[float]) -> tuple[float, float, float]:
    return (m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
            m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
            m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2])


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab_of_linear(rgb: Sequence[float]) -> Lab:
    def f(t: float) -> float:
        return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29

    x, y, z = (v / w for v, w in zip(_mul(_TO_XYZ, rgb), _WHITE, strict=True))
    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def lab_as_seen(colour: str | tuple[float, float, float], vision: str = "normal") -> Lab:
    """CIELAB of a colour (a CSS colour, or linear RGB in 0..1) as a reader with ``vision`` sees it."""
    rgb = tuple(_linear(c / 255) for c in to_rgb(colour)) if isinstance(colour, str) else colour
    if vision != "normal":
        rgb = tuple(min(1.0, max(0.0, c)) for c in _mul(_MACHADO[vision], rgb))
    return _lab_of_linear(rgb)


def delta_e(a: Lab, b: Lab) -> float:
    """CIEDE2000 ΔE00 of two CIELAB colours (kL = kC = kH = 1), as in Sharma, Wu and Dalal (2005), eq. 1-19."""
    return float(_delta_e_rows(np.array(a, dtype=np.float64), np.array(b, dtype=np.float64)))


def least_apart(these: Sequence[str], those: Sequence[str]) -> npt.NDArray[np.float64]:
    """The least :func:`delta_e` of each of ``these`` colours from each of ``those`` under any of
    :data:`VISIONS` (as ``delta_e(lab_as_seen(this, v), lab_as_seen(that, v))``): shape ``(these, those)``,
    all pairs measured in one array."""
    if not these or not those:
        return np.zeros((len(these), len(those)))
    mine, theirs = np.array([_views(c) for c in these]), np.array([_views(c) for c in those])
    least: npt.NDArray[np.float64] = _delta_e_rows(mine[:, None], theirs[None]).min(axis=-1)
    return least


def _views_rows(colours: Sequence[str]) -> npt.NDArray[np.float64]:
    """:func:`lab_as_seen` of many colours under every vision at once: shape ``(colours, visions, 3)``."""
    return _views_of_srgb(np.array([to_rgb(c) for c in colours], dtype=np.float64))


def _views_of_srgb(srgb255: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """:func:`_views_rows` of sRGB rows in 0..255."""
    srgb = srgb255 / 255
    rgb = np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)
    seen = np.einsum("vij,nj->nvi", _VISION_MATRICES, rgb)
    seen[:, 1:] = np.clip(seen[:, 1:], 0.0, 1.0)  # the simulated visions, as lab_as_seen clips them
    xyz = seen @ np.array(_TO_XYZ).T / np.array(_WHITE)
    f = np.where(xyz > (6 / 29) ** 3, np.abs(xyz) ** (1 / 3), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack((116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])), axis=-1)


def _delta_e_rows(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """:func:`delta_e` of CIELAB rows ``x[..., :]`` and ``y[..., :]`` (broadcast against each other), eq. 1-19
    of Sharma, Wu and Dalal (2005) with their case for a colour of no chroma (no hue, no hue difference)."""
    (l1, a1, b1), (l2, a2, b2) = np.moveaxis(x, -1, 0), np.moveaxis(y, -1, 0)
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean ** 7 / (c_mean ** 7 + 25 ** 7)))
    a1, a2 = (1 + g) * a1, (1 + g) * a2
    c1, c2 = np.hypot(a1, b1), np.hypot(a2, b2)
    h1 = np.where(c1 != 0, np.degrees(np.arctan2(b1, a1)) % 360, 0.0)
    h2 = np.where(c2 != 0, np.degrees(np.arctan2(b2, a2)) % 360, 0.0)
    # the paper's case for no chroma; with c1 c2 = 0, d_big_h is 0 whatever dh, and the mean hue reaches the
    # result only through s_h and r_t, which multiply it
    grey = c1 * c2 == 0  # equivalent mutants: d_big_h = 0 for a colour of no chroma either way (above)
    dh = np.where(grey, 0.0, (h2 - h1 + 180) % 360 - 180)
    d_big_h = 2 * np.sqrt(c1 * c2) * np.sin(np.radians(dh / 2))
    l_mean, cp_mean, h_sum = (l1 + l2) / 2, (c1 + c2) / 2, h1 + h2
    h_mean = np.where(grey, h_sum, np.where(np.abs(h1 - h2) <= 180, h_sum / 2,
                                            np.where(h_sum < 360, (h_sum + 360) / 2, (h_sum - 360) / 2)))
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / np.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * cp_mean, 1 + 0.015 * cp_mean * t
    r_t = (-2 * np.sqrt(cp_mean ** 7 / (cp_mean ** 7 + 25 ** 7))
           * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2)))))
    dl, dc, dhh = (l2 - l1) / s_l, (c2 - c1) / s_c, d_big_h / s_h
    out: npt.NDArray[np.float64] = np.sqrt(dl * dl + dc * dc + dhh * dhh + r_t * dc * dhh)
    return out


def _srgb_of_lab_rows(lab: npt.NDArray[np.float64]) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.bool_]]:
    """sRGB (0..255, rounded) of CIELAB rows, and which rows lie inside the sRGB gamut (the others' values
    mean nothing). Each step is the one-colour formula applied row by row, in the same order of operations."""
    fy = (lab[:, 0] + 16) / 116
    fx, fz = fy + lab[:, 1] / 500, fy - lab[:, 2] / 200

    def inv(t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
        return np.where(t > 6 / 29, t ** 3, 3 * (6 / 29) ** 2 * (t - 4 / 29))

    x, y, z = inv(fx) * _WHITE[0], inv(fy) * _WHITE[1], inv(fz) * _WHITE[2]
    rgb = np.stack([m[0] * x + m[1] * y + m[2] * z for m in _FROM_XYZ], axis=-1)
    inside = np.all((rgb >= -1e-4) & (rgb <= 1 + 1e-4), axis=1)
    c = np.clip(rgb, 0.0, 1.0)
    gamma = np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)
    return np.rint(gamma * 255).astype(np.int64), inside  # rint, like round, takes halves to even


@dataclass(frozen=True, slots=True)
class Adjustment:
    """What :func:`separate` did to one colour: ``new`` replaces ``old``; ``worst`` is the smallest ΔE left.

    ``against`` is the colour it was confused with (when separated) or is still too close to (when not).
    """

    key: str
    old: str
    new: str
    worst: float
    against: str

    @property
    def separated(self) -> bool:
        return self.worst >= MIN_DELTA_E


@functools.lru_cache(maxsize=8192)
def _views(colour: str) -> tuple[Lab, ...]:
    """``colour`` as each of :data:`VISIONS` sees it (kept: a plan's searches meet the same candidates again
    each time it regroups the small parties)."""
    return tuple(lab_as_seen(colour, v) for v in VISIONS)


def _worst(views: tuple[Lab, ...], others: Sequence[tuple[str, tuple[Lab, ...]]]) -> tuple[float, str]:
    """The least difference from ``others`` under any vision, and whose (the first of equals)."""
    if not others:
        return math.inf, ""
    apart = _delta_e_rows(np.array(views)[None], np.array([theirs for _, theirs in others])).ravel()
    at = int(apart.argmin())
    return float(apart[at]), others[at // len(VISIONS)][0]


def _candidates(colour: str) -> Iterable[str]:
    """Colours near ``colour`` in the order we would rather use them: same hue first, nearest first; each once
    (a grey's hue turned is the same grey: #bbbbbb's 2,432 options inside the gamut are 19 colours)."""
    return iter(_candidate_table(colour)[0])


@functools.lru_cache(maxsize=64)  # about 200 KB each
def _candidate_table(colour: str) -> tuple[tuple[str, ...], npt.NDArray[np.float64]]:
    """:func:`_candidates` of ``colour`` (the sRGB colours of its :func:`_options` inside the gamut, in order,
    each where it first comes) and how every vision sees each (:func:`_views_rows`), worked out once for all."""
    srgb, inside = _srgb_of_lab_rows(_options(colour))
    srgb = srgb[inside]
    # a colour met again is as far as it was from every settled colour, so never farther: never taken
    srgb = srgb[np.sort(np.unique(srgb, axis=0, return_index=True)[1])]
    hexes = tuple(f"#{r:02x}{g:02x}{b:02x}" for r, g, b in srgb.tolist())
    seen = _views_of_srgb(srgb.astype(np.float64))
    seen.flags.writeable = False  # kept and shared
    return hexes, seen


def _options(colour: str) -> npt.NDArray[np.float64]:
    """CIELAB colours around ``colour``: its hue turned, its lightness and chroma changed, cheapest first."""
    L, a, b = lab_as_seen(colour)
    chroma, hue = math.hypot(a, b), math.atan2(b, a)
    turns = (0, -12, 12, -25, 25, -40, 40, -60, 60, -90, 90, -120, 120, -150, 150, 180)
    scales = (1.0, 0.8, 1.2, 0.6, 1.4, 0.4, 1.7, 2.0)
    # not so dark it reads as black, nor so pale it reads as the page
    lightness = [light for light in (L + dl for dl in range(-60, 61, 4)) if 10 <= light <= 90]
    options = []
    for dh in turns:
        cos, sin = math.cos(hue + math.radians(dh)), math.sin(hue + math.radians(dh))
        ab = [(chroma * fc * cos, chroma * fc * sin) for fc in scales]
        for lab in ((light, a2, b2) for light in lightness for a2, b2 in ab):
            options.append((math.dist(lab, (L, a, b)) + 3 * abs(dh), lab))  # a turn costs more than the rest
    return np.array([lab for _, lab in sorted(options)], dtype=np.float64)


def _nearest_apart(
    original: str, settled: list[tuple[str, tuple[Lab, ...]]], worst_now: float, who_now: str
) -> tuple[str, float, str]:
    """The first of :func:`_candidates` at least :data:`MIN_DELTA_E` from every ``settled`` colour, or
    failing that the farthest (the first of equals; ``original`` itself, ``worst_now`` from ``who_now``,
    if none is farther). Kept: a plan worked out again with the small parties grouped searches again for
    each party settled before the group, against the same colours."""
    return _search(original, tuple(settled), worst_now, who_now)


#: How many (settled colour, vision) pairs nearest a candidate in CIELAB it is measured against, after the
#: nearest one and before every settled colour under every vision.
_NEAREST = 8


@functools.lru_cache(maxsize=256)
def _search(
    original: str, settled: tuple[tuple[str, tuple[Lab, ...]], ...], worst_now: float, who_now: str
) -> tuple[str, float, str]:
    """:func:`_nearest_apart`. The candidates are scored in batches (:func:`_delta_e_rows`) and taken in
    order as if one by one. Only a candidate farther than the best so far from every settled colour under
    every vision can be taken, so each is first measured against the one settled colour, under the one
    vision, nearest it in CIELAB (all found in one matrix product): that rules most out; those left against
    the next nearest, and only the few still left against all (a 40-party chamber's searches measured 3.3
    million differences, now 0.18 million)."""
    best, best_worst, best_who = original, worst_now, who_now
    keys = [k for k, _ in settled]
    theirs = np.array([views for _, views in settled])  # (settled, visions, 3)
    hexes, seen = _candidate_table(original)
    across, their_sq = theirs.transpose(1, 2, 0), (theirs ** 2).sum(axis=-1).T  # (visions, 3, settled)
    # most searches end early; the batches grow for those that do not (any sizes choose alike)
    start, size = 0, 32  # equivalent mutants: a batch's size changes no choice
    while start < len(hexes):
        batch = np.arange(start, min(start + size, len(hexes)))
        start, size = start + size, min(4 * size, 512)  # equivalent mutants: a batch's size changes no choice
        # squared distances in CIELAB, (visions, batch, settled); the nearest (vision, settled) of each candidate
        mine = seen[batch].transpose(1, 0, 2)
        apart2 = (mine ** 2).sum(axis=-1)[..., None] + their_sq[:, None] - 2 * np.matmul(mine, across)
        pairs = apart2.transpose(1, 0, 2).reshape(len(batch), -1)
        vision, near = np.divmod(pairs.argmin(axis=1), len(keys))
        kept = _delta_e_rows(seen[batch, vision], theirs[near, vision]) > best_worst
        batch, pairs = batch[kept], pairs[kept]
        if batch.size and pairs.shape[1] > _NEAREST:
            vision, near = np.divmod(np.argpartition(pairs, _NEAREST, axis=1)[:, :_NEAREST], len(keys))
            batch = batch[_delta_e_rows(seen[batch[:, None], vision], theirs[near, vision]).min(axis=1) > best_worst]
        if not batch.size:
            continue
        apart = _delta_e_rows(seen[batch][:, None], theirs[None]).reshape(len(batch), -1)
        worst = apart.min(axis=1)
        for i in np.flatnonzero(worst > best_worst):  # the only ones that could be taken or kept
            if worst[i] > best_worst:
                # the first settled colour (then vision) at the least difference, as _worst reads them
                who = keys[int(apart[i].argmin()) // len(VISIONS)]
                if worst[i] >= MIN_DELTA_E:
                    return hexes[batch[i]], float(worst[i]), who
                best, best_worst, best_who = hexes[batch[i]], float(worst[i]), who
    return best, best_worst, best_who


def separate(
    colours: Mapping[str, str], pairs: Iterable[tuple[str, str]], order: Sequence[str]
) -> tuple[dict[str, str], list[Adjustment]]:
    """Colours in which every pair of ``pairs`` differs by :data:`MIN_DELTA_E` under every vision.

    ``order`` settles colours first to last (largest party first); a colour is only ever moved against
    those settled before it. Returns the new colours and one :class:`Adjustment` per colour moved or
    left too close (``separated`` false: no nearby colour would do, the best one found is used).
    """
    must: dict[str, set[str]] = {k: set() for k in colours}
    for x, y in pairs:
        if x != y and x in colours and y in colours:
            must[x].add(y)
            must[y].add(x)
    out: dict[str, str] = {}
    views: dict[str, tuple[Lab, ...]] = {}
    changes: list[Adjustment] = []
    for key in [k for k in order if k in colours] + [k for k in colours if k not in order]:
        if key in out:
            continue
        settled = [(k, views[k]) for k in out if k in must[key]]  # in the order settled: ties read alike every run
        original = colours[key]
        best, best_worst, best_who = original, *_worst(_views(original), settled)
        confused_with = best_who
        if best_worst < MIN_DELTA_E:
            best, best_worst, best_who = _nearest_apart(original, settled, best_worst, best_who)
        out[key], views[key] = best, _views(best)
        if best != original or best_worst < MIN_DELTA_E:
            who = confused_with if best_worst >= MIN_DELTA_E else best_who
            changes.append(Adjustment(key, original, best, best_worst, who))
    return out, changes
