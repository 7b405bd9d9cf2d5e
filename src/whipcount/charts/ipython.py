"""Show chamber states as hemicycles in Jupyter, without the model knowing about charts.

The model sits below the charts in the layers, so :class:`~whipcount.model.ChamberState` cannot have a
``_repr_svg_`` of its own. Instead :func:`register` tells IPython's display system how to draw one::

    >>> import whipcount.charts.ipython
    >>> whipcount.charts.ipython.register()      # in a notebook; returns False outside IPython
    >>> scenario.state(dt.date(2022, 3, 30))     # now shows as a hemicycle

Charts made by :func:`whipcount.charts.views.hemicycle` (and ``timeline``/``forecast``) are
:class:`~whipcount.charts.Chart` values with their own ``_repr_svg_`` and need no registration.
"""

from __future__ import annotations

import sys
from typing import Any

from whipcount.model import ChamberState

__all__ = ["register", "state_svg"]


def state_svg(state: ChamberState) -> str:
    """The hemicycle of ``state`` (coloured by party, with the no-confidence majority where known)."""
    from whipcount.charts.views import hemicycle

    return hemicycle(state).svg


def register(shell: Any = None) -> bool:
    """Register :func:`state_svg` as the SVG formatter of ChamberState in the running IPython.

    Returns True when a shell was found and the formatter installed, False otherwise (plain Python);
    never imports IPython itself.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        get = getattr(ipython, "get_ipython", None) if ipython is not None else None
        shell = get() if callable(get) else None
    if shell is None:
        return False
    formatter = shell.display_formatter.formatters["image/svg+xml"]
    formatter.for_type(ChamberState, state_svg)
    return True
