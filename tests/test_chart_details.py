"""Charts in the details a reader checks: every party in the legend with its seats, the title asked for, a
majority line anywhere from one seat to all of them, the documented widths, a seat's sources counted, the
descriptions read aloud, Westminster benches (the crossbench included), the forecast chart's window and
axis, the time axis's dates, colours outside sRGB refused.

Independent truths: the bundled record of Pakistan's National Assembly in March and April 2022 (342 seats,
one vacant, parties of a single seat among them, 179 and 162 on 8 March, 177 with the opposition after
30 March), a binomial's tails computed exactly, the CIE and sRGB formulas written out here, and the
arguments given.
"""

from __future__ import annotations

import datetime as dt
import math
import xml.etree.ElementTree as ET
from importlib import resources

import numpy as np
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from svg_seats import seat_circles
from whipcount.charts import Speaker, StanceBlock, cvd, hemicycle, render_hemicycle, timeline, views
from whipcount.charts.forecast import _pct, _shown
from whipcount.charts.seating import hemicycle_seats
from whipcount.charts.story import Box
from whipcount.charts.timeline_axes import date_ticks as _ticks
from whipcount.errors import ChartError
from whipcount.io.scenario import load_scenario
from whipcount.model import Scenario

SVG = "{http://www.w3.org/2000/svg}"
FILED = dt.date(2022, 3, 8)


def _legend(svg: str) -> list[tuple[str, int]]:
    """Every legend entry's key and count, in order (a party on two sides has two)."""
    root = ET.fromstring(svg)
    return [(g.get("data-key", ""), int(g.get("data-count", "-1"))) for g in root.iter(f"{SVG}g")
            if g.get("class") == "legend-entry"]


def test_every_party_on_every_side_is_in_the_legend_with_its_seats(pakistan: Scenario) -> None:
    state = pakistan.state(FILED)
    svg = hemicycle(pakistan, on=FILED).svg
    entries = _legend(svg)
    # the parties drawn together are those whose seats are keyed "others"
    together = {c.get("data-party") for c in seat_circles(ET.fromstring(svg))
                if c.get("class", "").split()[1] == "others"}
    want = sorted((f"party-{p.id}", p.seats_on(side)) for p in state.parties for side in state.chamber.sides
                  if p.seats_on(side) > 0 and p.id not in together)
    grouped = {side: sum(p.seats_on(side) for p in state.parties if p.id in together)
               for side in state.chamber.sides}
    want = sorted(want + [("others", n) for n in grouped.values() if n])
    # parties of one seat are there to be counted (each drawn on its own or among the others: since
    # tritanopes are in the colour check, Pakistan's four of one seat are all among the others)
    assert any(p.seats == 1 and p.id in together for p in state.parties)
    assert sorted(e for e in entries if e[0] != "vacant") == want
    assert sum(n for _, n in entries) == 342  # Art. 51, the vacant seat included


