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


def test_a_change_of_chair_cites_the_first_of_its_sources(pakistan: Scenario) -> None:
    """An event with two sources: the chair's ``source`` is the first listed, the one the file puts first."""
    import dataclasses

    from whipcount.model.sources import Source

    first, second = Source("https://example.org/first"), Source("https://example.org/second")
    events = tuple(dataclasses.replace(e, sources=(first, second)) if e.kind == "presiding-officer" else e
                   for e in pakistan.events)
    changed = dataclasses.replace(pakistan, events=events)
    assert changed.speaker_on(dt.date(2022, 4, 10))["source"] == "https://example.org/first"  # type: ignore[index]


def test_the_chair_changes_on_the_day_of_the_change(pakistan: Scenario) -> None:
    """Asad Qaiser resigned late on 9 April 2022 and Ayaz Sadiq presided: by the end of that day he is the chair."""
    assert pakistan.speaker_on(dt.date(2022, 4, 8))["name"] == "Asad Qaiser"  # type: ignore[index]
    assert pakistan.speaker_on(dt.date(2022, 4, 9))["name"] == "Ayaz Sadiq"  # type: ignore[index]


def test_who_takes_the_chair_is_not_called_the_speaker(pakistan: Scenario) -> None:
    """Ayaz Sadiq presided on 10 April 2022 from the panel of chairmen after the Speaker resigned; he was not
    the Speaker. The chart, its label and the report's seat table say "Presiding", not "Speaker"."""
    from whipcount.report import build_report

    before = hemicycle(pakistan, on=dt.date(2022, 3, 30)).svg
    after = hemicycle(pakistan, on=dt.date(2022, 4, 10)).svg
    assert _speaker_title(before).startswith("Speaker: Asad Qaiser")
    assert _speaker_title(after).startswith("Presiding: Ayaz Sadiq")
    assert ">Presiding<" in after and ">Speaker<" not in after
    html = build_report(pakistan)
    assert "Presiding: " in html and "Speaker: Ayaz Sadiq" not in html
