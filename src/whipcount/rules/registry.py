"""The registry of constitutions: built-ins and outside packages register the same way.

A module that provides constitutions exposes ``CONSTITUTIONS`` (a sequence of
:class:`~whipcount.rules.core.Constitution`). The built-ins are the modules named in
:data:`BUILTIN_MODULES`; an outside package adds its own through the ``whipcount.constitutions``
entry-point group, whose entries may point at such a module, at one ``Constitution`` or at a sequence of
them::

    [project.entry-points."whipcount.constitutions"]
    my-parliament = "my_package.rules"

Loading happens once, on first use. :func:`register` adds one at run time (a user's YAML file, a test).
A built-in profile asked for by its id loads its own module alone: each built-in's id starts with its
module's name (``pk-na`` in ``pk``, ``in-ls`` in ``in_``), and no outside package may take a built-in's id,
so the answer is the one a full load would give (``whipcount tally`` of a Pakistani scenario reads neither
the eighteen other modules nor every installed package's entry points).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from types import ModuleType

from whipcount.errors import RulesError
from whipcount.rules.core import Constitution, not_found

__all__ = [
    "BUILTIN_MODULES",
    "ENTRY_POINT_GROUP",
    "all_constitutions",
    "get_constitution",
    "register",
    "registry_errors",
]

ENTRY_POINT_GROUP = "whipcount.constitutions"

BUILTIN_MODULES: tuple[str, ...] = tuple(
    f"whipcount.rules.constitutions.{name}"
    for name in (
        "pk", "gb", "in_", "de", "es", "ca", "il", "it", "ro", "jp", "se", "np", "fr", "au", "nz",
        "hu", "pl", "si", "be",
    )
)

_REGISTRY: dict[str, Constitution] = {}
_ERRORS: list[str] = []
_LOADED = False
_LOADED_MODULES: set[str] = set()


def _accept(obj: object, where: str) -> list[Constitution]:
    if isinstance(obj, Constitution):
        return [obj]
    if isinstance(obj, ModuleType):
        found = getattr(obj, "CONSTITUTIONS", None)
        if found is None:
            raise RulesError(f"{where}: module {obj.__name__} has no CONSTITUTIONS")
        return _accept(found, where)
    if isinstance(obj, Iterable) and not isinstance(obj, str | bytes):
        out: list[Constitution] = []
        for item in obj:
            out += _accept(item, where)
        return out
    raise RulesError(f"{where}: expected a Constitution, a sequence of them or a module, got {type(obj).__name__}")


def _add(c: Constitution, where: str, *, replace: bool) -> None:
    if c.id in _REGISTRY and not replace and _REGISTRY[c.id] is not c:
        raise RulesError(f"{where}: rules profile {c.id!r} is already registered ({_REGISTRY[c.id].origin})")
    _REGISTRY[c.id] = c


def _load_builtin(name: str) -> None:
    if name in _LOADED_MODULES:
        return
    _LOADED_MODULES.add(name)
    for c in _accept(importlib.import_module(name), name):
        _add(c, name, replace=False)


def builtin_module_of(rules_id: str) -> str | None:
    """The built-in module that holds ``rules_id`` if any does: the one named by the id's first part
    (``pk-na``: ``pk``; ``in-ls``: ``in_``, as ``in`` is a Python keyword). Whether it holds it is known
    once the module is loaded; tests/test_rules.py checks every built-in id against this."""
    base = f"whipcount.rules.constitutions.{rules_id.split('-', 1)[0]}"
    return next((name for name in (base, base + "_") if name in BUILTIN_MODULES), None)


def _load() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    for name in BUILTIN_MODULES:
        _load_builtin(name)
    if not _may_have_entry_points():
        return
    from importlib import metadata  # importing it and reading every installed package: a full load alone

    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        where = f"entry point {ep.name!r} ({ep.value})"
        try:
            for c in _accept(ep.load(), where):
                _add(c, where, replace=False)
        except Exception as exc:  # an outside package must not break the built-ins
            _ERRORS.append(f"{where}: {exc}")


def _may_have_entry_points() -> bool:
    """False only where no installed package can declare an entry point of :data:`ENTRY_POINT_GROUP`: no
    ``entry_points.txt`` of a ``.dist-info`` or ``.egg-info`` folder on ``sys.path`` (where
    ``importlib.metadata`` finds them) names the group. Importing ``importlib.metadata`` and reading every
    package's entry points took 0.03 s of ``whipcount rules list``'s 0.4 s CPU (8 December 2026) to find none.
    Where this cannot tell so cheaply (a zip or an egg on the path, a finder of distributions of its own),
    it says True, and the entry points are read."""
    import os
    import sys
    from importlib.machinery import PathFinder

    if any(hasattr(f, "find_distributions") and f is not PathFinder for f in sys.meta_path):
        return True
    for entry in sys.path:
        folder = entry or "."
        if os.path.isfile(folder) or folder.lower().endswith(".egg"):
            return True
        try:
            names = os.listdir(folder)
        except OSError:
            continue  # no such folder: importlib.metadata finds nothing there either
        for name in names:
            if not name.lower().endswith((".dist-info", ".egg-info")):
                continue
            try:
                with open(os.path.join(folder, name, "entry_points.txt"), encoding="utf-8") as f:
                    if ENTRY_POINT_GROUP in f.read():
                        return True
            except (FileNotFoundError, NotADirectoryError):
                continue  # no entry points (a package without any, an egg-info file)
            except (OSError, UnicodeDecodeError):
                return True  # unreadable here: importlib.metadata says what it makes of it
    return False


def register(constitution: Constitution, *, replace: bool = False) -> Constitution:
    """Add ``constitution`` to the registry (RulesError if its id is taken and ``replace`` is False)."""
    _load()
    _add(constitution, constitution.origin, replace=replace)
    return constitution


def get_constitution(rules_id: str | Constitution) -> Constitution:
    """The registered constitution with this id (a Constitution passes through); NotFound otherwise."""
    if isinstance(rules_id, Constitution):
        return rules_id
    module = builtin_module_of(rules_id) if isinstance(rules_id, str) else None
    if module is not None and not _LOADED:
        _load_builtin(module)  # a built-in id is never an outside package's: its own module decides
        if rules_id in _REGISTRY:
            return _REGISTRY[rules_id]
    _load()
    try:
        return _REGISTRY[rules_id]
    except KeyError:
        raise not_found(rules_id, list(_REGISTRY)) from None


def all_constitutions() -> list[Constitution]:
    """Every registered constitution, sorted by id."""
    _load()
    return [_REGISTRY[k] for k in sorted(_REGISTRY)]


def registry_errors() -> list[str]:
    """Entry points that failed to load, one line each (they are skipped, not fatal)."""
    _load()
    return list(_ERRORS)
