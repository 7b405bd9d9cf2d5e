"""``chart -o FILE.png``: a real PNG of the size asked for (read from the file's IHDR header, not from our
code), the social card at 1200 x 675, and refusals for other suffixes or PNG options on an SVG."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

pytest.importorskip("resvg_py")


def _ihdr(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG signature"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    assert struct.unpack(">I", data[29:33])[0] == zlib.crc32(data[12:29]), "IHDR checksum"
    return struct.unpack(">II", data[16:24])


def test_png_at_the_svg_size_and_scaled(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    svg, png, big = tmp_path / "c.svg", tmp_path / "c.png", tmp_path / "c2.png"
    for args in (["-o", str(svg)], ["-o", str(png)], ["-o", str(big), "--scale", "2"]):
        r = run_cli("chart", "pk-na-2022", "--on", "2022-03-30", *args)
        assert r.code == 0, r.err
    head = svg.read_text(encoding="utf-8")[:400]
    vb = head.split('viewBox="')[1].split('"')[0].split()
    w, h = int(float(vb[2])), int(float(vb[3]))
    assert _ihdr(png) == (w, h)
    assert _ihdr(big) == (2 * w, 2 * h)


def test_social_card_is_1200_by_675(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "card.png"
    r = run_cli("chart", "pk-na-2022", "--kind", "timeline", "-o", str(out), "--preset", "social")
    assert r.code == 0, r.err
    assert _ihdr(out) == (1200, 675) and "1200 x 675" in r.out


@pytest.mark.parametrize("args,message", [
    (["-o", "x.jpg"], "expected a file ending in .svg or .png"),
    (["-o", "x.svg", "--scale", "2"], "PNG options"),
    (["-o", "x.png", "--scale", "100"], "--scale"),
])
def test_refusals_write_nothing(run_cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                                args: list[str], message: str) -> None:
    monkeypatch.chdir(tmp_path)
    r = run_cli("chart", "pk-na-2022", *args)
    assert r.code != 0 and message in (r.err + r.out)
    assert list(tmp_path.iterdir()) == []
