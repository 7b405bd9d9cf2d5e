"""Parties are shown by the name a reader knows them by, never by their id, in every chart and the report.

The truth is the scenario file itself, read here as plain YAML (not through whipcount's loader): a
party's display label is its ``short`` when the file gives one, else its ``name``. For every bundled
scenario, no visible text of its charts (the hemicycle, desktop and phone; the timeline, desktop and
phone; the report, which holds the charts of every key date, the whip count, the party and event
tables) may contain a party's id where the id differs from that label. Ids equal to a name but for case
("likud", "Likud") are compared case-sensitively, so the name does not count as the id.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from importlib import resources
from typing import Any

import pytest
import yaml

from whipcount.charts import hemicycle, render_timeline
from whipcount.io.scenario import bundled_scenarios, load_scenario
from whipcount.model import Event
from whipcount.report import build_report

SCENARIOS = sorted(bundled_scenarios())
_TEXT_TAGS = {"text", "tspan", "title", "desc"}
_URL = re.compile(r"(?:https?://|www\.)\S+")  # a report shows a source's address without its scheme too


def _raw(sid: str) -> dict[str, Any]:
    path = resources.files("whipcount") / "data" / "scenarios" / f"{sid}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _hidden_ids(sid: str) -> dict[str, str]:
    """The ids of the file's parties that differ from their display label, and that label."""
    out = {}
    for p in _raw(sid)["parties"]:
        label = p.get("short") or p["name"]
        if p["id"] != label:
            out[p["id"]] = label
    return out


def svg_text(svg: str) -> str:
    """Everything an SVG shows or reads out: its texts, titles and description."""
    root = ET.fromstring(svg)
    parts = [t for el in root.iter() if el.tag.rsplit("}", 1)[-1] in _TEXT_TAGS for t in (el.text, el.tail) if t]
    return "\n".join(parts)


def html_text(page: str) -> str:
    """The text of an HTML page: what is between its tags (style sheets left out), unescaped."""
    page = re.sub(r"<style\b.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _prose(node: object) -> set[str]:
    """The file's own sentences and names (strings with a space): an id that is also a word ("independent",
    "minorities") may occur in them."""
    if isinstance(node, dict):
        return {t for v in node.values() for t in _prose(v)}
    if isinstance(node, list):
        return {t for v in node for t in _prose(v)}
    return {" ".join(node.split())} if isinstance(node, str) and " " in node.strip() else set()


def ids_shown(text: str, ids: dict[str, str], prose: Iterable[str] = ()) -> list[str]:
    """The ids found as whole words in ``text``: web addresses and the file's own prose left out (they may
    spell anything), and an "s" that is a plural or possessive ("event(s)", "bloc's") not taken for a party."""
    text = _URL.sub(" ", " ".join(text.split()))
    for line in sorted(prose, key=len, reverse=True):
        text = text.replace(line, " ")
    return sorted(i for i in ids if re.search(rf"(?<![\w'-])(?<!\w\(){re.escape(i)}(?![\w-])", text))


def test_the_check_sees_an_id() -> None:
    ids = {"joint-list": "Joint List", "likud": "Likud"}
    assert ids_shown("Opposition 59\nLikud 30\njoint-list 6", ids) == ["joint-list"]
    assert ids_shown("Likud 30 https://example.org/likud", ids) == []
    assert ids_shown("Irish Independent www.independent.ie/world-news/", {"independent": "Ind."}) == []
    assert ids_shown("Joint List, the joint-list of 2021", ids, {"the joint-list of 2021"}) == []
    assert ids_shown("(joint-list, likud sit on two sides)", ids) == ["joint-list", "likud"]
    assert ids_shown("2 event(s) of the bloc's", {"s": "S"}) == []
    assert ids_shown(svg_text('<svg xmlns="http://www.w3.org/2000/svg"><text>likud <tspan>30</tspan></text></svg>'),
                     ids) == ["likud"]


@pytest.mark.parametrize("sid", SCENARIOS)
def test_charts_show_no_party_id(sid: str) -> None:
    ids = _hidden_ids(sid)
    scenario = load_scenario(sid)
    texts = {
        "hemicycle": svg_text(hemicycle(scenario).svg),
        "phone hemicycle": svg_text(hemicycle(scenario, width=390).svg),
        "timeline": svg_text(render_timeline(scenario)),
        "phone timeline": svg_text(render_timeline(scenario, width=390)),
        "report": html_text(build_report(scenario)),
    }
    prose = _prose(_raw(sid))
    shown = {where: found for where, t in texts.items() if (found := ids_shown(t, ids, prose))}
    assert shown == {}, {where: [f"{i} (should read {ids[i]!r})" for i in found] for where, found in shown.items()}


def test_the_legend_names_parties_without_a_short_name() -> None:
    # the fact-checker's case: Knesset parties with no short name are named in the legend by their name
    legend = re.findall(r'class="lg"[^>]*>([^<]*)<', hemicycle(load_scenario("il-knesset-2021")).svg)
    names = {p["name"] for p in _raw("il-knesset-2021")["parties"] if "short" not in p}
    assert names <= set(legend)
    assert "Yesh Atid" in legend and "yesh-atid" not in legend


def test_an_event_without_a_summary_names_parties_and_members() -> None:
    scenario = load_scenario("pk-na-2022")
    member = scenario.members[0]
    party = next(p for p in scenario.parties if p.id != p.label)
    ev = Event(dt.date(2022, 3, 9), "defect", party=party.id, to="opposition", members=(member.id,))
    assert ev.describe(scenario.names) == f"{member.name} of {party.label} to the opposition"
    assert ev.describe() == f"{member.id} of {party.id} to the opposition"  # without names: as written


def test_events_without_summaries_name_parties_in_the_timeline_and_the_report() -> None:
    # no bundled event lacks a summary; take them away, and the words made from the event must use names
    scenario = load_scenario("pk-na-2022")
    bare = dataclasses.replace(scenario, events=tuple(dataclasses.replace(e, summary="") for e in scenario.events))
    ids = _hidden_ids("pk-na-2022")
    prose = _prose(_raw("pk-na-2022"))
    assert ids_shown(svg_text(render_timeline(bare)), ids, prose) == []
    assert ids_shown(html_text(build_report(bare)), ids, prose) == []
    assert "MQM-P to the opposition" in svg_text(render_timeline(bare))  # the party crossing over on 30 March
