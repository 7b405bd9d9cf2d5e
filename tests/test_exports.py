"""The public surface: what `import whipcount` promises, and its docstring example."""

from __future__ import annotations

import doctest

import whipcount


def test_all_is_sorted_and_every_name_exists() -> None:
    assert whipcount.__all__ == sorted(whipcount.__all__)
    for name in whipcount.__all__:
        assert hasattr(whipcount, name), name


def test_the_package_docstring_example_runs() -> None:
    failures, tried = doctest.testmod(whipcount, verbose=False)
    assert tried >= 3 and failures == 0
