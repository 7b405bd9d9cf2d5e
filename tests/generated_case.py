"""The seeded EveryPolitician-size bundle of ``benchmarks/popolo_bundle.py`` for the tests of big files: its
generator module, and the scenario its small cut imports to (built once a session; a scenario is frozen)."""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path
from types import ModuleType

from whipcount.io.popolo import import_popolo
from whipcount.model import Scenario

ROOT = Path(__file__).parent.parent


@functools.cache
def bundle_module() -> ModuleType:
    """``benchmarks/popolo_bundle.py``, which is no package of the project."""
    spec = importlib.util.spec_from_file_location("popolo_bundle", ROOT / "benchmarks" / "popolo_bundle.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@functools.cache
def generated_import() -> Scenario:
    """200 persons and 2,000 memberships over 50 seats (seed 7), imported."""
    pb = bundle_module()
    bundle = pb.make_bundle(persons=200, memberships=2_000, seats=50, seed=7)
    return import_popolo(bundle, "big.json", rules="pk-na", sides=pb.party_sides()).scenario
