"""Every two parties drawn in one seat chart can be told apart, by everyone.

Independent truths, written out here and not taken from the code under test: CIEDE2000 (Sharma, Wu and
Dalal 2005, "The CIEDE2000 color-difference formula: implementation notes, supplementary test data, and
mathematical observations", Color Research & Application 30(1), eq. 1-19), checked against pairs of the
paper's Table 1; the colour-vision simulation of :mod:`test_chart_colours` (Machado et al. 2009, severity
1.0, in linear sRGB); the colours the scenario files give. The threshold is 15 ΔE00 for normal vision,
deuteranopia, protanopia and tritanopia, for every pair of colours in a chart drawn by party.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from svg_seats import seat_circles
from test_chart_colours import lab, worst_delta_e
from whipcount.charts import cvd, hemicycle, render_hemicycle
from whipcount.charts.colours import NO_STANCE_COLOUR, STANCE_COLOURS
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario

SVG = "{http://www.w3.org/2000/svg}"
THRESHOLD = 15.0
VISIONS = ("normal", "deuteranopia", "protanopia", "tritanopia")
SCENARIOS = sorted(bundled_scenarios())
WHITE = "#ffffff"  # the ground every seat chart is drawn on


def ciede2000(x: tuple[float, float, float], y: tuple[float, float, float]) -> float:
    (L1, a1, b1), (L2, a2, b2) = x, y
    cbar = (math.sqrt(a1 * a1 + b1 * b1) + math.sqrt(a2 * a2 + b2 * b2)) / 2
    G = 0.5 * (1 - math.sqrt(cbar ** 7 / (cbar ** 7 + 6103515625)))  # 25 ** 7
    ap1, ap2 = a1 * (1 + G), a2 * (1 + G)
    cp1, cp2 = math.sqrt(ap1 * ap1 + b1 * b1), math.sqrt(ap2 * ap2 + b2 * b2)
    hp1 = 0.0 if cp1 == 0 else math.degrees(math.atan2(b1, ap1)) % 360
    hp2 = 0.0 if cp2 == 0 else math.degrees(math.atan2(b2, ap2)) % 360
    if cp1 * cp2 == 0:
        dhp = 0.0
    elif abs(hp2 - hp1) <= 180:
        dhp = hp2 - hp1
    elif hp2 - hp1 > 180:
        dhp = hp2 - hp1 - 360
    else:
        dhp = hp2 - hp1 + 360
    dLp, dCp = L2 - L1, cp2 - cp1
    dHp = 2 * math.sqrt(cp1 * cp2) * math.sin(math.radians(dhp) / 2)
    Lbp, Cbp = (L1 + L2) / 2, (cp1 + cp2) / 2
    if cp1 * cp2 == 0:
        hbp = hp1 + hp2
    elif abs(hp1 - hp2) <= 180:
        hbp = (hp1 + hp2) / 2
    elif hp1 + hp2 < 360:
        hbp = (hp1 + hp2 + 360) / 2
    else:
        hbp = (hp1 + hp2 - 360) / 2
    T = (1 - 0.17 * math.cos(math.radians(hbp - 30)) + 0.24 * math.cos(math.radians(2 * hbp))
         + 0.32 * math.cos(math.radians(3 * hbp + 6)) - 0.20 * math.cos(math.radians(4 * hbp - 63)))
    d_theta = 30 * math.exp(-(((hbp - 275) / 25) ** 2))
    Rc = 2 * math.sqrt(Cbp ** 7 / (Cbp ** 7 + 6103515625))
    Sl = 1 + 0.015 * (Lbp - 50) ** 2 / math.sqrt(20 + (Lbp - 50) ** 2)
    Sc, Sh = 1 + 0.045 * Cbp, 1 + 0.015 * Cbp * T
    Rt = -math.sin(math.radians(2 * d_theta)) * Rc
    return math.sqrt((dLp / Sl) ** 2 + (dCp / Sc) ** 2 + (dHp / Sh) ** 2 + Rt * (dCp / Sc) * (dHp / Sh))


SHARMA_PAIRS = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),  # pair 1
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),  # 7
    ((50.0, 2.49, -0.001), (50.0, -2.49, 0.0009), 7.1792),  # 13
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),  # 17
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),  # 25
    ((90.9257, -0.5406, -0.9208), (88.6381, -0.8985, -0.7239), 1.5381),  # 31
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),  # 34
]


@pytest.mark.parametrize(("x", "y", "published"), SHARMA_PAIRS)
def test_ciede2000_here_gives_the_published_values(x: tuple[float, float, float], y: tuple[float, float, float],
                                                    published: float) -> None:
    assert ciede2000(x, y) == pytest.approx(published, abs=5e-5)
    assert ciede2000(y, x) == pytest.approx(published, abs=5e-5)


def test_the_batch_colour_search_measures_as_published() -> None:
    """The colour search scores its candidates in arrays (``cvd._delta_e_rows``, ``cvd._views_rows``): the
    paper's pairs in one call, and 2,000 random pairs (greys and a zero chroma among them) as the formula
    written out here gives them; each colour as the simulation of :mod:`test_chart_colours` sees it."""
    x = np.array([p[0] for p in SHARMA_PAIRS])
    y = np.array([p[1] for p in SHARMA_PAIRS])
    published = [p[2] for p in SHARMA_PAIRS]
    assert cvd._delta_e_rows(x, y) == pytest.approx(published, abs=5e-5)
    assert cvd._delta_e_rows(y, x) == pytest.approx(published, abs=5e-5)
    rng = np.random.default_rng(63)
    labs = np.column_stack((rng.uniform(0, 100, 4000), rng.uniform(-110, 110, 4000), rng.uniform(-110, 110, 4000)))
    labs[::7, 1:] = 0.0  # greys: no chroma, no hue
    labs[::11, 1] = 0.0
    got = cvd._delta_e_rows(labs[:2000], labs[2000:])
    want = [ciede2000(tuple(a), tuple(b)) for a, b in zip(labs[:2000], labs[2000:], strict=True)]
    assert got == pytest.approx(want, rel=1e-9, abs=1e-9)
    darks = [f"#{v:02x}{v:02x}{v:02x}" for v in range(0x40)]  # across CIELAB's linear toe, (6/29)**3
    hexes = [f"#{v:06x}" for v in rng.integers(0, 1 << 24, 300)] + darks + ["#ffffff", "#ff0000"]
    seen = cvd._views_rows(hexes)
    for i, h in enumerate(hexes):
        for v, vision in enumerate(VISIONS):
            assert tuple(seen[i, v]) == pytest.approx(lab(h, vision), abs=0.02), (h, vision)  # rounded constants
            assert tuple(seen[i, v]) == pytest.approx(cvd.lab_as_seen(h, vision), abs=1e-9), (h, vision)


def worst(a: str, b: str) -> float:
    return min(ciede2000(lab(a, v), lab(b, v)) for v in VISIONS)


def test_the_colours_once_drawn_side_by_side_were_too_close() -> None:
    """pk-na-2022 as it was: PML-Q drawn #7faf62 beside JI's #7fb069, ANP #d62828 beside PTI #c8102e."""
    assert worst("#7faf62", "#7fb069") < 2
    assert worst("#d62828", "#c8102e") < 7
    assert worst("#c8102e", "#1b7a3e") < THRESHOLD  # PTI's red and PML-N's green, for a deuteranope


