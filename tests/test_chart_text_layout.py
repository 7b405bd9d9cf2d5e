"""No text of a bundled scenario's chart runs out of the picture or over another text, desktop and phone
variants, measured on boxes from the charts' own (generous) width estimate (:mod:`chart_text`)."""

from __future__ import annotations

import itertools
import math
import re
import xml.etree.ElementTree as ET

import pytest

from chart_text import SVG, Text, texts
from whipcount.charts import Speaker, hemicycle, render_timeline
from whipcount.io.scenario import bundled_scenarios, load_scenario

SCENARIOS = sorted(bundled_scenarios())


def _shown(svg: str) -> tuple[list[Text], float]:
    root = ET.fromstring(svg)
    return [t for t in texts(root) if t.words.strip()], float((root.get("viewBox") or "").split()[2])


def _outside(shown: list[Text], right: float) -> list[tuple[str, int, int]]:
    return [(t.words[:60], round(t.x0), round(t.x1)) for t in shown if t.x0 < -0.5 or t.x1 > right + 0.5]


@pytest.mark.parametrize("width", [None, 390])
@pytest.mark.parametrize("sid", SCENARIOS)
def test_timeline_texts_stay_in_the_picture(sid: str, width: int | None) -> None:
    """The notes too: the one on a change of government (Pakistan) is 180 characters long."""
    shown, right = _shown(render_timeline(load_scenario(sid), width=width))
    assert not _outside(shown, right)


@pytest.mark.parametrize("width", [None, 390])
@pytest.mark.parametrize("sid", SCENARIOS)
def test_timeline_texts_never_overlap(sid: str, width: int | None) -> None:
    """A date tick at the plot's right end stays clear of the lines' names in the margin beside it (the
    'Other' line near the foot of the axis ran its '13 seats on 30 March' over '30 Mar')."""
    shown, _ = _shown(render_timeline(load_scenario(sid), width=width))
    assert not [(a.words[:40], b.words[:40]) for a, b in itertools.combinations(shown, 2) if a.overlaps(b)]


def _seats(root: ET.Element) -> tuple[list[tuple[float, float]], float]:
    """The seats' centres and radius as drawn (their group's translate and scale applied)."""
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "seats")
    nums = [float(v) for v in re.findall(r"-?[0-9.]+", group.get("transform") or "")]
    dx, dy, k = nums[0], nums[1], nums[2] if len(nums) > 2 else 1.0
    circles = [c for c in group.iter(f"{SVG}circle") if "seat" in (c.get("class") or "")]
    return [(dx + k * float(c.get("cx") or 0), dy + k * float(c.get("cy") or 0)) for c in circles], \
        k * float(circles[0].get("r") or 0)


@pytest.mark.parametrize("width", [None, 390])
@pytest.mark.parametrize("layout", ["arch", "westminster", "horseshoe"])
@pytest.mark.parametrize("sid", SCENARIOS)
def test_the_speakers_name_stays_in_the_picture_off_the_seats(sid: str, layout: str, width: int | None) -> None:
    """On a phone's benches the seats shrink and the name does not: below the Speaker it lay on the lower
    bench and ran out of the picture's left edge (pk-na-2022, 390 wide)."""
    scenario = load_scenario(sid)
    state = scenario.state(scenario.last_date)
    biggest = max((p for p in state.parties if p.seats), key=lambda p: p.seats)
    root = ET.fromstring(hemicycle(scenario, layout=layout, width=width, speaker=Speaker(biggest.id)).svg)
    right = float((root.get("viewBox") or "").split()[2])
    label = next(t for t in texts(root) if t.words in ("Speaker", "Presiding"))
    assert label.x0 >= -0.5 and label.x1 <= right + 0.5, (label.x0, label.x1, right)
    centres, r = _seats(root)
    for x, y in centres:
        near = math.hypot(x - min(max(x, label.x0), label.x1), y - min(max(y, label.y0), label.y1))
        assert near >= r * 0.99, (label, x, y)


