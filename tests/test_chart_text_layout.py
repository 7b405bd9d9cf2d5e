"""No text of a bundled scenario's chart runs out of the picture or over another text, desktop and phone
variants, measured on boxes from the charts' own (generous) width estimate (:mod:`chart_text`)."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from chart_text import Text, texts
from whipcount.charts import render_timeline
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
