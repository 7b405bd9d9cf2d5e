"""A Monte Carlo run holds BLAS to one thread while it draws, and gives the setting back afterwards.

A chunk's matrix products are small; left to BLAS's default of a thread per core, its idle threads spun on
the spare core (twice the CPU time for a run on one worker, and on two workers half the speed: BLAS's
threads and ours contended). The setting is read from the BLAS library itself (threadpoolctl), during the
run by the progress callback and after it."""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from whipcount.model import Scenario
from whipcount.tally import forecast, simulate
from whipcount.tally.blas import one_blas_thread
from whipcount.tally.count import count_scenario
from whipcount.tally.from_count import model_from_count


def _blas_threads() -> list[int]:
    return [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]


@pytest.fixture()
def two_blas_threads() -> object:
    """BLAS set to two threads for the test (as on a machine of two cores or more), whatever the machine."""
    if not _blas_threads():
        pytest.skip("numpy here calls no BLAS library threadpoolctl can see")
    with threadpool_limits(limits=2, user_api="blas") as limits:
        yield limits


@pytest.mark.parametrize("workers", [1, 2])
def test_a_run_draws_on_one_blas_thread_and_gives_the_setting_back(
    pakistan: Scenario, two_blas_threads: object, workers: int
) -> None:
    model = model_from_count(count_scenario(pakistan, dt.date(2022, 3, 30)))
    model = replace(model, swing=0.5)  # drawn bloc by bloc, the swing's matrix product in every chunk
    seen: list[list[int]] = []
    simulate(model, sims=4_000, rng=np.random.default_rng(3), chunk=1_000, workers=workers,
             progress=lambda _m: seen.append(_blas_threads()))
    assert len(seen) == 4
    assert all(threads == [1] * len(threads) for threads in seen), seen
    assert all(n == 2 for n in _blas_threads())  # given back


def test_the_pivots_draws_hold_blas_to_one_thread_too(pakistan: Scenario, two_blas_threads: object,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from whipcount.tally import switchdraws

    seen: list[list[int]] = []
    real = switchdraws._tally

    def spying(*args: object) -> object:
        seen.append(_blas_threads())
        return real(*args)

    monkeypatch.setattr(switchdraws, "_tally", spying)
    model = model_from_count(count_scenario(pakistan, dt.date(2022, 3, 30)))
    fc = forecast(model, method="monte-carlo", sims=2_000, rng=np.random.default_rng(5))
    assert fc.pivotal and seen, "the Pakistan case on 30 March has pivotal blocs, drawn by switched_draws"
    assert all(threads == [1] * len(threads) for threads in seen), seen
    assert all(n == 2 for n in _blas_threads())


def test_overlapping_runs_share_the_limit_and_the_last_out_gives_it_back(two_blas_threads: object) -> None:
    """Two runs whose lifetimes overlap without nesting (as a forecast worker's and a report's do), the
    first to start ending first: the second stays at one thread to its end, and once both are done BLAS
    has its two threads again. A limit per run had put back, as the first ended, the two threads it found,
    under the second run; and the second, ending, the one thread it found, for good. Entered and left in
    this thread: this OpenBLAS applies a count set from another thread to that thread alone."""
    first, second = one_blas_thread(), one_blas_thread()
    first.__enter__()
    second.__enter__()
    assert _blas_threads() == [1] * len(_blas_threads())
    first.__exit__(None, None, None)
    assert _blas_threads() == [1] * len(_blas_threads())  # the second run still draws
    second.__exit__(None, None, None)
    assert all(n == 2 for n in _blas_threads())


def test_the_web_server_holds_blas_to_one_thread_while_it_serves(two_blas_threads: object, tmp_path: Path) -> None:
    """The server's forecasts run in worker threads, where a count set by the run itself would hold for
    that thread alone on this OpenBLAS: the server sets it on its own thread as it starts serving (its
    lifespan), for every thread, and gives it back when it stops."""
    from whipcount.web.app import create_app

    app = create_app(f"sqlite:///{tmp_path / 'w.db'}", public_read=True)
    seen: list[list[int]] = []

    async def serve() -> None:
        async with app.router.lifespan_context(app):
            seen.append(_blas_threads())

    asyncio.run(serve())
    assert seen and seen[0] == [1] * len(seen[0])
    assert all(n == 2 for n in _blas_threads())
