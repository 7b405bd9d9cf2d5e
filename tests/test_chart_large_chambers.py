"""Large chambers (a thousand seats and more, up to the 3,000 a chart draws) in every layout with the default
rows: every seat drawn, none on top of another. A Westminster bench of over about 900 seats needs more rows
than its default guess to stay within the columns a page can show; it takes them rather than refusing."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest

from svg_seats import seat_circles
from whipcount.charts.geometry import westminster

# (upper bench, lower bench, crossbenches) as blocks in fill order
BENCHES = [
    ([900, 400, 200], [150, 100, 80, 50, 40, 20, 15, 10, 8, 7, 6, 5, 4, 3, 2, 1], [1]),
    ([2977], [], []),  # China's National People's Congress, the largest chamber, on one bench
    ([1200, 1], [999, 1, 1], [400]),
]


def _closest(points: np.ndarray) -> float:
    """The least distance between two seat centres, by brute force."""
    best = np.inf
    for i in range(len(points) - 1):
        best = min(best, float(np.min(np.hypot(*(points[i + 1:] - points[i]).T))))
    return best


@pytest.mark.parametrize("benches", BENCHES)
def test_a_long_bench_takes_more_rows_and_keeps_every_seat_apart(benches) -> None:  # type: ignore[no-untyped-def]
    n = sum(sum(b) for b in benches)
    pl = westminster(benches)
    pts = np.array(pl.centres)
    assert len(pts) == n
    assert _closest(pts) >= 2 * pl.radius - 1e-6
    assert pts[:, 0].min() - pl.radius >= 0 and pts[:, 0].max() + pl.radius <= pl.width
    assert pts[:, 1].min() - pl.radius >= 0 and pts[:, 1].max() + pl.radius <= pl.height


def test_a_chamber_of_two_thousand_seats_draws_in_every_layout(tmp_path: Path, run_cli) -> None:  # type: ignore[no-untyped-def]
    sizes = [900, 400, 200, 150, 100, 80, 50, 40, 20, 15, 10, 8, 7, 6, 5, 4, 3, 2, 1, 1]
    sides = ["government"] * 3 + ["opposition"] * 10 + ["other"] * 7
    parties = "".join(f"  - {{id: p{i}, name: Party {i}, seats: {s}, side: {side}}}\n"
                      for i, (s, side) in enumerate(zip(sizes, sides, strict=True)))
    path = tmp_path / "big.yaml"
    path.write_text(f"chamber: {{name: Big, rules: gb-hc, seats: {sum(sizes)}, as_of: 2023-01-01}}\n"
                    "parties:\n" + parties, encoding="utf-8")
    for layout in ("arch", "horseshoe", "westminster"):
        out = tmp_path / f"{layout}.svg"
        res = run_cli("chart", str(path), "--layout", layout, "-o", str(out))
        assert res.code == 0, res.err
        seats = seat_circles(ET.parse(out).getroot())
        assert len(seats) == 2002
        for i, s in enumerate(sizes):
            assert sum(c.get("data-party") == f"p{i}" for c in seats) == s
