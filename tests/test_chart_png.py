"""``whipcount chart -o FILE.png``: a real PNG of the expected pixel size, a social card, refusals.

The PNG is checked from its own bytes (the signature and the IHDR chunk, PNG specification section 11.2.2),
so the test needs nothing beyond the standard library to read it.
"""

from __future__ import annotations

import builtins
import re
import struct
import zlib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from whipcount.charts import render_timeline
from whipcount.io.scenario import load_scenario

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_header(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which the specification puts first; its CRC is checked."""
    assert data[:8] == PNG_SIGNATURE
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    body = data[16:16 + 13]
    (crc,) = struct.unpack(">I", data[29:33])
    assert zlib.crc32(kind + body) == crc
    width, height = struct.unpack(">II", body[:8])
    assert data.endswith(b"IEND\xaeB`\x82")
    return width, height


def viewbox(svg: str) -> tuple[float, float]:
    m = re.search(r'viewBox="0 0 ([0-9.]+) ([0-9.]+)"', svg)
    assert m
    return float(m.group(1)), float(m.group(2))


@pytest.mark.parametrize("kind", ["hemicycle", "timeline", "forecast"])
def test_png_is_the_svg_at_twice_its_size(run_cli, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    svg_path, png_path = tmp_path / "c.svg", tmp_path / "c.png"
    assert run_cli("chart", "pk-na-2022", "--kind", kind, "-o", str(svg_path)).code == 0
    r = run_cli("chart", "pk-na-2022", "--kind", kind, "-o", str(png_path))
    assert r.code == 0, r.err
    w, h = viewbox(svg_path.read_text(encoding="utf-8"))
    if kind == "timeline":  # a PNG is not hovered: drawn without the hint to hover, one line shorter
        still = viewbox(render_timeline(load_scenario("pk-na-2022"), hover=False))
        assert still[0] == w and still[1] < h
        w, h = still
    assert png_header(png_path.read_bytes()) == (round(2 * w), round(2 * h))


def test_png_scale(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svg_path, png_path = tmp_path / "c.svg", tmp_path / "c.png"
    assert run_cli("chart", "pk-na-2022", "-o", str(svg_path)).code == 0
    assert run_cli("chart", "pk-na-2022", "--scale", "0.5", "-o", str(png_path)).code == 0
    w, h = viewbox(svg_path.read_text(encoding="utf-8"))
    assert png_header(png_path.read_bytes()) == (round(w / 2), round(h / 2))


@pytest.mark.parametrize("kind", ["hemicycle", "timeline", "forecast"])
def test_social_card_is_1200_by_675_and_keeps_text_legible(run_cli, tmp_path: Path, kind: str) -> None:  # type: ignore[no-untyped-def]
    png_path = tmp_path / "card.png"
    r = run_cli("chart", "pk-na-2022", "--kind", kind, "--two-thirds", "--preset", "social", "-o", str(png_path)) \
        if kind == "hemicycle" else run_cli("chart", "pk-na-2022", "--kind", kind, "--preset", "social",
                                             "-o", str(png_path))
    assert r.code == 0, r.err
    assert png_header(png_path.read_bytes()) == (1200, 675)
    # the card draws the chart at its SVG size times min(1152 / w, 627 / h): the smallest text (11 units)
    # must come out at 10 pixels or more
    svg = run_cli("chart", "pk-na-2022", "--kind", kind, "-o", "-").out if kind != "hemicycle" else None
    if svg is not None:
        w, h = viewbox(svg)
        assert 11 * min(1152 / w, 627 / h) >= 10


def test_social_hemicycle_puts_the_legend_beside_the_seats() -> None:
    from whipcount.charts import hemicycle
    from whipcount.io.scenario import load_scenario

    svg = hemicycle(load_scenario("pk-na-2022"), two_thirds=True, legend_beside=True).svg
    w, h = viewbox(svg)
    assert 11 * min(1152 / w, 627 / h) >= 10  # notes (11 units) at 10 pixels or more on the card


@pytest.mark.parametrize("name", ["c.pdf", "c.SVGZ", "c", "c.jpg"])
def test_unknown_suffix_is_refused_and_nothing_written(run_cli, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("chart", "pk-na-2022", "-o", str(tmp_path / name))
    assert r.code == 1 and "unknown format" in r.err and ".svg, .png, .html" in r.err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["--scale", "2"], ["--preset", "social"]])
def test_png_options_on_an_svg_are_refused(run_cli, tmp_path: Path, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("chart", "pk-na-2022", *args, "-o", str(tmp_path / "c.svg"))
    assert r.code == 1 and ".png output only" in r.err
    assert list(tmp_path.iterdir()) == []


def test_scale_out_of_range(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("chart", "pk-na-2022", "--scale", "0", "-o", str(tmp_path / "c.png"))
    assert r.code == 1 and "--scale" in r.err
    assert list(tmp_path.iterdir()) == []


def test_a_png_too_large_to_render_is_refused_with_the_scale_that_fits(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """--width 4000 --scale 10 would be 9,200 x 8,980 pixels (82.6 million; it took 713 MB to render): refused before
    anything is written, naming the largest scale that fits 25 million pixels, at which it renders."""
    out = tmp_path / "c.png"
    out.write_bytes(b"kept")
    svg = tmp_path / "c.svg"
    assert run_cli("chart", "pk-na-2022", "--width", "4000", "-o", str(svg)).code == 0
    w, h = viewbox(svg.read_text(encoding="utf-8"))
    r = run_cli("chart", "pk-na-2022", "--width", "4000", "--scale", "10", "-o", str(out))
    assert r.code == 1 and out.read_bytes() == b"kept"
    big = round(w * 10) * round(h * 10)
    assert big > 25_000_000
    fits = re.search(r"expected --scale ([0-9.]+) or less", r.err)
    assert fits is not None, r.err
    scale = float(fits.group(1))
    assert round(w * scale) * round(h * scale) <= 25_000_000 < round(w * (scale + 0.1)) * round(h * (scale + 0.1))
    assert run_cli("chart", "pk-na-2022", "--width", "4000", "--scale", str(scale), "-o", str(out)).code == 0
    assert png_header(out.read_bytes()) == (round(w * scale), round(h * scale))


def test_html_output_is_a_page_holding_the_svg(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "c.html"
    assert run_cli("chart", "pk-na-2022", "-o", str(out)).code == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<svg " in page and "</html>" in page


def test_report_refuses_a_non_html_output(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    r = run_cli("report", "pk-na-2022", "-o", str(tmp_path / "r.svg"))
    assert r.code == 1 and ".html" in r.err
    assert list(tmp_path.iterdir()) == []


def test_png_without_the_png_extra_says_how_to_install_it(  # type: ignore[no-untyped-def]
    run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import, real_distribution = builtins.__import__, metadata.distribution

    def fake_import(name: str, *args: Any, **kwargs: Any) -> Any:
        if name.split(".")[0] == "resvg_py":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    def no_resvg(name: str) -> Any:
        if name.lower().replace("_", "-") == "resvg-py":
            raise metadata.PackageNotFoundError(name)
        return real_distribution(name)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    monkeypatch.setattr(metadata, "distribution", no_resvg)  # the module object extras reads it from
    r = run_cli("chart", "pk-na-2022", "-o", str(tmp_path / "c.png"))
    assert r.code == 1
    assert "pip install 'whipcount[png]'" in r.err and "resvg_py" in r.err
    assert "Traceback" not in r.err and len(r.err.strip().splitlines()) == 1
    assert list(tmp_path.iterdir()) == []  # never SVG written into a .png