def party_charts(scenario: Scenario) -> list[tuple[str, str]]:
    """Every seat chart by party the report and the command line draw for ``scenario``: each key date (and
    the first and last day) on a desktop and a phone, and a chamber state drawn on its own."""
    days = sorted({scenario.chamber.as_of, scenario.last_date, *(d for d, _ in scenario.key_dates
                                                                if d >= scenario.chamber.as_of)})
    out = [(f"{scenario.id} {d} {w or 'desktop'}", hemicycle(scenario, on=d, width=w).svg)
           for d in days for w in (None, 360)]
    out.append((f"{scenario.id} state {days[-1]}", render_hemicycle(scenario.state(days[-1]))))
    return out


def drawn_colours(svg: str) -> dict[str, str]:
    """Each colour key of a chart (a party, or the parties drawn together) and its fill."""
    out: dict[str, str] = {}
    for c in seat_circles(ET.fromstring(svg)):
        classes = (c.get("class") or "").split()
        if "vacant" not in classes:
            assert out.setdefault(classes[1], c.get("fill", "")) == c.get("fill"), classes[1]  # one fill a key
    return out


def notes_of(svg: str) -> str:
    """The notes under a chart, without white space (a narrow chart wraps them, at hyphens too)."""
    return "".join("".join((t.text or "").split()) for t in ET.fromstring(svg).iter(f"{SVG}text")
                   if t.get("class") == "note")


