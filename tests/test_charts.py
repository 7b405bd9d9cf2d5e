"""Charts: the SVG parses, holds one element per seat, the right colours, legend counts and lines."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from chart_paths import assert_splits, subpaths
from svg_seats import legend_counts, seat_circles
from whipcount.charts import (
    Speaker,
    StanceBlock,
    check_colour,
    hemicycle,
    is_colour,
    render_forecast,
    render_hemicycle,
    render_timeline,
    two_thirds_of,
)
from whipcount.charts.colours import STANCE_COLOURS, assign_colours, text_colour_on, to_rgb
from whipcount.charts.geometry import arch, horseshoe, westminster
from whipcount.errors import ChartError, EventError
from whipcount.model import Scenario
from whipcount.report.notebook import register

SVG = "{http://www.w3.org/2000/svg}"
FILED = dt.date(2022, 3, 8)
AFTER_MQM = dt.date(2022, 3, 30)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def seats_of(root: ET.Element) -> list[ET.Element]:
    return seat_circles(root)


# -- the hemicycle of Pakistan on the day the motion was filed -----------------------------------------
@pytest.mark.parametrize("layout", ["arch", "westminster", "horseshoe"])
def test_one_seat_element_per_seat_and_one_vacant(pakistan: Scenario, layout: str) -> None:
    root = parse(hemicycle(pakistan, on=FILED, layout=layout).svg)
    seats = seats_of(root)
    assert len(seats) == 342  # Art. 51: total membership of the 15th National Assembly
    vacant = [s for s in seats if "vacant" in s.get("class", "").split()]
    assert len(vacant) == 1  # 179 + 162 = 341 sitting on 8 March 2022
    ids = [s.get("id") for s in seats]
    assert len(set(ids)) == 342 and all(ids)
    assert all(s.find(f"{SVG}title") is not None and s.find(f"{SVG}title").text for s in seats)


@pytest.mark.parametrize("layout", ["arch", "westminster", "horseshoe"])
def test_seat_colours_match_the_party_seat_counts(pakistan: Scenario, layout: str) -> None:
    root = parse(hemicycle(pakistan, on=FILED, layout=layout).svg)
    seats = [s for s in seats_of(root) if "vacant" not in s.get("class", "")]
    fills = Counter(s.get("fill") for s in seats)
    colour_of = {s.get("data-party"): s.get("fill") for s in seats}
    # published counts on 8 March 2022 (The News, "PTI to lose 17 MNAs ..."): PTI 155, PML-N 84, PPP 56; the
    # largest party keeps its own colour, the others are each drawn in one colour of their own
    assert fills["#c8102e"] == 155
    assert fills[colour_of["pml-n"]] == 84
    assert fills[colour_of["ppp"]] == 56
    state = pakistan.state(FILED)
    assert Counter(s.get("data-party") for s in seats) == Counter({p.id: p.seats for p in state.parties})
    # a seat's key is its party's, or "others" for the parties the note says are drawn together
    notes = " ".join(t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "note")
    keys = {s.get("data-party"): s.get("class", "").split()[1] for s in seats}
    short = {p.id: p.short or p.name for p in state.parties}
    together = {pid for pid, key in keys.items() if key == "others"}
    assert together and all(short[pid] in notes.split("Others:")[1].split("parties with few")[0] for pid in together)
    assert all(keys[pid] == f"party-{pid}" for pid in keys.keys() - together)
    assert len({colour_of[pid] for pid in together}) == 1
    # a colour differs from the scenario's only where the notes say it was adjusted
    for p in state.parties:
        if p.colour and p.id not in together and colour_of[p.id] != check_colour(p.colour, where=p.id):
            assert f"{p.short or p.name} {p.colour.lower()} → {colour_of[p.id]}" in notes


def test_seat_titles_name_party_side_and_source(pakistan: Scenario) -> None:
    root = parse(hemicycle(pakistan, on=FILED).svg)
    pti = [s.find(f"{SVG}title").text or "" for s in seats_of(root) if s.get("data-party") == "pti"]
    unnamed = [t for t in pti if t.startswith("PTI")]
    assert unnamed and all("Pakistan Tehreek-e-Insaf" in t and "government" in t for t in unnamed)
    assert all("https://pakobserver.net/" in t for t in unnamed)  # the party's own source
    # a named member's seat cites the member's own source first (Noor Alam Khan: the show-cause notices)
    (noor,) = [t for t in pti if t.startswith("Noor Alam Khan, PTI")]
    assert "Source: https://dailytimes.com.pk/904284/" in noor and "(+1 more)" in noor
    ji = [s for s in seats_of(root) if s.get("data-party") == "ji"]
    assert len(ji) == 1 and "unverified" in ji[0].get("class", "")
    assert "(unverified)" in (ji[0].find(f"{SVG}title").text or "")


def test_legend_counts_are_the_seat_counts(pakistan: Scenario) -> None:
    root = parse(hemicycle(pakistan, on=FILED).svg)
    counts = legend_counts(root)
    assert counts["party-pti"] == 155
    assert counts["party-pml-n"] == 84
    assert counts["vacant"] == 1
    # independents: two on each side, drawn with the other small parties ("Others"), one legend line per side
    # that counts them with the rest of the group on that side
    seats = [s for s in seats_of(root) if "vacant" not in s.get("class", "")]
    for side in ("government", "opposition"):
        mine = [s for s in seats if s.get("data-side") == side and s.get("data-party") == "independent"]
        assert len(mine) == 2 and {s.get("class", "").split()[1] for s in mine} == {"others"}
    others = sorted(int(g.get("data-count", 0)) for g in root.iter(f"{SVG}g") if g.get("data-key") == "others")
    grouped = Counter(s.get("data-side") for s in seats if s.get("class", "").split()[1] == "others")
    assert others == sorted(grouped.values()) and len(others) == 2
    heads = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "lg-head"]
    assert "Government 179" in heads and "Opposition 162" in heads


def test_by_side_after_mqm_switch(pakistan: Scenario) -> None:
    # "MQM-P's switch took the opposition to an expected 177" (The News, 30 March 2022)
    root = parse(hemicycle(pakistan, on=AFTER_MQM, by="side").svg)
    sides = Counter(s.get("data-side") for s in seats_of(root) if s.get("data-side"))
    assert sides["opposition"] == 177
    assert sides["government"] == 164
    assert legend_counts(root)["side-opposition"] == 177


def test_by_stance_counts_and_order(pakistan: Scenario) -> None:
    state = pakistan.state(AFTER_MQM)
    blocks = [StanceBlock(pid, side, "yes" if side == "opposition" else "no", n) for pid, side, n in state.blocs()]
    root = parse(render_hemicycle(state, by="stance", stances=blocks))
    seats = [s for s in seats_of(root) if "vacant" not in s.get("class", "")]
    fills = Counter(s.get("fill") for s in seats)
    assert fills[STANCE_COLOURS["yes"]] == 177 and fills[STANCE_COLOURS["no"]] == 164
    stances = [s.get("data-stance") for s in seats]
    assert stances == sorted(stances, key=["yes", "no"].index)  # the yes bloc is contiguous from the left


def test_stances_for_more_seats_than_the_party_holds(pakistan: Scenario) -> None:
    state = pakistan.state(FILED)
    with pytest.raises(ChartError, match="mqm-p"):
        render_hemicycle(state, by="stance", stances=[StanceBlock("mqm-p", "government", "yes", 8)])


def test_speaker_drawn_apart_and_still_counted(pakistan: Scenario) -> None:
    root = parse(hemicycle(pakistan, on=FILED, speaker=Speaker("pti", "Asad Qaiser")).svg)
    seats = seats_of(root)
    speaker = [s for s in seats if "speaker" in s.get("class", "").split()]
    assert len(speaker) == 1 and "Asad Qaiser" in (speaker[0].find(f"{SVG}title").text or "")
    assert len(seats) == 342
    assert sum(1 for s in seats if s.get("fill") == "#c8102e") == 155


def test_responsive_and_accessible(pakistan: Scenario) -> None:
    root = parse(hemicycle(pakistan, on=FILED).svg)
    assert root.get("viewBox") and root.get("width") is None and root.get("height") is None
    assert root.get("role") == "img"
    ids = (root.get("aria-labelledby") or "").split()
    found = {e.get("id"): e for e in root.iter() if e.get("id") in ids}
    assert {e.tag for e in found.values()} == {f"{SVG}title", f"{SVG}desc"}
    desc = next(e for e in found.values() if e.tag == f"{SVG}desc").text or ""
    assert "342 seats" in desc and "PTI 155" in desc and "172" in desc


def test_majority_and_two_thirds_lines(pakistan: Scenario) -> None:
    root = parse(hemicycle(pakistan, on=FILED, two_thirds=True).svg)
    classes = [p.get("class") for p in root.iter(f"{SVG}path")]
    assert "threshold majority" in classes and "threshold two-thirds" in classes
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert "172 to pass" in labels  # Art. 95(4): majority of the total membership of 342
    assert "two thirds: 228" in labels
    root = parse(hemicycle(pakistan, on=FILED).svg)
    assert "threshold two-thirds" not in [p.get("class") for p in root.iter(f"{SVG}path")]


@pytest.mark.parametrize("layout", ["arch", "horseshoe", "westminster"])
@pytest.mark.parametrize("needed", [1, 172, 228, 300, 342])
def test_threshold_labels_stay_inside_the_chart(pakistan: Scenario, layout: str, needed: int) -> None:
    root = parse(hemicycle(pakistan, on=FILED, layout=layout, needed=needed, two_thirds=True).svg)
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "seats")
    dx, dy = (float(v) for v in re.findall(r"[-\d.]+", group.get("transform", "")))
    for t in group.iter(f"{SVG}text"):
        if t.get("class") != "tlabel":
            continue
        w = 8.5 * len(t.text or "")  # 13px semi-bold sans: under 8.5 units a character on average
        x = dx + float(t.get("x", "0"))
        left = x - {"start": 0, "middle": w / 2, "end": w}[t.get("text-anchor", "start")]
        y = dy + float(t.get("y", "0"))
        assert 0 <= left and left + w <= width, (t.text, left, w, width)
        assert 13 <= y <= height, (t.text, y)


def test_two_thirds_by_hand() -> None:
    assert two_thirds_of(342) == 228  # 2 * 342 / 3 = 228 exactly
    assert two_thirds_of(100) == 67  # 66.67 rounds up
    assert two_thirds_of(3) == 2


def test_text_is_escaped(pakistan: Scenario) -> None:
    state = pakistan.state(FILED)
    evil = '<b>&"Party"</b>'
    parties = tuple(dataclasses.replace(p, name=evil, short=evil) if p.id == "pti" else p for p in state.parties)
    svg = render_hemicycle(dataclasses.replace(state, parties=parties), title="A & B <x>")
    root = parse(svg)  # would fail on raw markup
    assert "<b>" not in svg
    titles = [s.find(f"{SVG}title").text or "" for s in seats_of(root) if s.get("data-party") == "pti"]
    assert evil in titles[0]


# -- colours ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("good", ["#abc", "#A1B2C3", "darkgreen", "RebeccaPurple", " red "])
def test_colours_accepted(good: str) -> None:
    assert is_colour(good)


@pytest.mark.parametrize("bad", ["blurple", "#abcd", "#12345g", "rgb(1,2,3)", "", "url(http://x)", None, 3])
def test_colours_rejected(bad: object) -> None:
    assert not is_colour(bad)
    with pytest.raises(ChartError, match="party 'pti'"):
        check_colour(bad, where="party 'pti'")


def test_unknown_party_colour_names_the_party(pakistan: Scenario) -> None:
    state = pakistan.state(FILED)
    parties = tuple(dataclasses.replace(p, colour="blurple") if p.id == "bap" else p for p in state.parties)
    with pytest.raises(ChartError, match=r"party 'bap': colour 'blurple'"):
        render_hemicycle(dataclasses.replace(state, parties=parties))


def test_palette_for_parties_without_colour() -> None:
    got = assign_colours([("a", "#4477aa"), ("b", None), ("c", None)])
    assert got["a"] == "#4477aa"
    assert got["b"] != got["a"] and got["c"] not in (got["a"], got["b"])  # a used palette colour is skipped
    assert assign_colours([("b", None), ("c", None)]) == assign_colours([("b", None), ("c", None)])


def test_colour_helpers() -> None:
    assert to_rgb("#abc") == (0xAA, 0xBB, 0xCC)
    assert to_rgb("darkgreen") == (0, 100, 0)
    assert text_colour_on("#000000") == "#ffffff" and text_colour_on("yellow") == "#000000"


# -- layouts ------------------------------------------------------------------------------------------
def test_layouts_that_cannot_hold_the_seats(pakistan: Scenario) -> None:
    state = pakistan.state(FILED)
    with pytest.raises(ChartError, match="arch layout: 2 row"):
        render_hemicycle(state, rows=2)
    with pytest.raises(ChartError, match="horseshoe layout: 1 row"):
        render_hemicycle(state, layout="horseshoe", rows=1)
    with pytest.raises(ChartError, match="westminster layout"):
        render_hemicycle(state, layout="westminster", rows=1)
    with pytest.raises(ChartError, match="layout: expected one of"):
        render_hemicycle(state, layout="circle")
    with pytest.raises(ChartError, match="at most 3000"):
        arch(5000)


def test_date_before_the_seat_counts(pakistan: Scenario) -> None:
    with pytest.raises(EventError, match="2022-03-08"):
        hemicycle(pakistan, on=dt.date(2022, 3, 1))


@settings(max_examples=60, deadline=None)
@given(n=st.integers(2, 700), frac=st.floats(0.0, 1.0), layout=st.sampled_from(["arch", "horseshoe"]),
       rows=st.none() | st.integers(1, 24))
@example(n=544, frac=0.5, layout="arch", rows=None).via("tied angles: a straight radial line cannot separate 272 seats")
@example(n=342, frac=172 / 342, layout="arch", rows=None).via("Pakistan: the majority line")
@example(n=342, frac=228 / 342, layout="horseshoe", rows=None).via("Pakistan: the two-thirds line")
@example(n=3000, frac=0.5, layout="arch", rows=None).via("the largest chamber drawn")
def test_threshold_line_separates_the_first_k_seats(n: int, frac: float, layout: str, rows: int | None) -> None:
    assume(rows is None or rows <= n)  # more rows than seats is refused (test_more_rows_than_seats_is_refused)
    """The line crosses no seat, and the first k seats in fill order lie on one side of it, the rest on the other."""
    k = max(1, min(n - 1, round(n * frac)))
    try:
        pl = (arch if layout == "arch" else horseshoe)(n, rows=rows)
    except ChartError as exc:  # too few rows for the seats
        assume("hold at most" not in str(exc))
        raise
    assert len(set(pl.centres)) == n
    (line,) = subpaths(pl.divider(k))
    assert_splits(line, pl.centres, pl.radius, k)


# the Westminster line: tests/test_chart_layouts.py


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 900))
def test_horseshoe_places_every_seat_once(n: int) -> None:
    pl = horseshoe(n)
    assert len(pl.centres) == n
    r = pl.radius
    pts = np.array(pl.centres)
    if n > 1:
        d = np.hypot(pts[:, None, 0] - pts[None, :, 0], pts[:, None, 1] - pts[None, :, 1])
        np.fill_diagonal(d, np.inf)
        assert d.min() >= 2 * r * 0.99  # seats never overlap


@settings(max_examples=30, deadline=None)
@given(up=st.integers(0, 300), low=st.integers(0, 300), cross=st.integers(0, 40))
def test_westminster_places_every_seat_once(up: int, low: int, cross: int) -> None:
    if up + low + cross == 0:
        return
    pl = westminster((up, low, cross))
    assert len(pl.centres) == up + low + cross
    assert len(set(pl.centres)) == len(pl.centres)
    pts = np.array(pl.centres)
    if len(pts) > 1:
        d = np.hypot(pts[:, None, 0] - pts[None, :, 0], pts[:, None, 1] - pts[None, :, 1])
        np.fill_diagonal(d, np.inf)
        assert d.min() >= 2 * pl.radius * 0.99  # seats never overlap


# -- timeline and forecast -----------------------------------------------------------------------------
def test_timeline(pakistan: Scenario) -> None:
    root = parse(render_timeline(pakistan, start=dt.date(2022, 3, 1), end=dt.date(2022, 8, 1)))  # the whole log
    series = [p for p in root.iter(f"{SVG}path") if "series" in (p.get("class") or "")]
    assert {p.get("class") for p in series} >= {"series side-government", "series side-opposition"}
    events = [c for c in root.iter(f"{SVG}circle") if "event" in (c.get("class") or "")]
    assert sum(int(e.get("data-events") or 0) for e in events) == len(pakistan.events)
    mqm = [e for e in events if "MQM-P leaves the coalition" in (e.find(f"{SVG}title").text or "")]
    assert len(mqm) == 1 and "thenews.com.pk" in (mqm[0].find(f"{SVG}title").text or "")
    unverified = [e for e in events if "unverified" in (e.get("class") or "")]
    # markers of one look within a marker's width of each other are one (its data-events says how many)
    assert sum(int(e.get("data-events") or 0) for e in unverified) == sum(1 for e in pakistan.events if not e.verified)
    names = [t.text for t in root.iter(f"{SVG}text") if t.get("class") == "end"]
    counts = [int((t.text or "").split()[0]) for t in root.iter(f"{SVG}text")
              if t.get("class") == "endsub" and " seats on " in (t.text or "")]
    ends = dict(zip(names, counts, strict=True))
    last = pakistan.state(pakistan.last_date).sides()  # after the change of government the sides swapped names
    assert ends["Opposition"] == last["government"] and ends["Government"] == last["opposition"]
    assert any(t.text == "172 to pass" for t in root.iter(f"{SVG}text"))


def test_forecast_bars_of_a_binomial() -> None:
    n = 20
    pmf = np.array([math.comb(n, k) / 2**n for k in range(n + 1)])
    root = parse(render_forecast(pmf, needed=11))
    bars = [r for r in root.iter(f"{SVG}rect") if "bar" in (r.get("class") or "")]
    passing = [b for b in bars if "pass" in (b.get("class") or "")]
    assert {int((b.find(f"{SVG}title").text or "").split()[0]) for b in passing} == set(range(11, 21)) & {
        int((b.find(f"{SVG}title").text or "").split()[0]) for b in bars}
    sub = next(t.text for t in root.iter(f"{SVG}text") if t.get("class") == "sub") or ""
    # P(X >= 11) for X ~ Bin(20, 1/2) = 0.4119...
    assert "41.2%" in sub


@pytest.mark.parametrize("bad", [[0.5, 0.6], [1.0, -0.1, 0.1], [np.nan, 1.0], [[0.5, 0.5]], [1.0]])
def test_forecast_rejects_what_is_not_a_distribution(bad: object) -> None:
    with pytest.raises(ChartError, match="forecast"):
        render_forecast(bad, needed=1)  # type: ignore[arg-type]


# -- notebooks ----------------------------------------------------------------------------------------
def test_chart_repr_and_ipython_formatter(pakistan: Scenario) -> None:
    chart = hemicycle(pakistan, on=FILED)
    assert chart._repr_svg_() == chart.svg and chart.svg.startswith("<svg")

    class Formatter:
        def __init__(self) -> None:
            self.types: dict[type, object] = {}

        def for_type(self, t: type, f: object) -> None:
            self.types[t] = f

    class Shell:
        def __init__(self) -> None:
            self.display_formatter = type("D", (), {"formatters": {"image/svg+xml": Formatter(),
                                                                   "text/html": Formatter()}})()

    shell = Shell()
    assert register(shell) is True
    (cls, fn), = shell.display_formatter.formatters["image/svg+xml"].types.items()
    state = pakistan.state(FILED)
    assert isinstance(state, cls)
    assert len(seats_of(parse(fn(state)))) == 342  # type: ignore[operator]


@pytest.mark.parametrize("layout", ["arch", "horseshoe"])
def test_more_rows_than_seats_is_refused(layout: str) -> None:
    from whipcount.charts import geometry

    with pytest.raises(ChartError, match="8 rows for 6 seats"):
        getattr(geometry, layout)(6, rows=8)


def test_svg_text_and_attributes_are_escaped_as_the_standard_library_does() -> None:
    """``charts.svg`` writes what ``xml.sax.saxutils.escape`` and ``quoteattr`` write (kept out of the
    charts' imports for their start-up cost), for texts with every character that matters, control
    characters dropped first."""
    from xml.sax.saxutils import escape, quoteattr

    from whipcount.charts.svg import attr, esc

    rng = random.Random(11)
    alphabet = "ab &<>\"'\n\r\t\x00\x0b\x1f;#é"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        kept = "".join(c for c in text if c in "\t\n\r" or ord(c) >= 0x20)
        assert esc(text) == escape(kept), text
        assert attr(text) == quoteattr(kept), text
