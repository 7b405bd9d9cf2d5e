"""A package's public names imported on first use (PEP 562's module ``__getattr__``), shared by
:mod:`whipcount` and :mod:`whipcount.rules`: a name is looked up in a table of the modules that define
them, imported once, and kept in the package's namespace so the next use costs nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(package: str, exports: Mapping[str, str], namespace: dict[str, Any]) -> Callable[[str], Any]:
    """The ``__getattr__`` of ``package``: ``exports`` maps each public name to the module that defines it;
    any other name raises AttributeError as a module's missing attribute does."""

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's own name
        module = exports.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(module), name)
        namespace[name] = value
        return value

    return __getattr__