@pytest.mark.parametrize("sid", SCENARIOS)
def test_every_two_parties_in_a_chart_differ_for_every_reader(sid: str) -> None:
    scenario = load_scenario(sid)
    for what, svg in party_charts(scenario):
        colours = drawn_colours(svg)
        assert len(colours) >= 2, what
        for (k1, c1), (k2, c2) in itertools.combinations(sorted(colours.items()), 2):
            d = worst(c1, c2)
            assert d >= THRESHOLD, f"{what}: {k1} {c1} and {k2} {c2} differ by {d:.1f} ΔE00"
        for k, c in colours.items():  # and from the white ground (an empty seat is an outline on it)
            assert worst(c, WHITE) >= THRESHOLD, f"{what}: {k} {c} is {worst(c, WHITE):.1f} ΔE00 from white"
        assert "hard to tell apart" not in notes_of(svg), what
        # the legend shows the colours the seats have
        swatches = {g.get("data-key"): g.find(f"{SVG}circle") for g in ET.fromstring(svg).iter(f"{SVG}g")
                    if g.get("class") == "legend-entry" and g.get("data-key") != "vacant"}
        assert {k: s.get("fill") for k, s in swatches.items() if s is not None} == colours, what


@pytest.mark.parametrize("sid", SCENARIOS)
def test_a_party_keeps_its_own_colour_where_it_is_distinct_and_a_change_is_said(sid: str) -> None:
    scenario = load_scenario(sid)
    own = {p.id: p.colour.lower() for p in scenario.parties if p.colour}
    short = {p.id: p.short or p.name for p in scenario.parties}
    for what, svg in party_charts(scenario):
        colours = drawn_colours(svg)
        notes = notes_of(svg)
        together = {c.get("data-party") for c in seat_circles(ET.fromstring(svg))
                    if (c.get("class") or "").split()[1] == "others"}
        for key, colour in colours.items():
            pid = key.removeprefix("party-")
            if key == "others" or pid not in own:
                continue
            others = [c for k, c in colours.items() if k != key]
            if all(worst(own[pid], c) >= THRESHOLD for c in [*others, WHITE]):
                assert colour == own[pid], f"{what}: {pid} is distinct in its own colour yet drawn {colour}"
            elif colour != own[pid]:
                assert f"{''.join(short[pid].split())}{own[pid]}→{colour}" in notes, what
        for pid in together:  # a party drawn among the others is named under the chart
            assert "".join(short[pid].split()) in notes, f"{what}: {pid}"
        # the largest party keeps its own colour: the one with the most seats on any day the scenario's
        # charts show (they share their colours), or on the day of a chamber state drawn on its own
        days = [dt.date.fromisoformat(d) for d in re.findall(r"\d{4}-\d\d-\d\d", what)]
        if " state " not in what:
            days = [d for d, _ in scenario.key_dates] + [scenario.chamber.as_of, scenario.last_date]
        most = {p.id: max(scenario.state(d).party(p.id).seats for d in days) for p in scenario.parties}
        largest = max(scenario.parties, key=lambda p: (most[p.id], p.id))
        if largest.colour and worst(largest.colour, WHITE) >= THRESHOLD:
            assert colours[f"party-{largest.id}"] == largest.colour.lower(), what


def test_only_parties_with_few_seats_are_drawn_together() -> None:
    """No party with more than 5 seats and 2% of the chamber is folded into "Others", in any scenario."""
    for sid in SCENARIOS:
        scenario = load_scenario(sid)
        for what, svg in party_charts(scenario):
            state = scenario.state(dt.date.fromisoformat(re.findall(r"\d{4}-\d\d-\d\d", what)[0]))
            seats = {p.id: p.seats for p in state.parties}
            together = {c.get("data-party") for c in seat_circles(ET.fromstring(svg))
                        if (c.get("class") or "").split()[1] == "others"}
            assert all(seats[p] <= 5 or seats[p] < 0.02 * state.seats for p in together), (what, together)


