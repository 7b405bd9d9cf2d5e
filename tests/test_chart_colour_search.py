"""The colour search of a large chamber (40 parties): its candidates, its choices and how much it measures.

``cvd.separate`` scores many candidates at once and rules most out against the few settled colours nearest
them before measuring the rest against all; these tests hold it to the plain search, one candidate at a time
against every settled colour, and to the one-colour conversion from CIELAB to sRGB written out here.
"""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator

import numpy as np
import pytest

from whipcount.charts import cvd, partycolours
from whipcount.charts.colours import PALETTE
from whipcount.charts.cvd import MIN_DELTA_E, _candidates, separate

# sRGB's matrix from CIE XYZ and the D65 white as the search uses them (Lindbloom's figures), so that the
# conversion below rounds exactly as the search must
FROM_XYZ = ((3.2404542, -1.5371385, -0.4985314), (-0.9692660, 1.8760108, 0.0415560),
            (0.0556434, -0.2040259, 1.0572252))
WHITE = (0.95047, 1.0, 1.08883)


def srgb_hex(lab: tuple[float, float, float]) -> str | None:
    """CIELAB to sRGB for one colour (CIE 15, IEC 61966-2-1), or None outside the gamut (by more than 1e-4)."""
    L, a, b = lab
    fy = (L + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200

    def inv(t: float) -> float:
        return t ** 3 if t > 6 / 29 else 3 * (6 / 29) ** 2 * (t - 4 / 29)

    xyz = (inv(fx) * WHITE[0], inv(fy) * WHITE[1], inv(fz) * WHITE[2])
    rgb = [row[0] * xyz[0] + row[1] * xyz[1] + row[2] * xyz[2] for row in FROM_XYZ]
    if any(c < -1e-4 or c > 1 + 1e-4 for c in rgb):
        return None
    gamma = [12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055 for c in (min(1.0, max(0.0, c))
                                                                                        for c in rgb)]
    return "#" + "".join(f"{round(g * 255):02x}" for g in gamma)


GREYS = ("#000000", "#ffffff", "#777777")


@pytest.mark.parametrize("colour", [*PALETTE[:6], *GREYS, "#c8102e", "#fdf38e", "#0a0a40"])
def test_the_candidates_are_the_options_inside_the_gamut_converted_one_by_one(colour: str) -> None:
    """The candidates are converted to sRGB all at once: each must be the colour the one-colour formula
    gives its CIELAB option, in the options' order, those outside the gamut left out (and some are), each
    colour where it first comes (a grey's turned hues are the same grey)."""
    options = [tuple(row) for row in cvd._options(colour).tolist()]
    want = list(dict.fromkeys(h for h in (srgb_hex(lab) for lab in options) if h is not None))
    assert list(_candidates(colour)) == want
    assert 0 < len(want) <= len(options)
    if colour not in GREYS:  # a grey's options are all greys, all inside the gamut
        assert len(want) < len(options)
    else:
        assert len(want) < 40 < len(options)


def _one_at_a_time(colours: dict[str, str], order: list[str]) -> tuple[dict[str, str], dict[str, float]]:
    """The search ``separate`` stands for, each candidate measured against every colour settled before it
    under every vision: the first at least MIN_DELTA_E from all, else the farthest (the first of equals)."""
    out: dict[str, str] = {}
    worst_of: dict[str, float] = {}

    def worst(colour: str) -> float:
        if not out:
            return math.inf
        theirs = np.array([cvd._views(c) for c in out.values()])
        return float(cvd._delta_e_rows(np.array(cvd._views(colour))[None], theirs).min())

    for key in order:
        best, best_worst = colours[key], worst(colours[key])
        if best_worst < MIN_DELTA_E:
            for candidate in _candidates(colours[key]):
                d = worst(candidate)
                if d >= MIN_DELTA_E:
                    best, best_worst = candidate, d
                    break
                if d > best_worst:
                    best, best_worst = candidate, d
        out[key], worst_of[key] = best, best_worst
    return out, worst_of


@pytest.mark.parametrize("seed", range(2))
def test_a_crowded_search_picks_what_one_candidate_at_a_time_picks(seed: int) -> None:
    """Fourteen colours, the palette's first five again and again and some near-greys: most searches fail
    and look through every candidate, each ruled out or kept by the settled colours nearest it first."""
    rng = random.Random(seed)
    pool = [*PALETTE[:5], *("#" + "".join(f"{rng.randrange(90, 170):02x}" for _ in range(3)) for _ in range(3))]
    colours = {f"p{i}": rng.choice(pool) for i in range(14)}
    order = list(colours)
    got, changes = separate(colours, itertools.combinations(order, 2), order)
    want, worst = _one_at_a_time(colours, order)
    assert got == want
    # the same differences, but for the last digits: numpy's sines and arctangents of many at once
    assert {c.key: c.worst for c in changes} == pytest.approx({k: w for k, w in worst.items()
                                                               if want[k] != colours[k] or w < MIN_DELTA_E}, rel=1e-12)
    assert sum(w < MIN_DELTA_E for w in worst.values()) >= 3  # searches that looked through every candidate


@pytest.fixture
def counted() -> Iterator[list[int]]:
    """The number of colour differences (CIEDE2000, one vision) measured, with every kept search forgotten."""
    sizes: list[int] = []
    measure = cvd._delta_e_rows

    def counting(x: np.ndarray, y: np.ndarray) -> np.ndarray:  # type: ignore[type-arg]
        out = measure(x, y)
        sizes.append(out.size)
        return out

    for kept in [partycolours._plan, *(vars(cvd).values())]:  # every function of cvd that keeps its answers
        if hasattr(kept, "cache_clear"):
            kept.cache_clear()
    cvd._delta_e_rows = counting  # type: ignore[assignment]
    try:
        yield sizes
    finally:
        cvd._delta_e_rows = measure  # type: ignore[assignment]


def test_forty_parties_are_planned_without_measuring_every_candidate_against_every_colour(counted: list[int]) -> None:
    """A chamber of 2,977 seats in 40 parties of 74 or so, none with a colour of its own (so the palette's
    sixteen colours come round again and again): about 36 searches that mostly fail, each through a thousand
    or more candidates, against up to 40 settled colours under four visions (3.3 million differences
    measured, before each candidate was first measured against the one settled colour nearest it)."""
    parties = [(f"p{i}", None, 74 + (i < 17)) for i in range(40)]
    plan = partycolours.plan_colours(parties, 2977)
    assert len(plan.colours) == 40 and not plan.grouped  # every party over 2% of the seats: none grouped
    assert sum(counted) < 1_000_000, sum(counted)
    # the guarantee kept: a party said separated is at least MIN_DELTA_E from every party settled before it
    views = {pid: np.array(cvd._views(c)) for pid, c in plan.colours.items()}
    order = [pid for pid, _, _ in sorted(parties, key=lambda p: (-p[2], f"party-{p[0]}"))]  # largest first
    for i, pid in enumerate(order):
        change = plan.changes.get(pid)
        if change is None or change.separated:
            for other in order[:i]:
                assert cvd._delta_e_rows(views[pid], views[other]).min() >= MIN_DELTA_E - 1e-9, (pid, other)