def _covers(t: Text, centres: list[tuple[float, float]], r: float) -> list[tuple[float, float]]:
    return [(x, y) for x, y in centres
            if math.hypot(x - min(max(x, t.x0), t.x1), y - min(max(y, t.y0), t.y1)) < r * 0.99]


@pytest.mark.parametrize("width", [None, 390])
@pytest.mark.parametrize("layout", ["arch", "westminster", "horseshoe"])
@pytest.mark.parametrize("sid", SCENARIOS)
def test_the_lines_labels_cover_no_seat_and_no_other_text(sid: str, layout: str, width: int | None) -> None:
    """On a phone the seats shrink and the 13-unit labels do not: in the benches' aisle '172 to pass' lay
    on the upper bench, and 'two thirds: 234' on the arch's outer row (es-cd-2018, 390 wide)."""
    root = ET.fromstring(hemicycle(load_scenario(sid), layout=layout, width=width, two_thirds=True).svg)
    right = float((root.get("viewBox") or "").split()[2])
    centres, r = _seats(root)
    shown = [t for t in texts(root) if t.words.strip()]
    for label in (t for t in shown if "tlabel" in t.cls.split()):
        assert not _covers(label, centres, r), label.words
        assert label.x0 >= -0.5 and label.x1 <= right + 0.5, label
        assert not [t.words for t in shown if t is not label and t.overlaps(label)], label.words


@pytest.mark.parametrize("width", [None, 390, 320])
@pytest.mark.parametrize("sid", SCENARIOS)
def test_seat_chart_texts_stay_in_the_picture(sid: str, width: int | None) -> None:
    """Headings are bold, and a bold face sets the same words 12 to 14% wider: wrapped as regular text,
    'German Bundestag (9th Bundestag), 1' ran 392 pixels into a 366-pixel line on a phone."""
    shown, right = _shown(hemicycle(load_scenario(sid), width=width).svg)
    assert not _outside(shown, right)


LONG_NAME = """\
chamber: {name: "The Constituent and Legislative Grand National Assembly of the Federated Republic of Somewhere",
          rules: pk-na, seats: 11, as_of: 2020-01-01}
parties:
  - {id: red, name: Red Party, seats: 6, side: government}
  - {id: blue, name: Blue Party, seats: 5, side: opposition}
events:
  - {date: 2020-02-01, kind: switch-side, party: red, seats: 1, to: opposition, source: "https://example.org/a"}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
"""


@pytest.mark.parametrize("width", [None, 390])
def test_a_long_chambers_name_is_wrapped_on_the_desktop_picture_too(write_scenario, width: int | None) -> None:  # type: ignore[no-untyped-def]
    """The desktop heading was drawn on one line: a 95-character chamber ran past the picture's edge."""
    scenario = load_scenario(write_scenario(LONG_NAME))
    for svg in (hemicycle(scenario, width=width).svg, render_timeline(scenario, width=width)):
        shown, right = _shown(svg)
        assert not _outside(shown, right)
        assert not [(a.words, b.words) for a, b in itertools.combinations(shown, 2) if a.overlaps(b)]


LONG_PARTIES = """\
chamber: {name: Test Assembly, rules: pk-na, seats: 101, as_of: 2020-01-01}
parties:
  - {id: a, name: "Alliance for Democratic Renewal, Social Justice and Progressive Federalism", seats: 40,
     side: government}
  - {id: b, name: "Bündnis der Fortschrittlichen Unabhängigen Wählergemeinschaften", seats: 30, side: opposition}
  - {id: c, name: "Christian People's Party of the Autonomous Northern Provinces", seats: 20, side: opposition}
  - {id: d, name: "Democratic Union", seats: 10, side: other}
  - {id: e, name: "Independent member for the Western Isles and Outer Hebrides", seats: 1, side: other}
events:
  - {date: 2020-02-01, kind: switch-side, party: a, seats: 1, to: opposition, source: "https://example.org/a"}
motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
"""


