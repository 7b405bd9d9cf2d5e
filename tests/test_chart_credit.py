"""Every seat chart and timeline carries a visible credit line naming where its figures come from.

A chart travels without its page (a PNG in a feed), so hover titles are not enough. For every bundled
scenario, desktop and phone, the hemicycle and the timeline end with "Source(s): ... · whipcount", inside
the picture, and every outlet it names is in the scenario file, read here as plain YAML: an ``outlet``
it gives, or the host of an address it cites. A scenario without sources says "Source: not given". A
PNG timeline has no hint to hover.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

import whipcount.cli.charts as cli_charts
from conftest import CliResult
from whipcount.charts import hemicycle, render_timeline
from whipcount.charts.credit import credit_lines
from whipcount.charts.textwidth import text_width
from whipcount.io.scenario import bundled_scenarios, load_scenario

SVG = "{http://www.w3.org/2000/svg}"
SCENARIOS = sorted(bundled_scenarios())
_CREDIT = re.compile(r"^Sources?: (.+) · whipcount$")


def _strings(node: Any) -> list[tuple[str | None, str]]:
    """Every (key, string value) of a YAML document."""
    if isinstance(node, dict):
        return [kv for k, v in node.items() for kv in ([(k, v)] if isinstance(v, str) else _strings(v))]
    if isinstance(node, list):
        return [kv for v in node for kv in ([(None, v)] if isinstance(v, str) else _strings(v))]
    return []


def file_outlets(sid: str) -> set[str]:
    """The outlets a scenario file names, and the hosts (without ``www.``) of the addresses it cites."""
    path = resources.files("whipcount") / "data" / "scenarios" / f"{sid}.yaml"
    strings = _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    hosts = {(urlsplit(u).hostname or "").removeprefix("www.")
             for _, v in strings for u in re.findall(r"https?://[^\s\"'<>]+", v)}
    return {v for k, v in strings if k == "outlet"} | hosts - {""}


def credit_of(svg: str) -> tuple[str, ET.Element]:
    root = ET.fromstring(svg)
    lines = [t for t in root.iter(f"{SVG}text") if t.get("class") == "credit"]
    assert lines, "no credit line"
    width, height = (float(v) for v in (root.get("viewBox") or "").split()[2:])
    for t in lines:  # drawn inside the picture, at the size of the notes or larger
        assert float(t.get("y") or 0) <= height - 3
        assert float(t.get("x") or 0) + text_width(t.text or "", 11) * 0.85 <= width, t.text
    return " ".join(t.text or "" for t in lines), root


def named(credit: str, known: set[str]) -> list[str]:
    """The outlets a credit names, each checked against ``known``; what is left must be separators."""
    m = _CREDIT.match(credit)
    assert m, credit
    listed = re.sub(r" and \d+ more$", "", m.group(1))
    found = [k for k in sorted(known, key=len, reverse=True) if k in listed]
    for k in found:
        listed = listed.replace(k, "")
    assert set(listed) <= {",", " "}, f"names not in the scenario file: {listed!r} (credit: {credit})"
    return found


def test_the_check_refuses_an_outlet_not_in_the_file() -> None:
    assert named("Sources: Dawn, The News · whipcount", {"Dawn", "The News", "dawn.com"}) == ["The News", "Dawn"]
    with pytest.raises(AssertionError, match="not in the scenario file"):
        named("Sources: Dawn, Reuters · whipcount", {"Dawn"})


@pytest.mark.parametrize("sid", SCENARIOS)
@pytest.mark.parametrize("width", [None, 360])
def test_every_chart_credits_sources_of_its_scenario_file(sid: str, width: int | None) -> None:
    scenario = load_scenario(sid)
    known = file_outlets(sid)
    for svg in (hemicycle(scenario, width=width).svg, render_timeline(scenario, width=width)):
        credit, root = credit_of(svg)
        shown = named(credit, known)
        assert shown, credit
        desc = root.find(f"{SVG}desc")  # read out too: a picture with role="img" hides its texts
        assert desc is not None and all(n in (desc.text or "") for n in shown)


def test_the_credit_fits_two_lines_on_a_phone_and_counts_the_rest() -> None:
    names = [f"Outlet number {i}" for i in range(12)]
    lines = credit_lines(names, 336, 13)
    assert len(lines) <= 2 and all(text_width(line, 13) <= 336 for line in lines)
    assert re.search(r" and \d+ more · whipcount$", lines[-1])


def test_a_scenario_without_sources_says_so(write_scenario: Callable[[str], Path]) -> None:
    path = write_scenario("""\
        chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
        parties:
          - {id: red, name: Red Party, seats: 6, side: government}
          - {id: blue, name: Blue Party, seats: 4, side: opposition}
        events:
          - {date: 2020-02-01, kind: switch-side, party: red, seats: 2, to: opposition}
        motion: {kind: no-confidence, target: Someone, moved: 2020-02-01, vote: 2020-02-05}
        """)
    scenario = load_scenario(str(path))
    for svg in (hemicycle(scenario).svg, render_timeline(scenario)):
        assert credit_of(svg)[0] == "Source: not given · whipcount"


def test_a_png_timeline_has_the_credit_and_no_hint_to_hover(
    run_cli: Callable[..., CliResult], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[str] = []
    monkeypatch.setattr(cli_charts, "to_png", lambda svg, scale: drawn.append(svg) or b"png")
    for kind in ("timeline", "hemicycle"):
        assert run_cli("chart", "pk-na-2022", "--kind", kind, "-o", str(tmp_path / f"{kind}.png")).code == 0
    svg_out = tmp_path / "timeline.svg"
    assert run_cli("chart", "pk-na-2022", "--kind", "timeline", "-o", str(svg_out)).code == 0
    assert "Hover" in svg_out.read_text(encoding="utf-8")  # an SVG in a page can be hovered
    for svg in drawn:
        assert "Hover" not in svg
        assert named(credit_of(svg)[0], file_outlets("pk-na-2022"))


@pytest.mark.parametrize("sid", ["pk-na-2022", "se-riksdag-2021"])
def test_a_forecast_chart_from_the_command_line_credits_its_scenario(
    run_cli: Callable[..., CliResult], sid: str,
) -> None:
    """A forecast PNG shared in a feed says where its figures come from, as the other charts do."""
    drawn = run_cli("chart", sid, "--kind", "forecast", "--on", load_scenario(sid).motion.filed.isoformat(),  # type: ignore[union-attr]
                    "-o", "-")
    assert drawn.code == 0, drawn.err
    credit, root = credit_of(drawn.out)
    assert named(credit, file_outlets(sid))
    desc = root.find(f"{SVG}desc")
    assert desc is not None and credit in (desc.text or "")
