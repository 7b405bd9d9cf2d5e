"""Every chart on the social card (1200 x 675 pixels) is legible: no text under 10 pixels at the card's
scale, no two texts overlapping, none out of the picture; and a timeline keeps its markers in the band
between its date axis and its notes however many events fall on one day.

The truth is the SVG's geometry alone: the card shows a chart of w x h units at
min((1200 - 2 * 24) / w, (675 - 2 * 24) / h) pixels a unit, each text's size comes from the chart's
stylesheet and its box from the charts' text-width measure (tests/chart_text.py)."""

from __future__ import annotations

import datetime as dt
import itertools
import warnings
import xml.etree.ElementTree as ET

import pytest

from chart_text import SVG, Text, texts
from whipcount.charts import hemicycle, render_timeline
from whipcount.charts.raster import CardFitWarning, card_svg
from whipcount.charts.textwidth import text_width
from whipcount.cli.charts import _draw, _forecast_chart
from whipcount.io.scenario import load_scenario, parse_scenario
from whipcount.io.yamlsource import load_yaml_text
from whipcount.model import Scenario

BUNDLED = ["de-bt-1972", "de-bt-1982", "es-cd-2016", "es-cd-2018", "gb-hc-1979", "gb-hc-2019", "il-knesset-2021",
           "jp-hr-2024", "pk-na-2022", "pk-pa-punjab-2022", "ro-parl-2009", "se-riksdag-2021"]
LONG_NAME = ("The Extraordinarily Long-Named Joint Consultative and Legislative Assembly of the United Provinces and "
             "Autonomous Territories of the Northern Federation")
_PARTIES = {"a": 60, "b": 50, "c": 40, "d": 30, "e": 20}
_SIDE = {"a": "government", "b": "opposition", "c": "government", "d": "opposition", "e": "opposition"}


CJK = {"a": "自由民主党・無所属の会と公明党の連立与党会派", "b": "立憲民主党・無所属", "c": "日本維新の会・教育無償化を実現する会",
       "d": "국민의힘 원내교섭단체", "e": "中国国民党立法院党团"}


