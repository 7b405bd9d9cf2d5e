"""Rich display in Jupyter: chamber states, forecasts and power tables show themselves.

The model and the analysis parts sit below the charts in the layers (and tally, power and charts are
siblings), so none of their value types can draw itself. This module, above them all, tells IPython's
display system how to show each one::

    >>> import whipcount.report.notebook as nb
    >>> nb.register()                          # in a notebook (done for you by `import whipcount`)
    >>> scenario.state(dt.date(2022, 3, 30))   # a hemicycle
    >>> forecast(model)                        # the distribution of the vote, with P(pass)
    >>> nb.power_table(game)                   # a table of exact power indices

:func:`register` returns False outside IPython and never imports IPython itself.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from html import escape
from typing import Any

from whipcount.charts.forecast import forecast_notes
from whipcount.charts.ipython import state_svg
from whipcount.charts.timeline import render_forecast
from whipcount.model import ChamberState, format_points, format_probability
from whipcount.power import WeightedGame, get_index
from whipcount.tally.model import Forecast

__all__ = ["PowerTable", "forecast_html", "power_table", "register"]


def forecast_html(fc: Forecast) -> str:
    """A forecast as HTML: P(pass), the median and 90 % interval, and the distribution's chart; where seats were
    vacant, what the votes needed are a share of (:func:`~whipcount.charts.forecast.forecast_notes`)."""
    notes = forecast_notes(fc)
    svg = render_forecast(fc.yes_pmf, needed=fc.needed, p_pass=fc.p_pass, method=fc.method, said=notes)
    said = "".join(f"<p>{escape(note)}</p>" for note in notes)
    lo, hi = fc.interval
    se = f" ± {format_points(fc.stderr)}" if fc.method == "monte-carlo" else ""
    return (
        f"<div><p><strong>P(pass) = {format_probability(fc.p_pass)}</strong>{escape(se)} ({escape(fc.method)}); "
        f"{f'{fc.needed} needed' if fc.needed is not None else 'the number needed depends on turnout'}; "
        f"yes votes: median {fc.median}, "
        f"90 % interval {lo}–{hi}</p>{said}{svg}</div>"
    )


@dataclass(frozen=True)
class PowerTable:
    """Power indices of a weighted game, one row per player; shows itself as an HTML table."""

    game: WeightedGame
    indices: tuple[str, ...]
    values: tuple[tuple[Fraction | float, ...], ...]  # values[j][i]: index j, player i

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{escape(name)}</th>" for name in self.indices)
        rows = []
        for i, name in enumerate(self.game.names):
            cells = "".join(
                f'<td title="{escape(str(v))}">{float(v):.4f}</td>' for v in (vals[i] for vals in self.values)
            )
            rows.append(f"<tr><td>{escape(str(name))}</td><td>{self.game.weights[i]}</td>{cells}</tr>")
        return (
            f"<table><caption>quota {self.game.quota} of {self.game.total}</caption>"
            f"<thead><tr><th>player</th><th>weight</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )


def power_table(game: WeightedGame, indices: Sequence[str] = ("banzhaf", "shapley-shubik")) -> PowerTable:
    """Exact power indices of ``game`` (names as in ``whipcount power --index``)."""
    chosen = [get_index(name) for name in indices]
    return PowerTable(game, tuple(ix.name for ix in chosen), tuple(tuple(ix(game)) for ix in chosen))


def register(shell: Any = None) -> bool:
    """Install the display formatters in the running IPython; False (and nothing done) outside it."""
    if shell is None:
        ipython = sys.modules.get("IPython")
        get = getattr(ipython, "get_ipython", None) if ipython is not None else None
        shell = get() if callable(get) else None
    if shell is None:
        return False
    formatters = shell.display_formatter.formatters
    formatters["image/svg+xml"].for_type(ChamberState, state_svg)
    formatters["text/html"].for_type(Forecast, forecast_html)
    return True
