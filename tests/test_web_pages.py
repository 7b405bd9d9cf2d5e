"""The dashboard's HTML pages read what they are asked for: a past date's figures (not today's) on the
dashboard, the members page's name filter, and the compare page's second scenario defaulting to the first.
Figures are the record's (the motion filed on 8 March 2022: government 179, opposition 162)."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from test_chart_colours import hemicycle_pairs
from whipcount.io.scenario import load_scenario
from whipcount.storage import Store
from whipcount.web.app import create_app

PK = "pk-na-2022"


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    store = Store(f"sqlite:///{tmp_path / 'pages.db'}")
    yield TestClient(create_app(store=store, secret="pages-" + "x" * 40, public_read=True, fail_delay=0.0))
    store.close()


def _text(html: str) -> str:
    body = html[html.find("<main"):]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def test_the_dashboard_on_a_past_date_shows_that_date(client: TestClient) -> None:
    past = _text(client.get(f"/s/{PK}", params={"on": "2022-03-08"}).text)
    assert "Seats: government 179 · opposition 162." in past
    assert "on 8 March 2022, 342 seats, coloured by stance. Yes 162, No 179; Vacant 1." in past
    assert "10 April 2022" not in past  # the chart is the date's, not the live one
    live = _text(client.get(f"/s/{PK}").text)
    state = load_scenario(PK).state()
    assert f"Seats: government {state.sides()['government']} · opposition {state.sides()['opposition']}." in live
    assert "10 April 2022: seats by stance" in live and "8 March 2022" not in live


def test_the_members_page_filters_by_name(client: TestClient) -> None:
    everyone = _text(client.get(f"/s/{PK}/members").text)
    found = _text(client.get(f"/s/{PK}/members", params={"q": "mqm"}).text)
    shown = int(re.search(r"Positions \((\d+)\)", everyone).group(1))  # type: ignore[union-attr]
    # PML-N's 84 less Ayaz Sadiq, who presided and did not vote (Dawn, 10 April)
    assert shown > 10 and "PML-N (the other 83) opposition" in everyone
    assert "Positions (1)" in found and "MQM-P opposition 7" in found and "PML-N (the other" not in found


def test_compare_with_one_scenario_compares_it_with_itself(client: TestClient) -> None:
    r = client.get("/compare", params={"a": PK})
    text = _text(r.text)
    sc = load_scenario(PK)
    title, motion = sc.title, sc.motion_label(sc.motions[0])  # each column names the motion (PK has several)
    assert r.status_code == 200 and text.count(f"{title} {motion}, on 2022-04-10") == 2
    assert "government 164 164 opposition 177 177" in text


def test_home_opens_the_first_scenario_by_id(tmp_path: Path) -> None:
    import datetime as dt

    from whipcount.cli.new import template

    store = Store(f"sqlite:///{tmp_path / 'home.db'}")
    try:
        c = TestClient(create_app(store=store, secret="home-" + "x" * 40, public_read=True, seed_scenario=None))
        own = tmp_path / "own.yaml"
        own.write_text(template("pk-na", str(own), dt.date(2026, 1, 1)), encoding="utf-8")
        for case in (PK, own):  # stored in this order; "my-case" sorts first
            store.save_scenario(load_scenario(case), user=None, reason="test")
        r = c.get("/", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/s/my-case"
    finally:
        store.close()


def test_a_source_link_keeps_only_web_addresses(client: TestClient) -> None:
    from whipcount.web.rendering import http_url

    assert http_url("https://www.dawn.com/news/1683373") == "https://www.dawn.com/news/1683373"
    assert http_url("  HTTP://example.org/a ") == "HTTP://example.org/a"
    for bad in (None, "", "javascript:alert(1)", "file:///etc/passwd", "data:text/html,x", "//example.org"):
        assert http_url(bad) == "#"
    members = client.get(f"/s/{PK}/members").text
    urls = {s.url for p in load_scenario(PK).parties for s in p.sources}
    assert any(f'href="{u}"' in members for u in urls)  # the page links the scenario's own sources


def test_the_plain_bar_runs_yes_to_no_and_its_line_crosses_it() -> None:
    """The fallback bar (when no hemicycle can be drawn): positions in the stance order yes to no whatever
    order they come in, each as wide as its share of the chamber; the majority line spans the bar."""
    import xml.etree.ElementTree as ET

    from whipcount.model import STANCES
    from whipcount.web.seats import bar_svg

    positions = [{"stance": s, "label": s.upper(), "seats": i + 1} for i, s in enumerate(reversed(STANCES))]
    seats = sum(p["seats"] for p in positions)
    board = {"chamber": {"name": "T", "seats": seats}, "magic_number": seats // 2 + 1, "positions": positions}
    svg = ET.fromstring(bar_svg(board, {}, {}))
    ns = "{http://www.w3.org/2000/svg}"
    rects = svg.findall(f"{ns}rect")
    assert [r.find(f"{ns}title").text.split(":")[0] for r in rects] == [s.upper() for s in STANCES]  # type: ignore[union-attr]
    widths = [float(r.get("width", 0)) for r in rects]
    per_seat = 600 / seats
    assert widths == pytest.approx([(len(STANCES) - i) * per_seat for i in range(len(STANCES))], abs=0.01)
    line, bar = svg.find(f"{ns}line"), rects[0]
    assert line is not None
    top, bottom = float(bar.get("y", 0)), float(bar.get("y", 0)) + float(bar.get("height", 0))
    assert float(line.get("y1", 0)) < top and float(line.get("y2", 0)) > bottom
    assert float(line.get("x1", 0)) == pytest.approx((seats // 2 + 1) * per_seat, abs=0.01)


def test_compare_reads_each_side_on_its_own_date(client: TestClient) -> None:
    text = _text(client.get("/compare", params={"a": PK, "on_a": "2022-03-08", "on_b": "2022-03-30"}).text)
    # filed on 8 March: government 179, opposition 162; after MQM-P's switch on 30 March: 164 and 177
    assert "on 2022-03-08" in text and "on 2022-03-30" in text
    assert "government 179 164 opposition 162 177" in text


def test_the_members_page_shows_each_party_in_the_colour_of_its_charts(client: TestClient, run_cli) -> None:  # type: ignore[no-untyped-def]
    """MMA's green (#4b7f52) is too close to PML-N's for deuteranopes, so the charts move both (see
    test_chart_colours); the dashboard's swatches show the colours `whipcount chart` draws, not the file's."""
    page = client.get(f"/s/{PK}/members").text
    swatches = re.findall(r'<svg class="swatch"[^>]*><rect [^>]*fill="(#[0-9a-f]{6})"/></svg>([^<]+?)\s*<', page)
    shown = {label.strip(): colour for colour, label in swatches}
    chart = run_cli("chart", PK, "--on", "2022-03-08", "-o", "-")
    assert chart.code == 0, chart.err
    drawn = hemicycle_pairs(chart.out)[1]  # each seat key's fill, as test_chart_colours reads a chart
    assert shown["MMA"] != "#4b7f52" and shown["MMA"] == drawn["party-mma"]
    assert shown["PML-N (the other 83)"] == drawn["party-pml-n"] != "#1b7a3e"
    # PTI's 155 less the 20 named in its references and Khawaja Sheraz, each a position of their own
    assert shown["PTI (the other 134)"] == drawn["party-pti"] == "#c8102e"


@pytest.mark.parametrize("stance", ["maybe", "Abstain", "ABSENT"])
def test_the_members_page_refuses_a_stance_it_does_not_know_naming_them(client: TestClient, stance: str) -> None:
    """``?stance=Abstain`` (a link typed by hand) had listed no one, as if no member abstained; it is a page
    saying which stances there are, as the API's 422."""
    r = client.get(f"/s/{PK}/members", params={"stance": stance})
    assert r.status_code == 422 and "text/html" in r.headers["content-type"]
    words = "query.stance: expected one of yes, lean-yes, undecided, lean-no, no, abstain, absent, got "
    assert words in html.unescape(r.text) and html.unescape(r.text).count(repr(stance)) >= 1
    assert client.get(f"/s/{PK}/members", params={"stance": "abstain"}).status_code == 200
