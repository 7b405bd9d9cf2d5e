"""A Monte Carlo run holds BLAS to one thread while it draws, and gives the setting back afterwards.

A chunk's matrix products are small; left to BLAS's default of a thread per core, its idle threads spun on
the spare core (twice the CPU time for a run on one worker, and on two workers half the speed: BLAS's
threads and ours contended). The setting is read from the BLAS library itself (threadpoolctl), during the
run by the progress callback and after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pytest
from threadpoolctl import threadpool_info, threadpool_limits

from whipcount.model import Scenario
from whipcount.tally import forecast, simulate
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
