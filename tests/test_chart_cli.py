"""``whipcount chart`` from the command line: SVG files of the bundled case and of a user's scenario, and
bad options or colours refused by name with nothing written."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from svg_seats import legend_counts, seat_circles


def test_cli_chart_writes_svg(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "h.svg"
    r = run_cli("chart", "pk-na-2022", "--on", "2022-03-08", "--layout", "westminster", "--two-thirds",
                "-o", str(out))
    assert r.code == 0, r.err
    assert len(seat_circles(ET.fromstring(out.read_text(encoding="utf-8")))) == 342
    r = run_cli("chart", "pk-na-2022", "--kind", "timeline", "-o", "-")
    assert r.code == 0 and ET.fromstring(r.out).get("class") == "whipcount-chart timeline"


def test_cli_chart_by_stance(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "s.svg"
    r = run_cli("chart", "pk-na-2022", "--on", "2022-03-30", "--by", "stance", "-o", str(out))
    assert r.code == 0, r.err
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    seats = seat_circles(root)
    assert len(seats) == 342
    assert sum(legend_counts(root).values()) == 342


@pytest.mark.parametrize(
    "args,message",
    [
        (["--on", "2022-03-01"], "2022-03-08"),
        (["--rows", "2"], "arch layout: 2 row"),
        (["--layout", "westminster", "--rows", "1"], "westminster layout"),
        (["--speaker", "nobody"], "speaker: unknown party 'nobody'"),
    ],
)
def test_cli_chart_bad_input(run_cli, tmp_path: Path, args: list[str], message: str) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.svg"
    r = run_cli("chart", "pk-na-2022", *args, "-o", str(out))
    assert r.code == 1
    assert message in " ".join(r.err.split())
    assert "Traceback" not in r.err
    assert not out.exists()  # never a partial write
    assert not list(tmp_path.iterdir())


def test_cli_chart_bad_colour_in_scenario(run_cli, write_scenario, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_scenario("""\
        chamber: {name: Test Assembly, rules: pk-na, seats: 11, as_of: 2020-01-01}
        parties:
          - {id: red, name: Red Party, seats: 6, side: government, colour: "blurple"}
          - {id: blue, name: Blue Party, seats: 4, side: opposition}
        """)
    r = run_cli("chart", str(path), "-o", str(tmp_path / "x.svg"))
    assert r.code == 1 and "blurple" in r.err and "Traceback" not in r.err
    assert not (tmp_path / "x.svg").exists()


def test_cli_chart_small_scenario_uses_palette(run_cli, write_scenario, minimal_yaml: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "m.svg"
    r = run_cli("chart", str(write_scenario(minimal_yaml)), "-o", str(out))
    assert r.code == 0, r.err
    root = ET.fromstring(out.read_text(encoding="utf-8"))
    fills = Counter(s.get("fill") for s in seat_circles(root) if "vacant" not in s.get("class", ""))
    # at the end of the log: red 6 (its own colour), blue 4 (first palette colour): 2 of red went over
    assert fills["#cc0000"] == 6 and sum(fills.values()) == 10
    assert len(seat_circles(root)) == 11