@pytest.mark.parametrize(("width", "beside"), [(None, False), (None, True), (390, False), (320, False)])
@pytest.mark.parametrize("layout", ["arch", "westminster"])
def test_long_party_names_wrap_in_their_legend_column(write_scenario, layout: str, width: int | None,  # type: ignore[no-untyped-def]
                                                      beside: bool) -> None:
    """A party without a short name is named in full: one of 74 characters ran across the next legend
    column and its count, and out of the picture."""
    scenario = load_scenario(write_scenario(LONG_PARTIES))
    svg = hemicycle(scenario, layout=layout, width=width, legend_beside=beside).svg
    shown, right = _shown(svg)
    assert not _outside(shown, right)
    assert not [(a.words, b.words) for a, b in itertools.combinations(shown, 2) if a.overlaps(b)]
    for entry in ET.fromstring(svg).iter(f"{SVG}g"):  # the whole name is still there, line after line
        if entry.get("data-key") == "party-a":
            words = " ".join(t.text or "" for t in entry.iter(f"{SVG}text") if t.get("class") == "lg")
            assert words == "Alliance for Democratic Renewal, Social Justice and Progressive Federalism"


@pytest.mark.parametrize("width", [360, 390])
@pytest.mark.parametrize("sid", SCENARIOS)
def test_phone_legend_headings_on_every_key_date_stay_apart(sid: str, width: int) -> None:
    """The report draws every key date 360 wide: side by side, 'Opposition 162' ran into 'Government
    179' (the columns were sized for the entries, not for their bold headings)."""
    scenario = load_scenario(sid)
    for day, _ in scenario.key_dates:
        shown, right = _shown(hemicycle(scenario, on=day, width=width).svg)
        assert not _outside(shown, right), day
        assert not [(a.words, b.words) for a, b in itertools.combinations(shown, 2) if a.overlaps(b)], day


def _line_points(root: ET.Element, cls: str) -> list[tuple[float, float]]:
    """Points along the majority or the two-thirds line (``cls``) as drawn, a unit apart."""
    group = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "thresholds")
    nums = [float(v) for v in re.findall(r"-?[0-9.]+", group.get("transform") or "")]
    dx, dy, k = nums[0], nums[1], nums[2] if len(nums) > 2 else 1.0
    out = []
    for path in (p for p in group.iter(f"{SVG}path") if cls in (p.get("class") or "").split()):
        x = y = 0.0
        for cmd, args in re.findall(r"([MLHV])([^MLHV]*)", path.get("d") or ""):
            v = [float(a) for a in re.findall(r"-?[0-9.]+", args)]
            nx, ny = (v[0], v[1]) if cmd in "ML" else (v[0], y) if cmd == "H" else (x, v[0])
            n = max(1, math.ceil(math.hypot(nx - x, ny - y) * k)) if cmd != "M" else 0
            out += [(dx + k * (x + (nx - x) * i / n), dy + k * (y + (ny - y) * i / n)) for i in range(n)]
            x, y = nx, ny
    return out


@pytest.mark.parametrize("width", [None, 390])
@pytest.mark.parametrize("layout", ["arch", "horseshoe", "westminster"])
@pytest.mark.parametrize("sid", [*SCENARIOS, "long-parties"])
def test_the_other_line_never_runs_through_a_label(write_scenario, sid: str, layout: str,  # type: ignore[no-untyped-def]
                                                   width: int | None) -> None:
    """On a phone's benches 'two thirds: 233' was written across the majority line (se-riksdag-2021)."""
    scenario = load_scenario(write_scenario(LONG_PARTIES) if sid == "long-parties" else sid)
    root = ET.fromstring(hemicycle(scenario, layout=layout, width=width, two_thirds=True).svg)
    for label in (t for t in texts(root) if "tlabel" in t.cls.split()):
        other = _line_points(root, "majority" if label.words.startswith("two thirds") else "two-thirds")
        assert not [(x, y) for x, y in other if label.x0 < x < label.x1 and label.y0 < y < label.y1], label.words


