"""The report's seat chart on a key date that is a further motion's vote day gives that motion's bar: the
Punjab's run-off of 22 July 2022 is decided by a majority of the members present and voting (a number that
depends on turnout, so none is drawn or quoted), where the report said "186 needed" and drew "186 to pass",
the first poll's bar of 16 April, beside its own outcome section's "183 needed". The truths: the scenario file
read as plain YAML (the run-off is round 2, voted on 22 July) and 186 = 371 // 2 + 1, a majority of the total
membership, on the first poll's own day."""

from __future__ import annotations

import re
from importlib import resources

import yaml

from whipcount.io.scenario import load_scenario
from whipcount.report.markup import Refs
from whipcount.report.sections import seats_section

SID = "pk-pa-punjab-2022"


def _captions() -> dict[str, str]:
    _, _, body = seats_section(load_scenario(SID), "arch", Refs())
    return dict(re.findall(r"<figcaption><strong>([^<]*)</strong>([^<]*)</figcaption>", body))


def _figures() -> dict[str, str]:
    """Each key date's figure (its charts, caption and table) by the date its caption names."""
    _, _, body = seats_section(load_scenario(SID), "arch", Refs())
    out = {}
    for fig in re.findall(r'<figure class="chart seats">(.*?)</figure>', body, flags=re.S):
        day = re.search(r"<figcaption><strong>([^<]*)</strong>", fig)
        assert day is not None
        out[day[1]] = fig
    return out


def test_the_run_off_s_key_date_is_not_given_the_first_poll_s_bar() -> None:
    data = yaml.safe_load(resources.files("whipcount.data.scenarios").joinpath(f"{SID}.yaml").read_text("utf-8"))
    runoff = next(m for m in data["motions"] if m.get("round") == 2 or (m.get("division") or {}).get("round") == 2)
    assert str(runoff["vote"]) == "2022-07-22"
    first_poll = data["chamber"]["seats"] // 2 + 1
    captions = _captions()
    assert f"the {first_poll} needed" in captions["16 April 2022"]
    assert "needed" not in captions["22 July 2022"], captions["22 July 2022"]
    figures = _figures()
    assert f"{first_poll} to pass" in figures["16 April 2022"]
    assert "to pass" not in figures["22 July 2022"]