def test_pakistan_keeps_its_three_largest_parties_apart_and_names_the_others(pakistan: Scenario) -> None:
    svg = hemicycle(pakistan, on=dt.date(2022, 4, 10)).svg
    colours = drawn_colours(svg)
    assert colours["party-pti"] == "#c8102e" and colours["party-ppp"] == "#222222"
    assert worst(colours["party-pti"], colours["party-pml-n"]) >= THRESHOLD
    by_party = {c.get("data-party"): c.get("fill") for c in seat_circles(ET.fromstring(svg))}
    # those pairs: now told apart, however they are drawn
    assert worst(by_party["pml-q"], by_party["ji"]) >= THRESHOLD
    assert worst(by_party["anp"], by_party["pti"]) >= THRESHOLD


def test_every_two_stances_differ_for_every_reader() -> None:
    """The whip-count palette (and the seats with no stance recorded) at least 20 apart in CIEDE2000 and in
    CIE76, for normal, deuteranopic, protanopic and tritanopic vision, in every chart and on the dashboard."""
    colours = {**STANCE_COLOURS, "no stance": NO_STANCE_COLOUR}
    for a, b in itertools.combinations(colours, 2):
        assert worst(colours[a], colours[b]) >= 20, (a, b)
        assert worst_delta_e(colours[a], colours[b]) >= 20, (a, b)


def test_a_candidate_colour_goes_back_to_the_rgb_it_came_from() -> None:
    """The search makes its candidates in CIELAB and draws them in sRGB (``cvd._srgb_of_lab_rows``): the
    inverse of the forward conversion, dark colours (CIELAB's linear toe) and the gamut's corners included,
    each back to the very sRGB it came from; a colour outside the gamut is refused, not clipped."""
    rng = np.random.default_rng(29)
    colours = [tuple(int(c) for c in rgb) for rgb in rng.integers(0, 256, (300, 3))]
    colours += [(v, v, v) for v in range(0x30)] + [(255, 0, 0), (0, 0, 255), (255, 255, 255)]
    labs = np.array([cvd.lab_as_seen("#{:02x}{:02x}{:02x}".format(*rgb)) for rgb in colours])
    back, inside = cvd._srgb_of_lab_rows(labs)
    assert inside.all()
    assert [tuple(row) for row in back.tolist()] == colours  # the two matrices are inverse to 7 digits
    _, inside = cvd._srgb_of_lab_rows(np.array([(50.0, 200.0, 0.0), (50.0, 0.0, 0.0)]))
    assert inside.tolist() == [False, True]  # far redder than sRGB's red; a mid grey


PALE = [("white", 40), ("#fefefe", 30), ("lightyellow", 20), ("#fdf38e", 12), ("aliceblue", 3)]
"""Colours a user may give that are (nearly) the page's own: CSS white, off-white, pale yellow, the SNP's
pale yellow, a pale blue; the last on a party of three seats, small enough to be drawn among the others."""


def _pale_scenario(tmp_path: Path) -> Path:
    rows = "".join(f"  - {{id: p{i}, name: Pale {i}, seats: {n}, side: {'government' if i % 2 else 'opposition'}, "
                   f"colour: '{c}', source: 'https://example.org/p'}}\n" for i, (c, n) in enumerate(PALE))
    path = tmp_path / "pale.yaml"
    path.write_text("id: pale\ntitle: Pale\nchamber: {name: Pale Assembly, rules: pk-na, seats: 110, "
                    "as_of: 2024-01-01}\nparties:\n" + rows + "  - {id: dark, name: Dark, seats: 5, "
                    "side: other, colour: '#222222', source: 'https://example.org/p'}\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("width", [None, 360])
def test_a_colour_as_pale_as_the_ground_is_darkened_and_said(tmp_path: Path, width: int | None) -> None:
    """A party given white or a near-white colour is drawn in a colour every reader tells from the white
    ground (15 ΔE00 or more under every vision), where its seats had looked like empty ones; the note
    names the colour given and the one drawn."""
    svg = hemicycle(load_scenario(_pale_scenario(tmp_path)), width=width).svg
    colours = drawn_colours(svg)
    notes = notes_of(svg)
    for key, colour in colours.items():
        assert worst(colour, WHITE) >= THRESHOLD, f"{key} {colour}: {worst(colour, WHITE):.1f} ΔE00 from white"
    for i, (given, _) in enumerate(PALE[:4]):
        assert f"Pale{i}{given}→{colours[f'party-p{i}']}" in notes
    assert "Colourstoopaletotellfromthewhiteground" in notes
    assert colours["party-dark"] == "#222222"  # a colour far from the ground and the rest stays
