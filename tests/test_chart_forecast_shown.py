"""The note under a forecast chart on the counts it leaves out says what is true of them. It said "the rest have
probability below 0.01%" always: of a chamber of two seats, all three counts shown, it spoke of a rest there
was none of; and the two tails are each cut under 1 in 10,000, so together they may hold nearly 2: a thin
tail each side of 0.0099% left 0.0198% out, which the chart called below 0.01%.

The truths are sums done by hand over the vectors built here."""

from __future__ import annotations

import re

import numpy as np

from whipcount.charts import render_forecast


def _note(svg: str) -> str:
    return next(re.sub(r"\s+", " ", n) for n in re.findall(r'<text[^>]*class="note"[^>]*>([^<]*)</text>', svg)
                if "shown" in n)


def test_a_chart_that_shows_every_count_says_so() -> None:
    assert _note(render_forecast([0.25, 0.5, 0.25], needed=2)) == "Every count from 0 to 2 shown."


def test_thin_tails_on_both_sides_are_counted_together() -> None:
    pmf = np.zeros(1001)
    pmf[0:400] = 0.99e-4 / 400   # 0.0099% spread thin on the left ...
    pmf[601:1001] = 0.99e-4 / 400  # ... and on the right: 0.0198% in all
    pmf[500] = 1 - 1.98e-4
    note = _note(render_forecast(pmf, needed=501))
    lo, hi = (int(v) for v in re.match(r"Counts (\d+) to (\d+) of 0 to 1000 shown", note).groups())  # type: ignore[union-attr]
    assert lo > 400 and hi < 601  # every tail count left out: 1.98e-4 of the probability
    assert note.endswith("the others have probability below 0.02% together.")


def test_counts_that_cannot_happen_are_left_out_at_probability_zero() -> None:
    pmf = np.zeros(101)
    pmf[40:61] = 1 / 21
    assert _note(render_forecast(pmf, needed=51)) == \
        "Counts 38 to 62 of 0 to 100 shown; the others have probability 0% together."  # 40 - 2 to 60 + 2
