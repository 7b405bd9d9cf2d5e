"""The hemicycle a notebook shows for a chamber state.

The model sits below the charts in the layers, so :class:`~whipcount.model.ChamberState` cannot have a
``_repr_svg_`` of its own: :func:`whipcount.report.notebook.register` (run by ``import whipcount`` inside
IPython) installs :func:`state_svg` as its SVG formatter. Charts made by
:func:`whipcount.charts.views.hemicycle` (and ``timeline``/``forecast``) are :class:`~whipcount.charts.Chart`
values with their own ``_repr_svg_`` and need no registration.
"""

from __future__ import annotations

from whipcount.model import ChamberState

__all__ = ["state_svg"]


def state_svg(state: ChamberState) -> str:
    """The hemicycle of ``state`` (coloured by party, with the no-confidence majority where known)."""
    from whipcount.charts.views import hemicycle

    return hemicycle(state).svg
