"""The HTML report: self-contained, every source cited, unverified facts marked, engines optional."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
import zlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

import whipcount.report.engines as engines
from browser import chromium_browser
from whipcount.errors import ForecastError
from whipcount.model import Scenario
from whipcount.report import build_report


class Collector(HTMLParser):
    """Every (tag, attribute, value), and the text of each <svg> block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))


@pytest.fixture(scope="module")
def report(pakistan: Scenario) -> str:
    return build_report(pakistan)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)]


def test_no_external_resources(report: str) -> None:
    low = report.lower()
    for bad in ('src="http', "src='http", "<link", "@import", "url(", "<script", "<iframe", "<img"):
        assert bad not in low, bad
    c = Collector()
    c.feed(report)
    for tag, key, value in c.attrs:
        if key in ("src", "href", "xlink:href", "action", "data", "poster"):
            if tag == "a" and key == "href":
                assert value.startswith(("#", "https://", "http://")), value
            else:
                pytest.fail(f"<{tag} {key}={value!r}> loads something")


def test_every_source_is_cited_and_numbered(pakistan: Scenario, report: str) -> None:
    urls = {s.url for s in pakistan.sources}
    for p in pakistan.parties:
        urls |= {s.url for s in p.sources}
    for e in pakistan.events:
        urls |= {s.url for s in e.sources}
    refs = re.findall(r'<li id="ref-(\d+)"><a href="([^"]+)"', report)
    numbers = [int(n) for n, _ in refs]
    assert numbers == list(range(1, len(numbers) + 1))
    listed = {u.replace("&amp;", "&") for _, u in refs}
    assert urls <= listed
    # every in-text citation points at a listed reference
    cited = {int(n) for n in re.findall(r'href="#ref-(\d+)"', report)}
    assert cited and cited <= set(numbers)


def test_hemicycles_at_the_key_dates(pakistan: Scenario, report: str) -> None:
    charts = [s for s in svgs(report) if "hemicycle" in (s.get("class") or "")]
    # one per key date, and the whip count, each drawn for a desktop and for a phone
    assert len(charts) == 2 * (len(pakistan.key_dates) + 1)
    assert sum("narrow" in (s.get("class") or "") for s in charts) == len(pakistan.key_dates) + 1
    for svg in charts:
        seats = [e for e in svg.iter() if "seat" in (e.get("class") or "").split()]
        assert len(seats) == 342
    ids = [s.get("id") for s in svgs(report)]
    assert len(ids) == len(set(ids))  # ids stay unique when charts share a page
    assert "government 179" in report.lower() or "Government 179" in report


def test_outcome_and_explanation(report: str) -> None:
    assert "The motion passed" in report
    assert "174" in report and "172" in report
    assert "Art. 95" in report


def test_unverified_facts_are_marked(pakistan: Scenario, report: str) -> None:
    n_unverified = sum(not e.verified for e in pakistan.events) + sum(not p.verified for p in pakistan.parties)
    assert n_unverified > 0
    assert report.count('class="unverified"') >= n_unverified
    assert 'id="unverified"' in report
    for item in pakistan.unverified:
        assert item.split("(")[0].strip()[:30].replace("'", "&#x27;") in report


def test_reads_on_a_phone_and_in_print(report: str) -> None:
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in report
    assert "@media print" in report and "@media (max-width" in report


def test_text_is_escaped(pakistan: Scenario) -> None:
    evil = dataclasses.replace(pakistan, title="<script>alert(1)</script>", description='"><b>x</b>')
    html = build_report(evil)
    assert "<script" not in html and "<b>x</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_scenario_without_a_motion_has_no_forecast_and_stances_from_the_sides(
    pakistan: Scenario,
) -> None:
    bare = dataclasses.replace(pakistan, motions=())
    html = build_report(bare)
    assert 'id="forecast"' not in html
    assert 'id="seats"' in html and 'id="sources"' in html and 'id="timeline"' in html
    assert 'id="whip-count"' not in html
    # stances then come from the sides: on a no-confidence motion, opposition yes and government no
    sv = engines.stance_view(bare, dt.date(2022, 3, 30))
    assert sv.origin == "sides"
    by_stance = {st: sum(b.seats for b in sv.blocks if b.stance == st) for st in ("yes", "no")}
    assert by_stance == {"yes": 177, "no": 164}


