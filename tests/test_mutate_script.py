"""scripts/mutate, the mutation tester: the mutants it makes of a small function, and the comments that
explain a mutant as equivalent (left out of the run and of the score)."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "mutate"

SOURCE = '''def f(a: int, b: int) -> bool:
    if a < b:  # equivalent mutants "< -> <=", "1 -> 2": a test would say so
        return a + 1 > 0
    return b in (a,)  # equivalent mutant: every change of this line
'''


@pytest.fixture(scope="module")
def mutate() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("whipcount_mutate", str(SCRIPT))
    spec = importlib.util.spec_from_loader(loader.name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[loader.name] = module  # dataclasses look their module up
    loader.exec_module(module)
    return module


def test_each_operator_and_constant_gives_its_mutants(mutate: ModuleType, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "m.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.setattr(mutate, "ROOT", tmp_path)
    found = {(m.line, m.what) for m in mutate.mutants_of("m.py")}
    # a < b, a + 1, 1 (+1/-1), > 0, 0 (+1/-1), in, the bool returns; the annotations are left alone
    assert {(2, "< -> <="), (3, "+ -> -"), (3, "1 -> 2"), (3, "1 -> 0"), (3, "> -> >="), (3, "0 -> 1"),
            (3, "0 -> -1"), (4, "in -> not in"), (3, "return x -> return not (x)"),
            (4, "return x -> return not (x)")} == found
    tree_src = mutate.mutated_source(SOURCE, next(m.index for m in mutate.mutants_of("m.py") if m.line == 2))
    assert "if a <= b:" in tree_src


def test_equivalent_mutants_are_those_their_line_names(mutate: ModuleType, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "m.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.setattr(mutate, "ROOT", tmp_path)
    notes = mutate.explained("m.py")
    assert notes == {2: ["< -> <=", "1 -> 2"], 4: [None]}
    explained = {(m.line, m.what) for m in mutate.mutants_of("m.py") if mutate.is_explained(m, notes)}
    assert explained == {(2, "< -> <="), (4, "in -> not in"), (4, "return x -> return not (x)")}