def test_the_title_asked_for_is_the_charts_heading(pakistan: Scenario) -> None:
    def heading(svg: str) -> str:
        return next(t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text"))

    assert heading(hemicycle(pakistan, on=FILED, title="Who backs the motion").svg) == "Who backs the motion"
    # without one, the chamber's name and the date
    assert heading(hemicycle(pakistan, on=FILED).svg) == f"{pakistan.chamber.name}, 8 March 2022"


@pytest.mark.parametrize("needed", [1, 172, 342])
def test_a_majority_line_may_stand_anywhere_from_one_seat_to_all(pakistan: Scenario, needed: int) -> None:
    svg = render_hemicycle(pakistan.state(FILED), needed=needed)
    assert f"{needed} to pass" in svg


@pytest.mark.parametrize("needed", [0, 343])
def test_a_majority_line_outside_the_chamber_is_refused(pakistan: Scenario, needed: int) -> None:
    with pytest.raises(ChartError, match="expected 1..342 seats"):
        render_hemicycle(pakistan.state(FILED), needed=needed)


@pytest.mark.parametrize(("urls", "said"), [
    ((), None),
    (("https://example.org/a",), "Source: https://example.org/a"),
    (("https://example.org/a", "https://example.org/b"), "Source: https://example.org/a (+1 more)"),
    (("https://example.org/a", "https://example.org/b", "https://example.org/c"),
     "Source: https://example.org/a (+2 more)"),
])
def test_a_seat_names_its_first_source_and_counts_the_others(pakistan: Scenario, urls: tuple[str, ...],
                                                             said: str | None) -> None:
    seats, _ = hemicycle_seats(pakistan.state(FILED), sources={"mqm-p": urls})
    mqm = [s for s in seats if s.party == "mqm-p"]
    assert len(mqm) == 7
    for s in mqm:
        assert ("Source:" in s.title) == (said is not None)
        if said is not None:
            assert s.title.endswith(said)
    svg_titles = [c.find(f"{SVG}title").text for c in seat_circles(ET.fromstring(
        render_hemicycle(pakistan.state(FILED), sources={"mqm-p": urls})))]
    assert sum("Source:" in (t or "") for t in svg_titles) == (7 if said else 0)


def test_a_box_is_inside_itself_and_one_touching_its_edge() -> None:
    frame = Box(0.0, 0.0, 100.0, 50.0)
    assert frame.inside(frame)
    assert Box(0.0, 10.0, 40.0, 50.0).inside(frame)
    assert not Box(-0.5, 10.0, 40.0, 50.0).inside(frame)
    assert not Box(0.0, 10.0, 40.0, 50.5).inside(frame)
    # touching is not overlapping
    assert not Box(100.0, 0.0, 120.0, 50.0).overlaps(frame)
    assert Box(99.5, 0.0, 120.0, 50.0).overlaps(frame)


@pytest.mark.parametrize("width", [240, 4000])
def test_a_chart_may_be_as_narrow_or_as_wide_as_documented(pakistan: Scenario, width: int) -> None:
    svg = render_hemicycle(pakistan.state(FILED), width=width)
    assert len(seat_circles(ET.fromstring(svg))) == 342


@pytest.mark.parametrize("width", [239.5, 4000.5])
def test_a_width_outside_240_to_4000_pixels_is_refused(pakistan: Scenario, width: float) -> None:
    with pytest.raises(ChartError, match="expected 240 to 4000 pixels"):
        render_hemicycle(pakistan.state(FILED), width=width)


def _binomial(n: int, p: float) -> np.ndarray:
    return np.array([math.comb(n, k) * p**k * (1 - p) ** (n - k) for k in range(n + 1)])


def _quantile(pmf: np.ndarray, q: float) -> int:
    """The least count whose cumulative probability reaches ``q``, summed in plain Python."""
    total = 0.0
    for k, x in enumerate(pmf.tolist()):
        total += x
        if total >= q:
            return k
    return len(pmf) - 1


@pytest.mark.parametrize("needed", [None, 10, 51, 95])
def test_the_forecast_shows_the_likely_counts_and_the_bar_with_two_more_each_side(needed: int | None) -> None:
    # Binomial(100, 1/2): counts outside the tails of 1 in 10,000 are left out, the bar and the count just
    # below it are always in, and two more counts on each side
    pmf = _binomial(100, 0.5)
    lo_q, hi_q = _quantile(pmf, 1e-4), _quantile(pmf, 1 - 1e-4)
    # the binomial's tails: P(X <= 31) = 9.2e-5 < 1e-4 <= P(X <= 32) = 2.0e-4, and the mirror image above
    assert (lo_q, hi_q) == (32, 68)
    lo, hi = _shown(pmf, needed)
    low = lo_q if needed is None else min(lo_q, needed - 1)
    high = hi_q if needed is None else max(hi_q, needed)
    assert (lo, hi) == (low - 2, high + 2)


@settings(max_examples=300, deadline=None)
@given(st.dates(dt.date(1947, 1, 1), dt.date(2100, 1, 1)), st.integers(0, 30_000), st.integers(2, 12))
def test_time_axis_ticks_are_in_range_ordered_few_and_on_round_dates(lo: dt.date, span: int, most: int) -> None:
    hi = lo + dt.timedelta(span)
    pairs = _ticks(lo, hi, most)
    ticks = [d for d, _ in pairs]
    assert ticks == sorted(set(ticks))
    assert all(lo <= d <= hi for d in ticks)
    assert 1 <= len(ticks) <= most
    gaps = {(b - a).days for a, b in zip(ticks, ticks[1:], strict=False)}
    if span <= 14 and span // 6 + 1 <= most:
        # days: from the first day on, evenly spaced, each labelled by its day and month
        assert ticks[0] == lo and len(gaps) <= 1
        assert all(label == f"{d.day} {d:%b}" for d, label in pairs)
    elif all(d.day == 1 for d in ticks) and pairs != [(lo, f"{lo.day} {lo:%b %Y}")]:
        # first days of months, on a round step: every month, two, a quarter, half a year or whole years;
        # labelled by the year alone on a step of years, else by the month, with the year at the first
        # tick and at each January
        months = [d.year * 12 + d.month - 1 for d in ticks]
        steps = {b - a for a, b in zip(months, months[1:], strict=False)}
        assert len(steps) <= 1 and all(k % step == 0 for step in steps for k in months)
        assert all(step in (1, 2, 3, 6) or step % 12 == 0 for step in steps)
        for i, (d, label) in enumerate(pairs):
            if steps and min(steps) >= 12:
                assert label == f"{d:%Y}"
            elif steps:
                assert label == (f"{d:%b %Y}" if i == 0 or d.month == 1 else f"{d:%b}")
    elif len(ticks) == 1 and pairs[0][1] == f"{lo.day} {lo:%b %Y}":
        # a span with no date of the kinds above that fits: its first day, with the year
        assert ticks == [lo]
    else:
        # Mondays a week or a fortnight apart
        assert all(d.weekday() == 0 for d in ticks) and gaps <= {7, 14} and len(gaps) <= 1
        assert all(label == f"{d.day} {d:%b}" for d, label in pairs)


@settings(max_examples=200, deadline=None)
@given(st.dates(), st.dates(), st.integers(1, 12))
def test_time_axis_ticks_fit_any_span_of_the_calendar(a: dt.date, b: dt.date, most: int) -> None:
    """A log from year 1 to 9999 (a scenario's first and last dates allowed) gets no more ticks than asked,
    on whole years a round step apart: the axis once stopped at hundred-year steps, and ten thousand years
    drew a hundred labels over each other."""
    lo, hi = min(a, b), max(a, b)
    pairs = _ticks(lo, hi, most)
    ticks = [d for d, _ in pairs]
    assert 1 <= len(ticks) <= most and ticks == sorted(set(ticks)) and all(lo <= d <= hi for d in ticks)
    if (hi - lo).days > 366 * 12 * most and len(ticks) > 1:  # over twelve years a tick: whole years apart
        assert all(d.month == d.day == 1 and label == f"{d:%Y}" for d, label in pairs)


def test_the_whole_calendar_is_ticked_every_thousand_years() -> None:
    # years 1 to 9999 at ten ticks at most: a thousand years apart, 1000 to 9000 (nine ticks)
    assert [label for _, label in _ticks(dt.date.min, dt.date.max, 10)] == [str(y) for y in range(1000, 10000, 1000)]


def test_a_narrow_time_axis_over_two_years_keeps_its_years() -> None:
    # two labels at most over 781 days: the axis once chose five-year steps from the span's length and was
    # left with no date at all; counted, yearly steps give two
    ticks = _ticks(dt.date(2021, 1, 2), dt.date(2023, 2, 22), 2)
    assert ticks == [(dt.date(2022, 1, 1), "2022"), (dt.date(2023, 1, 1), "2023")]


def test_the_timelines_description_gives_each_sides_first_and_last_count(pakistan: Scenario) -> None:
    # the record: 179 with the government and 162 with the opposition when the motion was filed; 177 with
    # the opposition once MQM-P had crossed (30 March), so 342 - 177 - 1 vacant = 164 left to the government
    desc = ET.fromstring(timeline(pakistan).svg).find(f"{SVG}desc")
    assert desc is not None and desc.text is not None
    assert "Government as it stood on 8 March 2022: 179 seats on 8 March 2022, 164 on 12 April 2022." in desc.text
    assert "Opposition as it stood on 8 March 2022: 162 seats on 8 March 2022, 177 on 12 April 2022." in desc.text


def test_the_seat_charts_description_says_whether_the_speaker_sits_apart(pakistan: Scenario) -> None:
    def desc(**kw: object) -> str:
        d = ET.fromstring(hemicycle(pakistan, on=FILED, **kw).svg).find(f"{SVG}desc")  # type: ignore[arg-type]
        assert d is not None and d.text is not None
        return d.text

    assert "The Speaker's seat is drawn apart." in desc(speaker=Speaker("pti", "Asad Qaiser"))
    # a bare state knows no Speaker: none is drawn apart, and the description says nothing of one
    plain = ET.fromstring(render_hemicycle(pakistan.state(FILED))).find(f"{SVG}desc")
    assert plain is not None and plain.text is not None and "Speaker" not in plain.text


@pytest.mark.parametrize("order", [None, ("government", "opposition", "other")])
def test_westminster_benches_put_the_opposition_across_from_the_government(
        pakistan: Scenario, order: tuple[str, ...] | None) -> None:
    # the opposition on the upper bench, the government on the lower, as the layout's description says,
    # whichever order the sides are listed in
    seats = seat_circles(ET.fromstring(render_hemicycle(pakistan.state(FILED), layout="westminster",
                                                        side_order=order)))
    ys = {side: [float(s.get("cy", "nan")) for s in seats if s.get("data-side") == side]
          for side in ("government", "opposition")}
    assert len(ys["government"]) == 179 and len(ys["opposition"]) == 162
    assert max(ys["opposition"]) < min(ys["government"])


@pytest.mark.parametrize(("p", "shown"), [(0.0, "0%"), (0.005, "0.5%"), (0.015, "2%"), (0.02, "2%"), (0.25, "25%"),
                                          (1.0, "100%")])
def test_the_forecast_axis_ticks_read_in_whole_per_cent_from_one(p: float, shown: str) -> None:
    assert _pct(p, grid=True) == shown


def _srgb_linear(lab: tuple[float, float, float]) -> tuple[float, float, float]:
    """CIELAB (D65) to linear sRGB by the published formulas (CIE 15; IEC 61966-2-1's matrix)."""
    L, a, b = lab
    fy = (L + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200
    eps = 6 / 29
    x, y, z = ((t ** 3 if t > eps else 3 * eps**2 * (t - 4 / 29)) for t in (fx, fy, fz))
    x, z = x * 0.95047, z * 1.08883
    return (3.2406 * x - 1.5372 * y - 0.4986 * z, -0.9689 * x + 1.8758 * y + 0.0415 * z,
            0.0557 * x - 0.2040 * y + 1.0570 * z)


@pytest.mark.parametrize("lab", [(50.0, 0.0, 0.0), (95.0, 0.0, 0.0), (53.2, 80.0, 67.0), (97.0, 12.0, 0.0),
                                 (98.0, -10.0, 30.0), (60.0, -60.0, 50.0)])
def test_colours_outside_srgb_are_refused_for_colour_blind_palettes(lab: tuple[float, float, float]) -> None:
    inside = all(-1e-4 <= c <= 1 + 1e-4 for c in _srgb_linear(lab))
    assert bool(cvd._srgb_of_lab_rows(np.array([lab]))[1][0]) == inside


def test_westminster_by_stance_seats_the_undecided_and_the_absent_on_the_crossbench(pakistan: Scenario) -> None:
    # 30 March 2022: JI (1 seat) undecided, and say PTI's 14 dissidents absent; the rest by side
    state = pakistan.state(dt.date(2022, 3, 30))
    blocks = []
    for pid, side, n in state.blocs():
        if pid == "ji":
            blocks.append(StanceBlock(pid, side, "undecided", n))
        elif pid == "pti":
            blocks += [StanceBlock(pid, side, "absent", 14), StanceBlock(pid, side, "no", n - 14)]
        else:
            blocks.append(StanceBlock(pid, side, "yes" if side == "opposition" else "no", n))
    seats = seat_circles(ET.fromstring(render_hemicycle(state, by="stance", stances=blocks, layout="westminster")))
    assert len(seats) == 342  # every seat drawn, the vacant one included
    at = {st: [(float(s.get("cx", "nan")), float(s.get("cy", "nan"))) for s in seats
               if s.get("data-stance") == st] for st in ("yes", "no", "undecided", "absent")}
    assert (len(at["undecided"]), len(at["absent"])) == (1, 14)
    # for and against face one another across the floor; the crossbench sits beyond both, at the far end
    assert max(y for _, y in at["yes"]) < min(y for _, y in at["no"])
    cross = at["undecided"] + at["absent"]
    assert min(x for x, _ in cross) > max(x for x, _ in at["yes"] + at["no"])


def _record_events() -> list[dict[str, object]]:
    """The bundled pk-na-2022 file's events, read as plain YAML (not through the model under test)."""
    text = (resources.files("whipcount.data") / "scenarios" / "pk-na-2022.yaml").read_text(encoding="utf-8")
    return list(yaml.safe_load(text)["events"])


def _first_url(event: dict[str, object]) -> str:
    listed = event.get("sources") or [event["source"]]
    return str(listed[0]["url"])  # type: ignore[index]


@pytest.mark.parametrize("member", ["tariq-bashir-cheema", "khalid-magsi", "shahzain-bugti"])
def test_a_member_who_crossed_cites_the_event_that_moved_them(member: str) -> None:
    """Cheema's defection (28 March), Magsi's BAP split (28 March), Bugti's switch (27 March): each seat's
    title cites that event's report first, not the party's sources."""
    scenario = load_scenario("pk-na-2022")
    (event,) = [e for e in _record_events() if member in (e.get("members") or []) and e["kind"] != "statement"]
    name = next(m.name for m in scenario.members if m.id == member)
    svg = views.hemicycle(scenario, on=dt.date(2022, 4, 1)).svg
    titles = [c.find(f"{SVG}title").text or "" for c in seat_circles(ET.fromstring(svg))]
    (title,) = [t for t in titles if t.startswith(name + ",")]
    assert "Side: opposition" in title and f"Source: {_first_url(event)}" in title


def test_a_party_that_crossed_whole_cites_its_crossing() -> None:
    """MQM-P's seats on the opposition side cite the event that took the whole party there (30 March)."""
    (event,) = [e for e in _record_events() if e["kind"] == "switch-side" and e.get("party") == "mqm-p"]
    svg = views.hemicycle(load_scenario("pk-na-2022"), on=dt.date(2022, 4, 1)).svg
    titles = [c.find(f"{SVG}title").text or "" for c in seat_circles(ET.fromstring(svg))]
    mqm = [t for t in titles if t.startswith("MQM-P")]
    assert len(mqm) == 7 and all(f"Source: {_first_url(event)}" in t for t in mqm)