MONTH_FIRST = re.compile(r"^(January|February|March|April|May|June|July|August|September|October|November|December)\b")


@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_a_date_is_not_split_across_the_lines_of_a_phone_chart(sid: str) -> None:
    """'10 / April 2022' read badly at the end of a phone chart's title: a date that fits a line stays on one."""
    sc = load_scenario(sid)
    for width in (300, 320, 360, 390, 414):
        for svg in (hemicycle(sc, width=width).svg, render_timeline(sc, width=width)):
            lines = [t.text or "" for t in ET.fromstring(svg).iter(f"{SVG}text")]
            for above, below in zip(lines, lines[1:], strict=False):
                assert not (re.search(r"\b\d{1,2}$", above) and MONTH_FIRST.match(below)), (sid, width, above, below)


def test_wrap_keeps_a_date_whole_where_it_fits_and_breaks_it_where_it_cannot() -> None:
    from whipcount.charts.seatstyle import wrap

    assert wrap("National Assembly of Pakistan, 10 April 2022", 200, 20, bold=True)[-1] == "10 April 2022"
    assert " ".join(wrap("on 30 September 2022", 100, 13)) == "on 30 September 2022"  # 17 characters: broken


@pytest.mark.parametrize("sid", sorted(bundled_scenarios()))
def test_the_labels_of_a_forecast_chart_keep_clear_of_each_other(sid: str) -> None:
    """The probability axis's '0%' touched the first count's label below it (jp-hr-2024)."""
    from whipcount.charts import render_forecast
    from whipcount.report.engines import ForecastView, forecast_view

    sc = load_scenario(sid)
    fv = forecast_view(sc, sc.motion.filed if sc.motion is not None else None)
    if not isinstance(fv, ForecastView):
        return
    shown = texts(ET.fromstring(render_forecast(fv.pmf, needed=fv.needed, p_pass=fv.p_pass, on=fv.date)))
    ticks = [t for t in shown if "tick" in t.cls.split()]
    for a, b in itertools.combinations(ticks, 2):
        side_by_side = min(a.x1, b.x1) - max(a.x0, b.x0) > 0  # their columns meet: keep 3 units between rows
        assert not side_by_side or max(a.y0, b.y0) - min(a.y1, b.y1) >= 3, (sid, a.words, b.words)


def test_the_speakers_name_beside_the_chair_fits_an_aisle_as_tall_as_it() -> None:
    """The name beside the Speaker's chair sat a third of its size below the chair's centre, so its box (cap
    height above the baseline, descender below) reached 6.93 units below and 5.42 above: between front benches
    whose seats' edges lie 6.5 either side, room for a 12.35-unit name, it ran over the lower bench
    (fr-an-2024's 574 seats on a phone, by 0.1 of a unit). Centred, it spans 6.175 either side and fits."""
    from whipcount.charts.marks import _speaker_label

    size, r, cy = 13.0, 2.5, 100.0
    # the chair at the head of the aisle, the two front benches 9 units above and below it: edges at 6.5
    seats = [(x, cy + dy) for x in range(26, 200, 6) for dy in (-9.0, 9.0)]
    # the chair hard by the picture's left edge, so only the place to its right is in the picture
    svg = _speaker_label("Speaker", (12.0, cy), seats, r, size, 390.0)
    root = ET.fromstring(f'<svg xmlns="{SVG[1:-1]}"><style>#c .note{{font-size:13px}}</style>{svg}</svg>')
    label = next(t for t in texts(root) if t.words == "Speaker")
    assert label.y1 - label.y0 == pytest.approx(0.95 * size)
    assert label.y0 > cy - 6.5 and label.y1 < cy + 6.5, (label.y0, label.y1)
    for x, y in seats:
        near = math.hypot(x - min(max(x, label.x0), label.x1), y - min(max(y, label.y0), label.y1))
        assert near >= r, (label, x, y)
