"""A forecast chart whose motion needs a majority of the votes cast has no line to draw (the number needed
depends on turnout), so its words say what the motion needs, with the number `whipcount forecast --json`
gives for a full turnout: the chart of Rajoy's second investiture vote reads 141, the report's caption too.
It had shown P(pass) over grey bars with nothing to say what passes."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

SVG = "{http://www.w3.org/2000/svg}"


def _drawn_words(path: Path) -> str:
    """The words drawn on the chart (its texts, not its title or description)."""
    root = ET.parse(path).getroot()
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


@pytest.mark.parametrize("sid", ["es-cd-2016", "gb-hc-1979", "jp-hr-2024"])
def test_a_turnout_basis_forecast_says_what_passes(sid: str, tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    res = run_cli("forecast", sid, "--json")
    assert res.code == 0, res.err
    fc = json.loads(res.out)
    assert fc["basis"] == "votes-cast" and fc["needed"] is not None
    out = tmp_path / "f.svg"
    assert run_cli("chart", sid, "--kind", "forecast", "-o", str(out)).code == 0
    words = _drawn_words(out)
    assert re.search(rf"\bneeds {fc['needed']}\b", words), words
    assert "votes cast" in words


def test_a_fixed_threshold_forecast_draws_its_line_and_no_such_note(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    fc = json.loads(run_cli("forecast", "pk-na-2022", "--json").out)
    out = tmp_path / "f.svg"
    assert run_cli("chart", "pk-na-2022", "--kind", "forecast", "-o", str(out)).code == 0
    words = _drawn_words(out)
    assert f"{fc['needed']} to pass" in words and "No line" not in words


def test_the_report_caption_says_it_too(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    fc = json.loads(run_cli("forecast", "es-cd-2016", "--json").out)
    out = tmp_path / "r.html"
    assert run_cli("report", "es-cd-2016", "-o", str(out)).code == 0
    html = out.read_text(encoding="utf-8")
    caption = re.search(r"<figcaption>As of [^<]*P\(pass\)[^<]*</figcaption>", html)
    assert caption is not None and f"needs {fc['needed']} if" in caption.group(0)
    forecast_svg = html[html.index('id="es-cd-2016-forecast"'):]
    forecast_svg = forecast_svg[:forecast_svg.index("</svg>")]
    assert f"needs {fc['needed']} if" in forecast_svg


def test_what_the_words_of_the_bar_say_is_not_said_again(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    """A chamber of two seats under the Commons' rules, which fix 650: the words of the bar already say the
    scenario's seats are counted, so the chart says it once (it had said it twice, and its description too)."""
    path = tmp_path / "two.yaml"
    path.write_text("id: two\ntitle: Two\nchamber: {name: Two, rules: gb-hc, seats: 2, as_of: 2024-01-01}\nparties:\n"
                    "  - {id: g, name: Gov, seats: 1, side: government, source: 'https://example.org/p'}\n"
                    "  - {id: o, name: Opp, seats: 1, side: opposition, source: 'https://example.org/p'}\n"
                    "motion: {kind: no-confidence, target: X, moved: 2024-02-01, vote: 2024-03-01}\n", encoding="utf-8")
    out = tmp_path / "f.svg"
    assert run_cli("chart", str(path), "--kind", "forecast", "-o", str(out)).code == 0
    words = " ".join(_drawn_words(out).split())
    assert "No line for the votes needed" in words
    assert words.count("fixes 650") == 1
    desc = "".join(ET.parse(out).getroot().find(f"{SVG}desc").itertext())  # type: ignore[union-attr]
    assert desc.count("fixes 650") == 1