def test_an_engine_that_refuses_leaves_a_note(pakistan: Scenario, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> object:
        raise ForecastError("stances for unknown parties")

    monkeypatch.setattr(engines, "scenario_forecast", refuse)
    html = build_report(pakistan)
    assert 'id="forecast"' in html and "Not available: stances for unknown parties" in html


def test_cli_report(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "r.html"
    r = run_cli("report", "pk-na-2022", "-o", str(out))
    assert r.code == 0, r.err
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    r = run_cli("report", "no-such-scenario", "-o", str(tmp_path / "x.html"))
    assert r.code == 1 and "Traceback" not in r.err and not (tmp_path / "x.html").exists()


# -- in a real browser --------------------------------------------------------------------------------
def _png_pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the unfiltered RGB(A) rows of an 8-bit PNG (enough for a screenshot)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, w = 8, b"", 0
    h = colour = 0
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos:pos + 4])
        kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            w, h, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8 and colour in (2, 6)
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else (b if pb <= pc else c))) & 255
        rows.append(bytes(line[j] for j in range(stride) if j % bpp < 3))
        prev = line
    return w, h, rows


@pytest.mark.browser
def test_report_renders_in_chromium(report: str, tmp_path: Path) -> None:
    path = tmp_path / "report.html"
    path.write_text(report, encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    with chromium_browser() as browser:
        page = browser.new_page(viewport={"width": 1000, "height": 1400})
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.goto(path.as_uri())
        seats = page.locator("svg.hemicycle circle.seat:visible").count()
        png = page.screenshot()
        phone = browser.new_page(viewport={"width": 375, "height": 800})
        phone.goto(path.as_uri())
        overflow = phone.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert errors == []
    assert [u for u in requests if not u.startswith("file://")] == []  # nothing fetched from the network
    assert seats == 342 * 4
    assert overflow <= 0  # no sideways scrolling on a phone
    w, h, rows = _png_pixels(png)
    assert (w, h) == (1000, 1400)
    pixels = [row[i:i + 3] for row in rows[::4] for i in range(0, len(row), 12)]
    non_white = sum(1 for px in pixels if px != b"\xff\xff\xff")
    assert non_white > len(pixels) * 0.05
    assert len(set(pixels)) > 50  # text, the party colours: not a blank page


def test_each_hemicycle_has_a_phone_variant_with_its_own_legend(pakistan: Scenario) -> None:
    """On a narrow screen the page shows the chart drawn for a phone, legend included: no HTML copy of the
    legend, no legend hidden in a desktop chart leaving a blank band."""
    html = build_report(pakistan)
    narrow = html.split('<figure class="chart seats"><div class="wide">')[1:]
    narrow = [n.split('<div class="narrow">')[1] for n in narrow]
    assert len(narrow) == 4  # three key dates and the whip count
    first = narrow[0].split("</svg>")[0]
    assert 'viewBox="0 0 360 ' in first
    assert 'data-key="party-pti" data-count="155"' in first and ">Vacant<" in first
    assert "legend-html" not in html and ".legend{display:none}" not in html


def test_the_timeline_comes_in_a_phone_variant_too(pakistan: Scenario) -> None:
    """The timeline figure holds the desktop picture (960 wide, in a scrolling region) and one laid out 360
    wide whose every text is 13 units at least, with ids of its own: the page shows one of them."""
    html = build_report(pakistan)
    figure = html.split('<figure class="chart timeline">')[1].split("</figure>")[0]
    wide, narrow = figure.split('<div class="narrow">')
    assert 'class="scroll chart-scroll"' in wide and 'viewBox="0 0 960 ' in wide
    assert 'viewBox="0 0 360 ' in narrow and 'id="pk-na-2022-timeline-narrow"' in narrow
    sizes = [float(v) for v in re.findall(r"font-size:([0-9.]+)px", narrow.split("</style>")[0])]
    assert sizes and min(sizes) >= 13
    assert "aria-describedby" in narrow and "Hover" not in narrow


def test_every_bundled_report_is_the_same_in_every_process() -> None:
    """A newsroom diffs a report against yesterday's: every bundled scenario's report (charts, colour notes,
    tables, forecast) comes out byte for byte the same whatever order Python's string hashing gives sets
    and dicts of strings in a process (two hash seeds, fresh processes)."""
    code = ("import hashlib\n"
            "from whipcount.io.scenario import bundled_scenarios, load_scenario\n"
            "from whipcount.report import build_report\n"
            "for sid in sorted(bundled_scenarios()):\n"
            "    html = build_report(load_scenario(sid))\n"
            "    print(sid, len(html), hashlib.sha256(html.encode()).hexdigest())\n")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2")]
    assert runs[0] == runs[1]
    assert len(runs[0].splitlines()) >= 9  # every bundled scenario, each a report
