"""Charts and the report on a phone and for readers who cannot see colours well or use no mouse.

- every seat (and legend swatch) stands out from the page by 3:1 (WCAG 1.4.11), its fill or its outline,
  with the contrast ratio computed here from the WCAG 2.1 definition, not by the code under test;
- the narrow variant (``width`` under 560, ``whipcount chart --width 390``) has no text under 13 units and
  keeps its text inside the picture;
- the report's ids are unique, each seat chart is described by a table whose rows add up to the chamber,
  and event kinds read as words.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CliResult
from svg_seats import seat_circles
from whipcount.charts import hemicycle
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Scenario
from whipcount.model.events import KIND_LABELS, PROCEDURAL_KINDS, SEAT_KINDS
from whipcount.report import build_report
from whipcount.report.engines import stance_view

SVG = "{http://www.w3.org/2000/svg}"
SCENARIOS = sorted(bundled_scenarios())
BACKGROUNDS = ("#ffffff", "#fafafa")  # the report's page and the dashboard's


def luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of #rrggbb."""
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_the_contrast_formula_here_gives_published_values() -> None:
    # WebAIM's contrast checker: #767676 on white is 4.54:1, #e0e0e0 on white 1.32:1 (the old absent seats)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.005)
    assert ratio("#e0e0e0", "#ffffff") == pytest.approx(1.32, abs=0.005)
    assert ratio("#000000", "#ffffff") == pytest.approx(21)


def _rules(svg: ET.Element) -> dict[str, dict[str, str]]:
    """The chart's style rules: the selector after the chart id -> its declarations."""
    style = svg.find(f"{SVG}style")
    assert style is not None and style.text
    out: dict[str, dict[str, str]] = {}
    for selector, body in re.findall(r"#[\w-]+ ([^{]+)\{([^}]*)\}", style.text):
        out[selector.strip()] = dict(d.split(":", 1) for d in body.split(";") if ":" in d)
    return out


def _hex(colour: str) -> str:
    colour = colour.strip().lower()
    assert re.fullmatch(r"#[0-9a-f]{6}", colour), colour
    return colour


def _boundary(circle: ET.Element, rules: dict[str, dict[str, str]]) -> str:
    """The colour that sets a seat off from the page: its outline when it has one of its own, else its fill."""
    classes = circle.get("class", "").split()
    if "vacant" in classes:
        return _hex(rules[".seat.vacant"]["stroke"])
    edges = [c for c in classes if c.startswith("edge-")]
    if edges:
        return _hex(rules[f".seat.{edges[0]}"]["stroke"])
    return _hex(circle.get("fill", ""))


def _charts(scenario: Scenario) -> Iterator[tuple[str, ET.Element]]:
    for by in ("party", "side", "stance"):
        stances = list(stance_view(scenario, None).blocks) if by == "stance" else None
        for width in (None, 390):
            svg = hemicycle(scenario, by=by, stances=stances, width=width).svg
            yield f"{scenario.id} by {by} at {width or 'desktop'}", ET.fromstring(svg)


@pytest.mark.parametrize("name", SCENARIOS)
def test_every_seat_stands_out_from_the_page(name: str) -> None:
    scenario = load_scenario(name)
    for what, svg in _charts(scenario):
        rules = _rules(svg)
        seats = seat_circles(svg)
        assert seats, what
        for seat in seats:
            edge = _boundary(seat, rules)
            worst = min(ratio(edge, bg) for bg in BACKGROUNDS)
            assert worst >= 3, f"{what}: {seat.get('class')} fill {seat.get('fill')}, edge {edge}: {worst:.2f}:1"
        for swatch in svg.iter(f"{SVG}circle"):
            if swatch.get("class") is None:  # a legend swatch
                edge = swatch.get("stroke") if swatch.get("stroke") else swatch.get("fill")
                assert min(ratio(_hex(edge or ""), bg) for bg in BACKGROUNDS) >= 3, f"{what}: swatch {edge}"


def test_absent_and_vacant_seats_have_an_outline_of_3_to_1(pakistan: Scenario) -> None:
    svg = ET.fromstring(hemicycle(pakistan, by="stance", stances=list(stance_view(pakistan, None).blocks)).svg)
    rules = _rules(svg)
    seats = seat_circles(svg)
    absent = [c for c in seats if c.get("data-stance") == "absent"]
    vacant = [c for c in seats if "vacant" in c.get("class", "").split()]
    assert absent and vacant
    assert ratio(_hex(absent[0].get("fill", "")), "#ffffff") < 3  # pale on purpose ...
    for seat in absent + vacant:  # ... with an outline that stands out
        assert ratio(_boundary(seat, rules), "#fafafa") >= 3


