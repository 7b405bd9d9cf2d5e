"""numpy's BLAS held to one thread while Monte Carlo runs draw (threadpoolctl), however many runs overlap.

A chunk's matrix products are small (classes x shocks times shocks x draws): BLAS splits each over every
core and its threads then wait for the next, so a run on one worker took twice its CPU time (the spare
core spinning) and was no faster, and on several workers BLAS's threads contended with the run's own.

The limit is process-wide, so runs in several threads (the web app's forecast worker beside a report)
share it: the first run in sets it and the last run out puts back what it found. Each run holding its own
limit would put back, as it ends, the one thread the other run had set (the other run then drew on every
core), and the last to end would leave one thread for good.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["one_blas_thread"]

_LOCK = threading.Lock()
_runs = 0
_held: Any = None  # threadpoolctl's limiter while a run holds the limit


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """BLAS at one thread inside the block; the setting found by the first of overlapping blocks is put
    back when the last of them ends."""
    global _runs, _held
    with _LOCK:
        if _runs == 0:
            from threadpoolctl import threadpool_limits

            _held = threadpool_limits(limits=1, user_api="blas")
        _runs += 1
    try:
        yield
    finally:
        with _LOCK:
            _runs -= 1
            if _runs == 0:
                _held.restore_original_limits()
                _held = None