def busy(n: int, *, one_day: bool = False, chamber: str = "Test Assembly", names: dict[str, str] | None = None) -> Scenario:
    """A chamber of five parties and ``n`` events after the filing (over 80 days, or all on one day): in turn
    a party's move of one to five seats to the other side, a statement, and a move not confirmed."""
    held = {p: {"government": 0, "opposition": 0} for p in _PARTIES}
    for p, seats in _PARTIES.items():
        held[p][_SIDE[p]] = seats
    rows = [f"  - {{id: {p}, name: '{(names or {}).get(p, 'Party ' + p.upper())}', seats: {s}, side: {_SIDE[p]}, source: 'https://e.org/{p}'}}"
            for p, s in _PARTIES.items()]
    events = ["  - {date: 2024-01-10, kind: motion-filed, summary: Filed, source: 'https://e.org/m'}"]
    for i in range(n):
        day = dt.date(2024, 1, 11) + dt.timedelta(days=0 if one_day else i * 80 // n)
        p = "abcde"[(i * 3) % 5]
        frm = max(held[p], key=lambda side: held[p][side])
        to = "opposition" if frm == "government" else "government"
        if i % 3 == 1:
            events.append(f"  - {{date: {day}, kind: statement, summary: Said {i}, source: 'https://e.org/s{i}'}}")
            continue
        k = min(1 + i % 5, held[p][frm]) if i % 3 == 0 else 1
        held[p][frm] -= k
        held[p][to] += k
        events.append(f"  - {{date: {day}, kind: switch-side, party: {p}, seats: {k}, to: {to}, summary: Move {i}, "
                      f"verified: {'true' if i % 3 == 0 else 'false'}, source: 'https://e.org/e{i}'}}")
    text = (f"id: busy\ntitle: Busy\nchamber: {{name: '{chamber}', rules: pk-na, seats: 200, vacancies: 0, "
            "as_of: 2024-01-01}\nparties:\n" + "\n".join(rows) + "\nevents:\n" + "\n".join(events)
            + "\nmotion: {kind: no-confidence, target: PM, filed: 2024-01-10, vote: 2024-04-01}\n")
    return parse_scenario(load_yaml_text(text, "busy.yaml"))


def assert_legible_on_card(svg: str, what: str) -> None:
    root = ET.fromstring(svg)
    _, _, w, h = (float(v) for v in (root.get("viewBox") or "").split())
    scale = min(1152 / w, 627 / h)
    found = [t for t in texts(root) if t.words.strip()]
    small = [(t.words, round(t.size * scale, 2)) for t in found if t.size * scale < 10 - 0.005]
    assert not small, f"{what}: texts under 10 px on the card: {small[:3]}"
    out = [t.words for t in found if t.x0 < -0.5 or t.x1 > w + 0.5 or t.y0 < -0.5 or t.y1 > h + 0.5]
    assert not out, f"{what}: texts out of the {w:g} x {h:g} picture: {out[:3]}"
    met = [(a.words, b.words) for a, b in itertools.combinations(found, 2) if a.overlaps(b)]
    assert not met, f"{what}: overlapping texts: {met[:3]}"


@pytest.mark.parametrize("case", BUNDLED)
def test_the_bundled_timelines_and_forecasts_are_legible_on_the_card(case: str) -> None:
    sc = load_scenario(case)
    assert_legible_on_card(render_timeline(sc, hover=False), f"{case} timeline")
    assert_legible_on_card(_forecast_chart(sc, None), f"{case} forecast")


@pytest.mark.parametrize("n", [64, 200])
def test_a_timeline_of_many_events_and_switching_parties_is_legible_on_the_card(n: int) -> None:
    sc = busy(n)
    svg = render_timeline(sc, hover=False)
    assert sum(1 for _ in ET.fromstring(svg).iter(f"{SVG}circle")) >= 10
    assert_legible_on_card(svg, f"{n} events")
    assert_legible_on_card(_forecast_chart(sc, None), f"{n} events, forecast")


def test_a_long_chamber_name_wraps_in_the_forecast_heading_and_the_plot_moves_down() -> None:
    # the title was one line at 26 units: 'Forecast of the vote, The Extraordinarily ...' ran 1,500 units
    # past a picture 960 wide
    sc = busy(10, chamber=LONG_NAME)
    svg = _forecast_chart(sc, None)
    assert_legible_on_card(svg, "forecast")
    root = ET.fromstring(svg)
    heading = [t for t in texts(root) if t.cls == "heading"]
    assert " ".join(t.words for t in heading) == f"Forecast of the vote, {LONG_NAME}"
    assert len(heading) >= 2
    top_grid = min(float(g.get("y1") or 0) for g in root.iter(f"{SVG}line") if g.get("class") == "grid")
    assert max(t.y1 for t in texts(root) if t.cls in ("heading", "sub")) < top_grid - 4


def test_a_legend_heading_wider_than_its_entries_stays_in_the_card_picture() -> None:
    # two parties of short names split over both sides: the bold heading 'Government 101' is wider than the
    # column measured for 'Alpha 91', and ran 5.7 units out of the picture (cut off in the PNG)
    text = ("id: h\nchamber: {name: Test Assembly, rules: pk-na, seats: 200, as_of: 2024-01-01}\nparties:\n"
            "  - {id: a, name: Alpha, seats: 101, side: government}\n"
            "  - {id: b, name: Beta, seats: 99, side: opposition}\n"
            "events:\n  - {date: 2024-01-02, kind: switch-side, party: a, seats: 10, to: opposition, summary: x}\n"
            "  - {date: 2024-01-03, kind: switch-side, party: b, seats: 10, to: government, summary: y}\n")
    sc = parse_scenario(load_yaml_text(text, "h.yaml"))
    svg = hemicycle(sc, legend_beside=True).svg
    heads = [t for t in texts(ET.fromstring(svg)) if t.cls == "lg-head"]
    assert heads and max(text_width(t.words, 13, bold=True) for t in heads) > text_width("Alpha", 13) + 68
    assert_legible_on_card(svg, "hemicycle for the card")


def _markers(root: ET.Element) -> list[ET.Element]:
    return [c for c in root.iter(f"{SVG}circle") if "event" in (c.get("class") or "").split()]


@pytest.mark.parametrize("width", [None, 390])
@pytest.mark.parametrize("n", [1, 5, 50, 500])
def test_the_markers_of_one_crowded_day_stay_in_their_band(n: int, width: int | None) -> None:
    # the events of one day share a marker for each look (moving seats or not, confirmed or not): at most
    # four lanes, each marker inside the picture, under the date axis and above the notes, none on another
    svg = render_timeline(busy(n, one_day=True), width=width)
    root = ET.fromstring(svg)
    _, _, w, _h = (float(v) for v in (root.get("viewBox") or "").split())
    marks = _markers(root)
    assert sum(int(c.get("data-events") or 0) for c in marks) == n + 1  # every event, the filing included
    looks = {(c.get("class") or "") for c in marks}
    assert len({c.get("cy") for c in marks}) <= len(looks) <= 4
    axis = max(float(ln.get("y1") or 0) for ln in root.iter(f"{SVG}line") if ln.get("class") == "axis")
    found = texts(root)
    notes = min(t.y0 for t in found if t.cls in ("note", "credit"))
    ticks = max(t.y1 for t in found if t.cls == "tick" and t.words != "events" and not t.words.startswith("×"))
    for c in marks:
        cx, cy, r = float(c.get("cx") or 0), float(c.get("cy") or 0), float(c.get("r") or 0)
        assert r <= cx - 0 and cx + r <= w, (n, cx)
        assert max(axis, ticks) < cy - r and cy + r < notes, (n, cy, axis, notes)
    for a, b in itertools.combinations(marks, 2):
        d = ((float(a.get("cx") or 0) - float(b.get("cx") or 0)) ** 2
             + (float(a.get("cy") or 0) - float(b.get("cy") or 0)) ** 2) ** 0.5
        assert d >= 2 * float(a.get("r") or 0), "two markers overlap"
    counts = [t for t in found if t.words.startswith("×")]
    assert all(t.x1 <= w and not any(_in_box(t, c) for c in marks) for t in counts)


def _in_box(t: Text, c: ET.Element) -> bool:
    cx, cy, r = float(c.get("cx") or 0), float(c.get("cy") or 0), float(c.get("r") or 0)
    return t.x0 < cx + r - 0.5 and cx - r + 0.5 < t.x1 and t.y0 < cy + r - 0.5 and cy - r + 0.5 < t.y1


@pytest.mark.parametrize("kind", ["timeline", "forecast"])
def test_a_chart_too_tall_for_the_card_gives_up_plot_height_instead_of_shrinking_its_text(kind: str) -> None:
    # a title of seven lines over 200 events: the timeline was 696 units tall, its notes 9.9 px on the card
    # (a warning, and the card all the same); drawn for the card its plot is shorter and every text 10 px
    sc = busy(200, chamber=", ".join([LONG_NAME] * 3))
    how = ("party", "arch", False, None, None, "social", None)
    svg, _ = _draw(sc, None, kind, "png", how, (None, None, None))
    assert_legible_on_card(svg, kind)
    with warnings.catch_warnings():
        warnings.simplefilter("error", CardFitWarning)
        card_svg(svg)
    plain, _ = _draw(sc, None, kind, "png", (*how[:5], None, None), (None, None, None))
    assert len(texts(ET.fromstring(plain))) == len(texts(ET.fromstring(svg)))  # nothing left out


def test_long_chinese_japanese_and_korean_names_overlap_nothing() -> None:
    # an ideograph, a kana or a Hangul syllable is an em wide (Noto Sans CJK: 1000 of 1000 units; the text-width
    # tests hold the measure to that face where it is installed): labels, legends and lines' names laid out by
    # it overlap no other text in any variant
    sc = busy(64, names=CJK, chamber="衆議院（第二百十四回国会・特別会）本会議における内閣不信任決議案の審議")
    for what, svg in (("timeline", render_timeline(sc)), ("phone timeline", render_timeline(sc, width=390)),
                      ("hemicycle", hemicycle(sc).svg), ("phone hemicycle", hemicycle(sc, width=390).svg),
                      ("card hemicycle", hemicycle(sc, legend_beside=True).svg)):
        root = ET.fromstring(svg)
        _, _, w, h = (float(v) for v in (root.get("viewBox") or "").split())
        found = [t for t in texts(root) if t.words.strip()]
        assert what == "phone timeline" or any(CJK["c"][:6] in t.words for t in found), what
        assert not [t.words for t in found if t.x0 < -0.5 or t.x1 > w + 0.5 or t.y1 > h + 0.5], what
        assert not [(a.words, b.words) for a, b in itertools.combinations(found, 2) if a.overlaps(b)], what