def _font_sizes(svg: ET.Element) -> Iterator[tuple[float, str]]:
    rules = _rules(svg)
    for t in svg.iter(f"{SVG}text"):
        size = rules.get(f".{t.get('class')}", {}).get("font-size", "16px")
        yield float(size.removesuffix("px")), (t.text or "")


@pytest.mark.parametrize("name", SCENARIOS)
def test_the_narrow_variant_keeps_text_at_13_units_inside_the_picture(name: str) -> None:
    scenario = load_scenario(name)
    svg = ET.fromstring(hemicycle(scenario, width=390, two_thirds=True).svg)
    x0, y0, width, height = (float(v) for v in svg.get("viewBox", "").split())
    assert width == 390
    sizes = list(_font_sizes(svg))
    assert sizes and min(s for s, _ in sizes) >= 13
    for t in svg.iter(f"{SVG}text"):
        x = float(t.get("x", 0))
        anchor = t.get("text-anchor", "start")
        # 0.55 of the font size per character: system sans averages less (the browser test measures)
        w = 0.55 * 13 * len(t.text or "")
        left = x - {"start": 0, "middle": w / 2, "end": w}[anchor]
        assert 0 <= x <= width and left >= -1 and (left + w <= width + 1 or anchor != "start"), t.text
    # the same chart on a desktop keeps its layout, notes at 11 units
    wide = ET.fromstring(hemicycle(scenario).svg)
    assert float(wide.get("viewBox", "").split()[2]) >= 620
    assert min(s for s, _ in _font_sizes(wide)) == 11


def test_chart_width_390_writes_the_phone_variant(run_cli: Callable[..., CliResult], tmp_path: Path) -> None:
    out = tmp_path / "phone.svg"
    result = run_cli("chart", "pk-na-2022", "--width", "390", "-o", str(out))
    assert result.code == 0
    svg = ET.fromstring(out.read_text(encoding="utf-8"))
    assert svg.get("viewBox", "").split()[2] == "390"
    assert "narrow" in svg.get("class", "")
    assert min(s for s, _ in _font_sizes(svg)) >= 13
    bad = run_cli("chart", "pk-na-2022", "--kind", "forecast", "--width", "390", "-o", str(tmp_path / "t.svg"))
    assert bad.code != 0 and "--width" in bad.err + bad.out


@pytest.fixture(scope="module")
def report() -> str:
    return build_report(load_scenario("pk-na-2022"))


def test_ids_in_the_report_are_unique(report: str) -> None:
    ids = re.findall(r'\sid="([^"]+)"', report)
    assert len(ids) > 100
    assert [i for i, n in Counter(ids).items() if n > 1] == []


def test_each_seat_chart_is_described_by_a_table_of_its_seats(pakistan: Scenario, report: str) -> None:
    ids = set(re.findall(r'\sid="([^"]+)"', report))
    svgs = re.findall(r"<svg\b[^>]*>", report)
    described = [re.search(r'aria-describedby="([^"]+)"', s) for s in svgs]
    hemicycles = [m.group(1) for s, m in zip(svgs, described, strict=True) if "hemicycle" in s and m]
    assert len(hemicycles) == 2 * (len(pakistan.key_dates) + 1)  # a desktop and a phone variant of each
    assert set(hemicycles) <= ids
    for table_id in set(hemicycles):
        table = report.split(f'<table id="{table_id}">', 1)[1].split("</table>", 1)[0]
        counts = [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', table)]
        assert sum(counts) == 342  # every seat of the National Assembly is in its table
    assert 'aria-describedby="events-table"' in report and 'id="events-table"' in report


def test_event_kinds_read_as_words(pakistan: Scenario, report: str) -> None:
    assert SEAT_KINDS | PROCEDURAL_KINDS <= set(KIND_LABELS)
    kinds = re.findall(r'<td data-label="Kind">([^<]*)</td>', report)
    assert len(kinds) == len(pakistan.events)
    assert not set(kinds) & set(KIND_LABELS)  # no raw code such as "motion-filed"
    assert "Motion filed" in kinds and "Crossed the floor" in kinds or "Changed sides" in kinds


def test_no_hover_instruction_in_captions(report: str) -> None:
    captions = re.findall(r"<figcaption>(.*?)</figcaption>", report, flags=re.S)
    assert captions and not any("hover" in c.lower() for c in captions)
