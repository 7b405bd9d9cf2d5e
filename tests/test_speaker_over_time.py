"""The chair changes with the log: Asad Qaiser (PTI) until he resigned late on 9 April 2022, then
Ayaz Sadiq (PML-N) presided over the vote (Aaj News, 9 April 2022)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from whipcount.charts.views import hemicycle
from whipcount.model import Scenario


def _speaker_title(svg: str) -> str:
    root = ET.fromstring(svg)
    for el in root.iter():
        if "speaker" in (el.get("class") or "").split():
            title = next((c.text or "" for c in el if c.tag.endswith("title")), "")
            return title
    raise AssertionError("no Speaker's seat in the chart")


def test_the_speaker_on_each_date(pakistan: Scenario) -> None:
    assert pakistan.speaker_on(dt.date(2022, 3, 30))["name"] == "Asad Qaiser"  # type: ignore[index]
    assert pakistan.speaker_on(dt.date(2022, 4, 10))["party"] == "pml-n"  # type: ignore[index]
    before = _speaker_title(hemicycle(pakistan, on=dt.date(2022, 3, 30)).svg)
    after = _speaker_title(hemicycle(pakistan, on=dt.date(2022, 4, 10)).svg)
    assert "Asad Qaiser" in before
    assert "Ayaz Sadiq" in after
