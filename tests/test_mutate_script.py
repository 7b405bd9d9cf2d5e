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


def test_again_reads_the_mutants_an_earlier_run_printed(mutate: ModuleType, tmp_path: Path) -> None:
    out = tmp_path / "run.out"
    out.write_text(
        "12 mutant(s) of 3 file(s), 2 at a time, timeout 60 s\n"
        "[3/12] killed           src/whipcount/power/game.py:32: < -> <=\n"
        "[7/12] SURVIVED         src/whipcount/model/scenario.py:201: 0 -> -1\n"
        "mutation score: 11 / 12 killed = 91.7 % (0 by timeout)\n"
        "1 survivor(s):\n"
        "  src/whipcount/rules/judge.py:194: is not -> is  \n",
        encoding="utf-8",
    )
    assert mutate.again_from(out) == {
        "src/whipcount/power/game.py:32: < -> <=",
        "src/whipcount/model/scenario.py:201: 0 -> -1",
        "src/whipcount/rules/judge.py:194: is not -> is",
    }


def test_explained_mutants_can_be_run_on_their_own(mutate: ModuleType, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """--explained runs exactly the mutants the comments leave out, to check that none of them dies."""
    (tmp_path / "m.py").write_text(SOURCE, encoding="utf-8")
    monkeypatch.setattr(mutate, "ROOT", tmp_path)
    mutants = mutate.mutants_of("m.py")
    notes = {"m.py": mutate.explained("m.py")}
    plain = {(m.line, m.what) for m in mutate.chosen(mutants, notes)}
    only = {(m.line, m.what) for m in mutate.chosen(mutants, notes, explained_only=True)}
    assert only == {(2, "< -> <="), (4, "in -> not in"), (4, "return x -> return not (x)")}
    assert not plain & only and len(plain) + len(only) == len(mutants)
