"""Charts that show different things can share a page: no id of one is an id of another, so each chart's
aria-labelledby names its own title and description (a screen reader on the second of two forecasts had
read the first's date and P(pass)). The forecast's id had been its title's, the same on every date; the
timeline's the scenario's, whatever its dates; a stance chart's the same for two motions voted on one day."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

SVG = "{http://www.w3.org/2000/svg}"
FIRST = "chancellor-first-ballot-2025-05-06"

CHARTS = {
    "forecast on two dates": [("pk-na-2022", "--kind", "forecast", "--on", "2022-03-15"),
                              ("pk-na-2022", "--kind", "forecast", "--on", "2022-04-01")],
    "timelines of two spans": [("pk-na-2022", "--kind", "timeline"),
                               ("pk-na-2022", "--kind", "timeline", "--from", "2022-03-01", "--to", "2022-08-01")],
    "stances of two motions": [("de-bt-2025", "--by", "stance"), ("de-bt-2025", "--by", "stance", "--motion", FIRST)],
    "forecasts of two motions": [("de-bt-2025", "--kind", "forecast"),
                                 ("de-bt-2025", "--kind", "forecast", "--motion", FIRST)],
    "timelines of two motions": [("de-bt-2025", "--kind", "timeline"),
                                 ("de-bt-2025", "--kind", "timeline", "--motion", FIRST)],
}


def test_charts_of_different_things_share_no_id(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    for what, commands in CHARTS.items():
        ids: Counter[str] = Counter()
        for i, args in enumerate(commands):
            out = tmp_path / f"{i}.svg"
            res = run_cli("chart", *args, "-o", str(out))
            assert res.code == 0, res.err
            root = ET.parse(out).getroot()
            own = [el.get("id") for el in root.iter() if el.get("id")]
            assert len(own) == len(set(own)), what
            labelled = (root.get("aria-labelledby") or "").split()
            assert labelled and all(x in own for x in labelled), what
            ids.update(own)
        assert not [k for k, n in ids.items() if n > 1], what


def _drawn(path: Path) -> str:
    return " ".join("".join(t.itertext()) for t in ET.parse(path).getroot().iter(f"{SVG}text"))


def test_charts_of_two_ballots_of_one_day_say_which_they_count(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """The two ballots of 6 May 2025 had drawn the same title and words, but for the recorded result."""
    second = "chancellor-second-ballot-2025-05-06"
    for kind in (("--by", "stance"), ("--kind", "forecast")):
        for motion, other in ((FIRST, second), (second, FIRST)):
            out = tmp_path / f"{motion}.svg"
            assert run_cli("chart", "de-bt-2025", *kind, "--motion", motion, "-o", str(out)).code == 0
            words = _drawn(out).replace("\n", " ")
            assert motion in words.replace(" ", "") and other not in words.replace(" ", ""), (kind, words)
