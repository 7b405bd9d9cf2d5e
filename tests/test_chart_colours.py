"""Colour-blind readers can tell the colours of every chart apart.

The simulation is computed here from the published numbers, not from the code under test: Machado,
Oliveira and Fernandes (2009), "A physiologically-based model for simulation of color vision deficiency",
IEEE TVCG 15(6), Table 1, severity 1.0 (the table's tritanomaly row for tritanopia), applied to linear sRGB
(IEC 61966-2-1), then CIE XYZ (D65) and CIELAB; the distance is CIE 1976 ΔE*ab. Every pair that must differ
differs by 15 or more for normal, deuteranopic, protanopic and tritanopic vision, in the final colours drawn.
"""

from __future__ import annotations

import itertools
import math
import os
import random
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources

import pytest

from svg_seats import seat_circles
from whipcount.charts.cvd import MIN_DELTA_E, VISIONS, _candidates, delta_e, lab_as_seen, separate
from whipcount.charts.hemicycle import LegendEntry, colour_notes

SVG = "{http://www.w3.org/2000/svg}"
MACHADO_1_0 = {
    "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}
SRGB_TO_XYZ = [[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]
D65 = (0.9505, 1.0, 1.0890)
THRESHOLD = 15.0
SCENARIOS = sorted(p.name.removesuffix(".yaml") for p in (resources.files("whipcount.data") / "scenarios").iterdir()
                   if p.name.endswith(".yaml"))


def lab(hex_colour: str, vision: str) -> tuple[float, float, float]:
    h = hex_colour.lstrip("#")
    srgb = [int(h[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    rgb = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in srgb]
    if vision in MACHADO_1_0:
        m = MACHADO_1_0[vision]
        rgb = [min(1.0, max(0.0, sum(m[i][j] * rgb[j] for j in range(3)))) for i in range(3)]
    xyz = [sum(SRGB_TO_XYZ[i][j] * rgb[j] for j in range(3)) / D65[i] for i in range(3)]
    f = [t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116 for t in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def worst_delta_e(a: str, b: str) -> float:
    return min(math.dist(lab(a, v), lab(b, v)) for v in ("normal", *MACHADO_1_0))


def test_the_simulation_here_matches_a_published_value() -> None:
    """Pure red under protanopia, from the matrix by hand: linear (0.152286, 0.114503, 0) -> dark olive."""
    L, _, _ = lab("#ff0000", "protanopia")
    y = 0.2126 * 0.152286 + 0.7152 * 0.114503  # relative luminance of the simulated colour
    assert L == pytest.approx(116 * y ** (1 / 3) - 16, abs=0.01)
    assert worst_delta_e("#ff0000", "#ff0000") == 0


def test_tritanopia_is_simulated_with_the_published_matrix() -> None:
    """Pure blue for a tritanope, by hand from the table's tritanomaly row at severity 1.0: linear
    (-0.178779 clipped to 0, 0.147602, 0.303900). Every row of the three matrices sums to 1 (white stays
    white), as the paper's do; and the pair the stance palette had for the absent and the unrecorded (grey
    #e0e0e0, pale yellow #ffffb2), 20 or more apart for every other reader, are 7.5 ΔE00 apart for a
    tritanope."""
    L, _, _ = lab("#0000ff", "tritanopia")
    y = 0.7152 * 0.147602 + 0.0722 * 0.303900
    assert L == pytest.approx(116 * y ** (1 / 3) - 16, abs=0.01)
    assert lab_as_seen("#0000ff", "tritanopia") == pytest.approx(lab("#0000ff", "tritanopia"), abs=0.02)
    for m in MACHADO_1_0.values():
        assert [sum(row) for row in m] == pytest.approx([1, 1, 1], abs=2e-6)
    assert set(VISIONS) == {"normal", *MACHADO_1_0}
    old_absent, old_none = lab_as_seen("#e0e0e0", "tritanopia"), lab_as_seen("#ffffb2", "tritanopia")
    assert delta_e(old_absent, old_none) == pytest.approx(7.5, abs=0.05)
    assert min(delta_e(lab_as_seen("#e0e0e0", v), lab_as_seen("#ffffb2", v)) for v in VISIONS[:3]) > 20


def hemicycle_pairs(svg: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """Pairs of colour keys that must differ (both with 5+ seats, or side by side) and each key's colour."""
    seats = [c for c in seat_circles(ET.fromstring(svg))
             if not {"vacant", "speaker"} & set((c.get("class") or "").split())]  # the Speaker sits apart
    keys = [(c.get("class") or "").split()[1] for c in seats]
    fills = {k: c.get("fill", "") for k, c in zip(keys, seats, strict=True)}
    big = sorted(k for k in set(keys) if keys.count(k) >= 5)
    pairs = set(itertools.combinations(big, 2)) | {p for p in itertools.pairwise(keys) if p[0] != p[1]}
    return sorted(pairs), fills


def css_fill(svg: str, selector: str) -> str:
    m = re.search(re.escape(selector) + r"\{fill:(#[0-9a-f]{6})", svg)
    assert m, selector
    return m.group(1)


@pytest.mark.parametrize("scenario", SCENARIOS)
@pytest.mark.parametrize("view", ["party-arch", "party-westminster", "side-arch", "stance-arch", "timeline",
                                  "forecast"])
def test_every_pair_that_must_differ_does_for_colour_blind_readers(run_cli, scenario: str, view: str) -> None:  # type: ignore[no-untyped-def]
    if view in ("timeline", "forecast"):
        r = run_cli("chart", scenario, "--kind", view, "-o", "-")
        if r.code != 0:
            assert view == "forecast" and "forecast" in r.err  # no forecast for this case: said so
            return
        if view == "timeline":
            strokes = re.findall(r'class="series[^"]*" stroke="(#[0-9a-f]{6})"', r.out)
            pairs = list(itertools.combinations(strokes, 2))
        else:
            pairs = [(css_fill(r.out, ".bar.pass"), css_fill(r.out, ".bar.fail"))]
        for a, b in pairs:
            assert worst_delta_e(a, b) >= THRESHOLD, (a, b)
        return
    by, layout = view.split("-")
    r = run_cli("chart", scenario, "--by", by, "--layout", layout, "-o", "-")
    assert r.code == 0, r.err
    pairs, fills = hemicycle_pairs(r.out)
    notes = " ".join(t.text or "" for t in ET.fromstring(r.out).iter(f"{SVG}text") if t.get("class") == "note")
    for a, b in pairs:
        if worst_delta_e(fills[a], fills[b]) < THRESHOLD:
            assert "Warning: hard to tell apart" in notes, (a, b)  # never silence


def test_an_adjusted_colour_is_said_in_the_notes(run_cli) -> None:  # type: ignore[no-untyped-def]
    """Pakistan: MMA's green (#4b7f52) is too close to PML-N's (#1b7a3e) under deuteranopia, so it moves."""
    assert worst_delta_e("#4b7f52", "#1b7a3e") < THRESHOLD
    r = run_cli("chart", "pk-na-2022", "-o", "-")
    fills = hemicycle_pairs(r.out)[1]
    # the largest party keeps its own; PML-N moves too (PTI's red and its green are 9 ΔE00 apart for deuteranopes)
    assert fills["party-mma"] != "#4b7f52" and fills["party-pti"] == "#c8102e" and fills["party-pml-n"] != "#1b7a3e"
    assert "Colours adjusted so colour-blind readers can tell parties apart" in r.out and "MMA #4b7f52" in r.out


def test_colours_that_cannot_be_separated_are_reported() -> None:
    colours = {f"p{i}": "#777777" for i in range(40)}
    out, changes = separate(colours, itertools.combinations(colours, 2), list(colours))
    assert out["p0"] == "#777777"  # the first settled keeps its colour
    assert any(not c.separated for c in changes)
    entry = LegendEntry("party-a", "A", "#777777", 5, adjusted_from="#777777", too_close_to="B")
    assert colour_notes([("", [entry])]) == ["Warning: hard to tell apart for colour-blind readers: A and B."]


def _plain_search(colours: dict[str, str], order: list[str]) -> tuple[dict[str, str], dict[str, str]]:
    """The search ``separate`` stands for, one candidate at a time: each colour in turn keeps its own if it
    is far enough from every colour settled before it under every vision, else takes the first nearby
    candidate that is, else the farthest candidate (the first of equals). Also, for each colour moved or
    left too close, the colour it is measured against: the one its own was too close to when it moved far
    enough, else the one it is still too close to (the first of equals, in the order settled)."""
    out: dict[str, str] = {}

    def worst(colour: str) -> tuple[float, str]:
        return min(((delta_e(lab_as_seen(colour, v), lab_as_seen(theirs, v)), i, key)
                    for i, (key, theirs) in enumerate(out.items()) for v in VISIONS),
                   default=(math.inf, 0, ""))[::2]

    against: dict[str, str] = {}
    for key in order:
        best, (best_worst, near) = colours[key], worst(colours[key])
        if best_worst < MIN_DELTA_E:
            first_near = near
            for candidate in _candidates(colours[key]):
                d, who = worst(candidate)
                if d >= MIN_DELTA_E:
                    best, best_worst, near = candidate, d, first_near
                    break
                if d > best_worst:
                    best, best_worst, near = candidate, d, who
            against[key] = near
        out[key] = best
    return out, against


@pytest.mark.parametrize("seed", range(12))
def test_the_batch_search_picks_what_the_plain_search_picks(seed: int) -> None:
    """``separate`` scores its candidates in arrays, many at a time; that must change no choice and no note.
    Crowded palettes (near-greys and near-duplicates) make every colour search."""
    rng = random.Random(seed)
    base = [f"#{rng.randrange(1 << 24):06x}" for _ in range(2)]

    def grey() -> str:
        return "#" + "".join(f"{rng.randrange(90, 170):02x}" for _ in range(3))

    colours = {f"p{i}": rng.choice(base) if i % 3 == 0 else grey() for i in range(rng.randint(4, 9))}
    order = list(colours)
    got, changes = separate(colours, itertools.combinations(order, 2), order)
    want, against = _plain_search(colours, order)
    assert got == want
    assert {c.key: c.against for c in changes} == against


def test_a_tie_names_the_colour_settled_first_in_every_process() -> None:
    """Two parties in one grey that need not differ (never in one chart), and a third in that grey that
    must differ from both: it is equally close to each, and the note names the first settled, whatever
    order Python's string hashing gives a set in that process."""
    code = ("from whipcount.charts.cvd import separate\n"
            "c = {'zeta': '#777777', 'alpha': '#777777', 'mid': '#777777'}\n"
            "_, ch = separate(c, [('zeta', 'mid'), ('alpha', 'mid')], list(c))\n"
            "print([(x.key, x.against) for x in ch])")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(8)}
    assert seen == {"[('mid', 'zeta')]\n"}
