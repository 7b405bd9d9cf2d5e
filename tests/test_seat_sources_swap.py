"""A seat chart cites, for the seats a whole-party move or a counted defection put on a side, the source of
that move; after a change of government (the sides' names swapped) it had kept citing it under the side's
old name. In the Punjab on 1 May 2022 the 158 PTI members who stayed loyal, then in opposition, were cited
to the report of the 25 dissidents' defection, and the 25, by then on the government's side, were not. The
truth: the scenario file read as plain YAML, the defection's source and the sides swapped by hand."""

from __future__ import annotations

import datetime as dt
import re
from importlib import resources
from typing import Any

import yaml

from whipcount.charts import hemicycle
from whipcount.charts.views import seat_sources
from whipcount.io.scenario import load_scenario

SID = "pk-pa-punjab-2022"


def _file() -> dict[str, Any]:
    text = resources.files("whipcount.data.scenarios").joinpath(f"{SID}.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(text))


def _defection() -> dict[str, Any]:
    return next(e for e in _file()["events"] if e["kind"] == "defect" and e["party"] == "pti")


def _block_titles(svg: str) -> dict[str, str]:
    """Each block's title by its side, for PTI's blocks."""
    return {side: title for side, title in
            re.findall(r'data-party="pti" data-side="(\w+)"><title>([^<]*)</title>', svg)}


def test_after_the_change_of_government_the_defectors_keep_their_source() -> None:
    ev = _defection()
    url, moved_to = ev["source"]["url"], ev["to"]
    swapped = {"government": "opposition", "opposition": "government"}[moved_to]  # one change on 30 April
    assert [e["date"] for e in _file()["events"] if e["kind"] == "government-change"][0] == dt.date(2022, 4, 30)
    sc = load_scenario(SID)
    day = dt.date(2022, 5, 1)  # after the change of government, before the 25 were de-seated on 20 May
    assert url in seat_sources(sc, day)[f"bloc:pti:{swapped}"]
    assert f"bloc:pti:{moved_to}" not in seat_sources(sc, day)
    titles = _block_titles(hemicycle(sc, on=day).svg)
    assert url in titles[swapped], titles
    assert url not in titles[moved_to], titles


def test_before_the_change_of_government_the_side_is_the_one_moved_to() -> None:
    ev = _defection()
    sc = load_scenario(SID)
    titles = _block_titles(hemicycle(sc, on=ev["date"]).svg)
    assert ev["source"]["url"] in titles[ev["to"]], titles
